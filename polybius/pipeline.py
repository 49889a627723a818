"""Wires the stages: Iterable[Document] -> Iterator[DocResult], batched.

``process_batch`` is the unit of work: the local engine runs it over consecutive batches,
the Ray engine runs the same function per shard.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from .events.extract import extract_events
from .nlp import annotate
from .records import DocResult, Document, Event, Failure
from .resources import Resources, load_resources
from .settings import Settings

T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _extract_one(document: Document, parsed, resources: Resources,
                 settings: Settings) -> DocResult:
    try:
        events = extract_events(document, parsed, resources)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
        failure = Failure(origin=document.origin or document.id, doc_id=document.id,
                          stage="extract", content_hash=document.content_hash,
                          reason=f"extraction failed: {type(exc).__name__}: {exc}")
        return DocResult(document=document, failure=failure)
    kept = tuple(e for e in events if e.confidence >= settings.min_confidence)
    return DocResult(document=document, events=kept)


def process_batch(documents: list[Document], resources: Resources,
                  settings: Settings) -> list[DocResult]:
    """Extract the events of a batch of documents (one ``nlp.pipe`` call)."""
    parsed = annotate((d.text for d in documents), resources.nlp,
                      batch_size=settings.batch_size, n_process=settings.n_process)
    return [_extract_one(doc, p, resources, settings) for doc, p in zip(documents, parsed)]


def extract_documents(documents: Iterable[Document], resources: Resources,
                      settings: Settings) -> Iterator[DocResult]:
    """Stream documents through the extractor, ``settings.batch_size`` at a time.

    With ``n_process`` > 1 spaCy parses on several processes; memory follows the batch size.
    """
    docs = iter(documents)
    if settings.n_process > 1:
        stream = resources.nlp.pipe(((d.text, d) for d in docs), as_tuples=True,
                                    batch_size=settings.batch_size,
                                    n_process=settings.n_process)
        for parsed, doc in stream:
            yield _extract_one(doc, parsed, resources, settings)
        return
    for batch in chunks(docs, settings.batch_size):
        yield from process_batch(batch, resources, settings)


def extract_document(document: Document, resources: Resources | None = None,
                     settings: Settings | None = None) -> list[Event]:
    """The events of one document (loads resources when none are given)."""
    settings = settings or Settings()
    resources = resources or load_resources(settings)
    result = process_batch([document], resources, settings.with_(n_process=1))[0]
    if result.failure is not None:
        from .errors import InputError

        raise InputError(f"document {document.id}: {result.failure.reason}")
    return list(result.events)


@dataclass(slots=True)
class RunSummary:
    """What one run did; printed by the CLI and stored in ``runs``."""

    run_id: str = ""
    read: int = 0
    processed: int = 0
    unchanged: int = 0
    rejected: int = 0
    events: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"run_id": self.run_id, "read": self.read, "processed": self.processed,
                "unchanged": self.unchanged, "rejected": self.rejected,
                "events": self.events, "seconds": round(self.seconds, 2)}


#: A planned batch: results ready to store as they are (ingest failures, duplicate ids)
#: and the documents still to extract.
PlannedBatch = tuple[list[DocResult], list[Document]]
#: Turns planned batches into batches of results to store. The local engine runs
#: ``process_batch`` on each; the Ray engine (``polybius.ray_batch``) runs it on actors.
BatchExtractor = Callable[[Iterator[PlannedBatch]], Iterable[list[DocResult]]]


def plan_batches(items: Iterable[Document | Failure], store, settings: Settings,
                 summary: RunSummary, *, extract: bool = True) -> Iterator[PlannedBatch]:
    """Split ``items`` into batches; skip documents already stored with the same hash.

    Counts ``read`` and ``unchanged`` into ``summary``; a second document with an id
    already seen in this input and a different text becomes a :class:`Failure`.
    """
    seen: dict[str, str] = {}
    for batch in chunks(items, settings.batch_size):
        results: list[DocResult] = []
        fresh: list[Document] = []
        for item in batch:
            summary.read += 1
            if isinstance(item, Failure):
                results.append(DocResult(document=None, failure=item))
                continue
            previous = seen.get(item.id)
            if previous is not None:
                if previous != item.content_hash:
                    results.append(DocResult(document=None, failure=Failure(
                        origin=item.origin or item.id, doc_id=item.id,
                        content_hash=item.content_hash,
                        reason=f"duplicate document id {item.id!r} with different text in "
                               f"this input; ids must be unique")))
                else:
                    summary.unchanged += 1
                continue
            seen[item.id] = item.content_hash
            fresh.append(item)
        stored = store.stored_hashes([d.id for d in fresh], extracted_only=extract)
        todo = [d for d in fresh if stored.get(d.id) != d.content_hash]
        summary.unchanged += len(fresh) - len(todo)
        yield results, todo


def _extract_streaming(planned, resources: Resources,
                       settings: Settings) -> Iterator[list[DocResult]]:
    """Planned batches through ONE multi-process ``nlp.pipe`` stream (a process pool per
    batch would cost more than the parsing), re-assembled into the same batches in order."""
    queue: deque[list] = deque()  # [ready results, documents still to come, results]

    def feed() -> Iterator[tuple[str, Document]]:
        for ready, todo in planned:
            queue.append([list(ready), len(todo), []])
            for doc in todo:
                yield doc.text, doc

    def complete() -> Iterator[list[DocResult]]:
        while queue and queue[0][1] == 0:
            ready, _, results = queue.popleft()
            yield ready + results

    stream = resources.nlp.pipe(feed(), as_tuples=True, batch_size=settings.batch_size,
                                n_process=settings.n_process)
    for parsed, doc in stream:
        yield from complete()
        entry = next(e for e in queue if e[1] > 0)
        entry[2].append(_extract_one(doc, parsed, resources, settings))
        entry[1] -= 1
        yield from complete()
    yield from complete()


def run_pipeline(items: Iterable[Document | Failure], store, resources: Resources,
                 settings: Settings, *, command: str = "run", extract: bool = True,
                 on_batch: Callable[[RunSummary], None] | None = None,
                 extract_batches: BatchExtractor | None = None) -> RunSummary:
    """Ingest + extract + store, one transaction per batch; resumable and idempotent.

    Documents already stored with the same content hash are skipped, so a re-run adds
    nothing and a run killed half-way resumes where its last committed batch ended.
    ``extract_batches`` replaces the local extraction (the Ray engine passes its own).
    """
    summary = RunSummary()
    started = time.perf_counter()
    summary.run_id = store.start_run(command, settings.as_dict(), resources.components
                                     if resources else {})
    planned = plan_batches(items, store, settings, summary, extract=extract)
    if not extract:
        stream: Iterable[list[DocResult]] = (
            ready + [DocResult(document=d) for d in todo] for ready, todo in planned)
    elif extract_batches is not None:
        stream = extract_batches(planned)
    elif settings.n_process > 1:
        stream = _extract_streaming(planned, resources, settings)
    else:
        stream = (ready + (process_batch(todo, resources, settings) if todo else [])
                  for ready, todo in planned)
    for results in stream:
        store.write_results(results, summary.run_id, extracted=extract)
        for result in results:
            if result.failure is not None:
                summary.rejected += 1
                summary.failures.append(result.failure)
            else:
                summary.processed += 1
                summary.events += len(result.events)
        if on_batch:
            on_batch(summary)
    summary.seconds = time.perf_counter() - started
    store.finish_run(summary.run_id, documents=summary.processed, rejected=summary.rejected,
                     events=summary.events, seconds=summary.seconds)
    return summary
