"""``polybius run --engine ray``: the options and the call ``cli.run`` makes.

Importing this module does not import Ray; :func:`run_with_ray` does, and says how to
install it when it is missing (``pip install 'polybius[ray]'``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable, Iterable

import click

from .errors import ConfigError
from .records import Document, Failure
from .settings import Settings

if TYPE_CHECKING:  # the pipeline imports spaCy: not at CLI start-up
    from .pipeline import RunSummary


def engine_options(func: Callable) -> Callable:
    """``--engine [local|ray]``, ``--address`` and ``--workers`` for ``polybius run``."""
    func = click.option("--workers", type=click.IntRange(min=1), default=2,
                        show_default=True,
                        help="Ray extraction actors (each loads the model once).")(func)
    func = click.option("--address", default=None, metavar="ADDR",
                        help="Ray cluster to join (e.g. 10.0.0.5:6379 or auto); "
                             "default: start a local Ray on this machine.")(func)
    func = click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
                        show_default=True,
                        help="local: this process (--n-process); ray: a Ray actor pool "
                             "(pip install 'polybius[ray]').")(func)
    return func


def run_with_ray(items: Iterable[Document | Failure], store, settings: Settings, *,
                 address: str | None, workers: int,
                 on_batch: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Run ingestion + extraction on Ray actors and store the results; resumable and
    idempotent like the local engine (documents stored with the same hash are skipped).

    ``items`` are read on the driver (``polybius.ingest.read_paths``/``read_stream``);
    ``store`` is written by this process only. Without ``address`` a local Ray is
    started (and stopped at the end); with one, the run joins that cluster.

    >>> # from polybius.ingest import read_paths
    >>> # run_with_ray(read_paths(["examples"], s), Store("p.duckdb"), s,
    >>> #              address=None, workers=2)
    """
    try:
        import ray

        from . import ray_batch
    except ImportError as exc:
        raise ConfigError(f"--engine ray needs Ray ({exc.name} is missing): "
                          f"pip install 'polybius[ray]'") from exc
    from .pipeline import run_pipeline

    for name in ("ray", "ray.data"):  # our progress bar and summary are enough
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
    extractor = ray_batch.RayBatchExtractor(settings, workers=workers)
    started_here = ray_batch.connect_ray(address)
    try:
        # the driver's writes leave the cores to the workers: DuckDB on one thread
        with store.single_threaded():
            return run_pipeline(items, ray_batch.SerialStore(store),
                                ray_batch.ray_components(settings, workers), settings,
                                command="run", on_batch=on_batch, extract_batches=extractor)
    finally:
        extractor.close()
        if started_here:
            ray.shutdown()
