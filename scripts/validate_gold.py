"""Validate gold JSON Lines files and print what they cover.

    python scripts/validate_gold.py                      # every tests/data/gold/*.jsonl
    python scripts/validate_gold.py path/to/gold.jsonl   # one or more files

Checks (via ``polybius.evaluate.load_gold``): every line parses, ids are unique, every
``evidence_text`` and ``attribution`` is an exact substring occurring once, enums and ISO
dates are valid. Also warns (without failing) about texts outside 150-450 words. Exit status 1
when any file is invalid.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from polybius.errors import InputError  # noqa: E402
from polybius.evaluate import STATUSES, GoldDocument, load_gold  # noqa: E402


def summarize(docs: list[GoldDocument]) -> list[str]:
    events = [ev for doc in docs for ev in doc.events]
    words = [len(doc.text.split()) for doc in docs]
    lines = [
        f"  {len(docs)} documents, {len(events)} events "
        f"({len(events) / len(docs):.1f} per document), {min(words)}-{max(words)} words "
        f"(mean {sum(words) / len(docs):.0f})",
        f"  without published: {sum(doc.published is None for doc in docs)}; "
        f"without events: {sum(not doc.events for doc in docs)}",
        "  conflicts: " + ", ".join(f"{k} {v}" for k, v in
                                   Counter(doc.conflict for doc in docs).most_common()),
        "  status: " + ", ".join(f"{s} {Counter(ev.status for ev in events)[s]}"
                                 for s in STATUSES),
        "  PLOVER: " + ", ".join(f"{k} {v}" for k, v in
                                 Counter(ev.event_type for ev in events).most_common()),
        "  ACLED: " + ", ".join(f"{k} {v}" for k, v in
                                Counter(ev.acled_sub_event_type for ev in events).most_common()),
        f"  with fatalities: {sum(ev.fatalities is not None for ev in events)}; "
        f"with attribution: {sum(ev.attribution is not None for ev in events)}; "
        f"with date: {sum(ev.date is not None for ev in events)}; "
        f"with location: {sum(ev.location is not None for ev in events)}",
    ]
    for doc, n in zip(docs, words):
        if not 150 <= n <= 450:
            lines.append(f"  warning: {doc.id} has {n} words (aim for 150-450)")
    return lines


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((REPO / "tests" / "data" / "gold").glob("*.jsonl"))
    if not paths:
        print("no gold files found", file=sys.stderr)
        return 1
    status = 0
    for path in paths:
        try:
            docs = load_gold(path)
        except InputError as exc:
            print(f"INVALID {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(f"OK {path}")
        print("\n".join(summarize(docs)))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
