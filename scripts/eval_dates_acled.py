"""Score ``polybius.dates.resolve_date`` on ACLED notes against ACLED's ``event_date``.

Each note is read as one sentence with no publication date (published=None), so only
what the note itself says can date it. Prints the exact-date share, the precision
agreement and a sample of misses to stderr.

    python scripts/eval_dates_acled.py [--data ../shared/data/acled_global_2022H1_no_ukraine.csv]
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

DEFAULT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
           / "acled_global_2022H1_no_ukraine.csv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--misses", type=int, default=15, help="misses to show")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no ACLED file at {args.data}; pass --data", file=sys.stderr)
        return 2
    with args.data.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("notes")]
    outcome: Counter[str] = Counter()
    precision_ok = 0
    misses = []
    began = time.perf_counter()
    for row in rows:
        note = row["notes"]
        when = resolve_date(note, Span.of(note, 0, len(note)), [], None)
        if when.start_date == row["event_date"]:
            outcome["exact"] += 1
            precision_ok += str(when.time_precision) == row["time_precision"]
        elif when.start_date is None:
            outcome["no date"] += 1
            misses.append((row["event_date"], when, note))
        else:
            outcome["wrong"] += 1
            misses.append((row["event_date"], when, note))
    elapsed = time.perf_counter() - began
    total = len(rows)
    print(f"notes: {total}")
    for key in ("exact", "wrong", "no date"):
        print(f"{key}: {outcome[key]} ({outcome[key] / total:.2%})")
    print(f"time_precision agrees (of exact): {precision_ok / max(outcome['exact'], 1):.2%}")
    print(f"mean time per note: {elapsed / total * 1000:.3f} ms")
    for gold, when, note in misses[: args.misses]:
        print(f"gold {gold} got {when.start_date} {when.text!r} {when.reason or ''} | "
              f"{note[:140]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
