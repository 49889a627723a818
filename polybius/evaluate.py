"""``polybius eval``: precision, recall and F1 per field against annotated data.

Two modes, both thin wiring over pure scoring functions:

* gold mode — :func:`run_eval` scores EVENT-FORMAT records (read from a file, or produced by
  running the extractor) against a gold JSON Lines file (``docs/gold-format.md``);
* ACLED mode — :func:`run_acled_eval` runs the extractor on the ``notes`` of real ACLED rows
  and measures per-field accuracy of each note's lead event (``evaluate_acled.lead_record``).

The pieces live in ``evaluate_gold.py`` (format and loader), ``evaluate_score.py`` (matching
and P/R/F1), ``evaluate_report.py`` (result records) and ``evaluate_acled.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError
from .evaluate_acled import AcledReport, lead_record, score_acled
from .evaluate_gold import (ACLED_SUB_TYPES, PLOVER_TYPES, STATUSES, GoldActor, GoldDate,
                            GoldDocument, GoldEvent, GoldPlace, load_gold)
from .evaluate_report import EvalReport, FieldScore, ReliabilityBin
from .evaluate_score import haversine_km, names_agree, normalize_name, score
from .records import Document, Failure
from .settings import Settings

__all__ = [
    "ACLED_SUB_TYPES", "PLOVER_TYPES", "STATUSES", "AcledReport", "EvalReport", "FieldScore",
    "GoldActor", "GoldDate", "GoldDocument", "GoldEvent", "GoldPlace", "ReliabilityBin",
    "haversine_km", "load_gold", "names_agree", "normalize_name", "predict_documents",
    "read_predictions", "run_acled_eval", "run_eval", "score", "score_acled",
]


def read_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Read EVENT-FORMAT records, one JSON object a line (``polybius extract`` output).

    >>> records = read_predictions("predicted.jsonl")  # doctest: +SKIP
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read predictions file {path}: {exc}") from exc
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path.name} line {number}: not valid JSON "
                             f"({exc.msg} at column {exc.colno})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{path.name} line {number}: expected a JSON object")
        records.append(record)
    return records


def predict_documents(documents: Iterable[Document], resources: Any = None,
                      settings: Settings | None = None,
                      ) -> tuple[list[dict[str, Any]], list[Failure]]:
    """Run the extractor; returns (EVENT-FORMAT records, the documents' failures).

    Loads resources from ``settings`` when ``resources`` is None.
    """
    from .pipeline import extract_documents
    from .resources import load_resources

    settings = settings or Settings()
    if resources is None:
        resources = load_resources(settings)
    records: list[dict[str, Any]] = []
    failures: list[Failure] = []
    for result in extract_documents(documents, resources, settings):
        if result.failure is not None:
            failures.append(result.failure)
            continue
        records.extend(event.to_json() for event in result.events)
    return records, failures


def _reasons(failures: list[Failure]) -> tuple[str, ...]:
    return tuple(f"{f.doc_id or f.origin}: {f.reason}" for f in failures)


def run_eval(gold_path: str | Path, *, predictions_path: str | Path | None = None,
             resources: Any = None, settings: Settings | None = None) -> EvalReport:
    """Score predictions (a JSONL file, or the extractor run on the gold texts) against gold.

    >>> report = run_eval("tests/data/gold/dev.jsonl")  # doctest: +SKIP
    >>> print(report.to_table())  # doctest: +SKIP
    """
    gold = load_gold(gold_path)
    if predictions_path is not None:
        return score(gold, read_predictions(predictions_path))
    documents = [Document(id=doc.id, text=doc.text, published=doc.published, title=doc.title,
                          url=doc.url, source=doc.source, origin=f"{gold_path}:{doc.line}")
                 for doc in gold]
    records, failures = predict_documents(documents, resources, settings)
    return score(gold, records, n_failed=len(failures), failure_reasons=_reasons(failures))


def run_acled_eval(csv_path: str | Path, *, split: str | None = "test", limit: int | None = None,
                   resources: Any = None, settings: Settings | None = None,
                   clean_notes: bool = True) -> AcledReport:
    """Run the extractor on ACLED notes and score each row's lead event.

    ``split`` is "test", "train" (``polybius.acled.acled_split`` by country) or None/"all";
    ``limit`` keeps the first N rows of the split. With ``clean_notes`` the coder label and
    bracketed coding remarks are removed first (``polybius.acled.clean_note``).

    >>> report = run_acled_eval("../shared/data/acled_argentina_2022-06.csv", split=None)  # doctest: +SKIP
    >>> report.field("event_type").accuracy  # doctest: +SKIP
    """
    from .acled import acled_split, clean_note, dedupe_acled, read_acled_csv

    if split not in (None, "all", "train", "test"):
        raise InputError(f"unknown ACLED split {split!r}; use 'train', 'test' or 'all'")
    if limit is not None and limit < 1:
        raise InputError(f"limit must be a positive number of rows, got {limit}")
    rows = []
    for row in dedupe_acled(read_acled_csv(csv_path)):
        if split in (None, "all") or acled_split(row.country) == split:
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    documents = [Document(id=row.event_id_cnty,
                          text=clean_note(row.notes) if clean_notes else row.notes,
                          published=None, source="ACLED", origin=f"{csv_path}:{row.event_id_cnty}")
                 for row in rows]
    records, failures = predict_documents(documents, resources, settings)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_doc.setdefault(record["doc_id"], []).append(record)
    best = {doc_id: lead_record(found) for doc_id, found in by_doc.items()}
    return score_acled(rows, best, split=None if split == "all" else split,
                       n_failed=len(failures), failure_reasons=_reasons(failures))
