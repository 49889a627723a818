"""A development fold inside the ACLED train split, for tuning without touching the test split.

    .venv/bin/python scripts/acled_devfold.py [--csv FILE] [--limit N] [--n-process 2]

The train split's countries (``polybius.acled.acled_split``) are hashed into four folds; the
event classifier is retrained on three of them (needs scikit-learn) and the whole pipeline is
scored on the notes of the fourth (``--fold``; 0 by default, the fold changes are tuned on;
1-3 check that a change generalises), exactly as ``polybius eval --acled`` scores the test
split.
The bundled classifier was trained on every train country, so scoring it on train notes
would flatter it; this fold gives honest figures to compare changes with. Held-out test
countries are never read. Skips cleanly when the ACLED file is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from polybius.acled import acled_split, clean_note, dedupe_acled, read_acled_csv  # noqa: E402
from polybius.evaluate import predict_documents  # noqa: E402
from polybius.evaluate_acled import ACLED_RULES, lead_record, score_acled  # noqa: E402
from polybius.records import Document  # noqa: E402
from polybius.settings import Settings  # noqa: E402
from polybius.train import train_classifier  # noqa: E402

CSV = REPO.parent / "shared" / "data" / "acled_global_2022H1_no_ukraine.csv"
FOLDS = 4


def fold_of(country: str) -> int:
    return int(hashlib.sha256(country.casefold().encode()).hexdigest()[:8], 16) % FOLDS


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", type=Path, default=CSV)
    ap.add_argument("--limit", type=int, default=None, help="first N rows of the dev fold")
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--fold", type=int, default=0, choices=range(FOLDS),
                    help="the fold to score (the classifier is trained on the others)")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write one JSON line per row: the gold row, its lead record, "
                         "and which fields it got right")
    args = ap.parse_args()
    if not args.csv.exists():
        print(f"skipped: {args.csv} not found")
        return
    rows = [r for r in dedupe_acled(read_acled_csv(args.csv))
            if acled_split(r.country) == "train"]
    seen, texts, labels, groups = set(), [], [], []
    for r in rows:
        text = clean_note(r.notes)
        if fold_of(r.country) != args.fold and r.sub_event_type and text and \
                (text, r.sub_event_type) not in seen:
            seen.add((text, r.sub_event_type))
            texts.append(text), labels.append(r.sub_event_type), groups.append(r.country)
    dev = [r for r in rows if fold_of(r.country) == args.fold][:args.limit]
    print(f"classifier trained on {len(texts)} notes of the other folds; scoring "
          f"{len(dev)} rows of fold {args.fold} ({len({r.country for r in dev})} countries)")
    with tempfile.TemporaryDirectory() as tmp:
        weights = Path(tmp) / "fold_classifier.npz"
        train_classifier(zip(texts, labels), groups=groups).save(weights)
        docs = [Document(id=r.event_id_cnty, text=clean_note(r.notes), source="ACLED",
                         origin=f"{args.csv}:{r.event_id_cnty}") for r in dev]
        settings = Settings(n_process=args.n_process, event_classifier=str(weights))
        records, failures = predict_documents(docs, None, settings)
    by_doc: dict[str, list] = {}
    for record in records:
        by_doc.setdefault(record["doc_id"], []).append(record)
    leads = {d: lead_record(found) for d, found in by_doc.items()}
    report = score_acled(dev, leads, split=f"dev fold {args.fold}", n_failed=len(failures))
    print(report.to_table())
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row in dev:
                pred = leads.get(row.event_id_cnty)
                right = {name: bool(pred) and bool(rule(pred, row)) for name, rule in ACLED_RULES}
                out.write(json.dumps({"gold": asdict(row), "right": right, "pred": pred,
                                      "n_events": len(by_doc.get(row.event_id_cnty, []))},
                                     ensure_ascii=False, default=str) + "\n")
        print(f"wrote {args.dump}")


if __name__ == "__main__":
    main()
