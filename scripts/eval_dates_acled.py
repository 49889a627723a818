"""Score ``polybius.dates.resolve_date`` on ACLED notes against ACLED's ``event_date``.

Each note is read as one sentence with no publication date (published=None), so only
what the note itself says can date it. Prints the exact-date share, the precision
agreement and a sample of misses to stderr.

    python scripts/eval_dates_acled.py [--data ../shared/data/acled_global_2022H1_no_ukraine.csv]
    python scripts/eval_dates_acled.py --cir   # CIR monitor titles + descriptions vs `date`
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from polybius.dates import resolve_date
from polybius.records import Span

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DEFAULT = SHARED / "acled_global_2022H1_no_ukraine.csv"
CIR = SHARED / "cir_russia_ukraine_monitor_2022.csv"


def load_rows(path: Path, cir: bool) -> list[tuple[str, str, str]]:
    """(text, gold date, gold time_precision or "") for each row with a text and a date."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if cir:
            return [(f"{r['title']}. {r['brief description']}".strip(), r["date"], "")
                    for r in reader if r.get("date")]
        return [(r["notes"], r["event_date"], r["time_precision"])
                for r in reader if r.get("notes")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--cir", action="store_true", help="score the CIR monitor file")
    parser.add_argument("--misses", type=int, default=15, help="misses to show")
    args = parser.parse_args()
    path = args.data or (CIR if args.cir else DEFAULT)
    if not path.exists():
        print(f"no data file at {path}; pass --data", file=sys.stderr)
        return 2
    rows = load_rows(path, args.cir)
    outcome: Counter[str] = Counter()
    precision_ok = 0
    misses = []
    began = time.perf_counter()
    for note, gold, gold_precision in rows:
        when = resolve_date(note, Span.of(note, 0, len(note)), [], None)
        if when.start_date == gold:
            outcome["exact"] += 1
            precision_ok += str(when.time_precision) == gold_precision
        else:
            outcome["no date" if when.start_date is None else "wrong"] += 1
            misses.append((gold, when, note))
    elapsed = time.perf_counter() - began
    total = len(rows)
    print(f"notes: {total}")
    for key in ("exact", "wrong", "no date"):
        print(f"{key}: {outcome[key]} ({outcome[key] / total:.2%})")
    if not args.cir:
        print(f"time_precision agrees (of exact): "
              f"{precision_ok / max(outcome['exact'], 1):.2%}")
    print(f"mean time per note: {elapsed / total * 1000:.3f} ms")
    for gold, when, note in misses[: args.misses]:
        print(f"gold {gold} got {when.start_date} {when.text!r} {when.reason or ''} | "
              f"{note[:140]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
