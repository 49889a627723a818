"""Measure the situation layer on the annotated week (tests/data/week).

Runs the real pipeline over the week's 40 reports into a fresh DuckDB file (all at once, or
one report at a time in publication order with ``--incremental``) and prints the figures of
``polybius.situation.evaluate``: merge pairwise precision / recall, control accuracy as of
each gold date, and the share of gold talks, claims and impacts found and right.

Usage::

    python scripts/eval_situation.py                  # prints a JSON report
    python scripts/eval_situation.py --incremental    # also checks incremental == batch
    python scripts/eval_situation.py --db week.duckdb # score an existing store instead
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from polybius.ingest import read_paths  # noqa: E402
from polybius.pipeline import run_pipeline  # noqa: E402
from polybius.resources import load_resources  # noqa: E402
from polybius.settings import Settings  # noqa: E402
from polybius.situation.evaluate import load_week, score_week  # noqa: E402
from polybius.store.situation_store import SITUATION_TABLES  # noqa: E402
from polybius.store.store import Store  # noqa: E402


def _snapshot(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in SITUATION_TABLES}


def build(path: Path, week_dir: Path, resources, settings: Settings, incremental: bool) -> float:
    """Fill ``path`` with the week; seconds spent in the store (situation updates included)."""
    docs = list(read_paths([str(week_dir / "reports.jsonl")], settings))
    store = Store(path)
    started = time.perf_counter()
    if incremental:
        for doc in sorted(docs, key=lambda d: (getattr(d, "published", "") or "", d.id)):
            run_pipeline([doc], store, resources, settings, command="eval-situation")
    else:
        run_pipeline(docs, store, resources, settings, command="eval-situation")
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--week", type=Path, default=REPO / "tests" / "data" / "week")
    parser.add_argument("--db", type=Path, default=None, help="score this store instead")
    parser.add_argument("--incremental", action="store_true",
                        help="also add the reports one at a time and compare")
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    week = load_week(args.week)
    report: dict = {}
    if args.db is not None:
        store = Store(args.db, read_only=True)
        report["scores"] = score_week(store.conn, week)
    else:
        settings = Settings()
        resources = load_resources(settings)
        with tempfile.TemporaryDirectory() as tmp:
            batch = Path(tmp) / "batch.duckdb"
            report["seconds_batch"] = round(build(batch, args.week, resources, settings,
                                                  False), 2)
            store = Store(batch, read_only=True)
            report["scores"] = score_week(store.conn, week)
            report["rows_batch"] = _snapshot(store)
            store.close()
            if args.incremental:
                inc = Path(tmp) / "incremental.duckdb"
                report["seconds_incremental"] = round(
                    build(inc, args.week, resources, settings, True), 2)
                store = Store(inc, read_only=True)
                report["scores_incremental"] = score_week(store.conn, week)
                report["rows_incremental"] = _snapshot(store)
                store.close()
    if not args.details:
        for scores in (report.get("scores"), report.get("scores_incremental")):
            for part in (scores or {}).values():
                if isinstance(part, dict) and "details" in part:
                    part["misses"] = len(part.pop("details"))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
