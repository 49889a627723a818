"""List actor1/actor2 misses on a gold file, grouped by cause.

Runs the extractor on the gold texts (or reads ``--predictions``), matches events as
``polybius eval`` does, and prints each gold actor the prediction got wrong with a cause:

* ``unmatched``  the gold event has no matched prediction;
* ``none``       matched, but no actor predicted;
* ``wrong``      an actor predicted that is neither this gold actor nor the other one;
* ``swapped``    the predicted actor is the gold's other actor (agent/target mixed up);
* ``spurious``   an actor predicted where the gold has none;
* ``country``    the name agrees but the country does not.

    python scripts/actor_errors.py tests/data/gold/dev.jsonl
    python scripts/actor_errors.py tests/data/gold/dev.jsonl --save /tmp/pred.jsonl
    python scripts/actor_errors.py tests/data/gold/dev.jsonl --predictions /tmp/pred.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
import sys

from polybius.evaluate import load_gold, predict_documents, read_predictions
from polybius.evaluate_score import match_events, names_agree, parse_prediction
from polybius.records import Document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--predictions", help="score this JSONL instead of running the extractor")
    parser.add_argument("--save", help="write the extractor's records here")
    args = parser.parse_args(argv)
    if "test.jsonl" in args.gold:
        parser.error("the test split is held out: use the dev set")
    gold = load_gold(args.gold)
    if args.predictions:
        records = read_predictions(args.predictions)
    else:
        docs = [Document(id=d.id, text=d.text, published=d.published, title=d.title,
                         source=d.source, origin=args.gold) for d in gold]
        records, _ = predict_documents(docs)
        if args.save:
            with open(args.save, "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(rec) + "\n" for rec in records)
    by_doc = collections.defaultdict(list)
    raw = collections.defaultdict(list)
    for i, rec in enumerate(records, 1):
        by_doc[rec["doc_id"]].append(parse_prediction(rec, i, None))
        raw[rec["doc_id"]].append(rec)
    causes = collections.Counter()
    for doc in gold:
        preds = by_doc.get(doc.id, [])
        pairs = dict(match_events(doc.events, preds))
        for gi, ev in enumerate(doc.events):
            p = preds[pairs[gi]].values if gi in pairs else None
            rec = raw[doc.id][pairs[gi]] if gi in pairs else {}
            said = "[{}] a1={!r} a2={!r}".format(
                (rec.get("trigger") or {}).get("text"),
                (rec.get("actor1") or {}).get("text") or (rec.get("actor1") or {}).get("reason"),
                (rec.get("actor2") or {}).get("text") or (rec.get("actor2") or {}).get("reason"))
            for slot, other in (("actor1", "actor2"), ("actor2", "actor1")):
                g = getattr(ev, slot)
                g_other = getattr(ev, other)
                if p is None:
                    if g is not None:
                        causes[slot, "unmatched"] += 1
                        print(f"{doc.id} {slot} unmatched  gold={g.name!r} | {ev.evidence_text[:100]}")
                    continue
                name, country = p[f"{slot}_name"], p[f"{slot}_country"]
                if g is None:
                    if name:
                        causes[slot, "spurious"] += 1
                        print(f"{doc.id} {slot} spurious   pred={name!r} | {ev.evidence_text[:100]}")
                    continue
                if name and names_agree(name, g.name):
                    if (country or "") != (g.country or ""):
                        causes[slot, "country"] += 1
                        print(f"{doc.id} {slot} country    gold={g.name!r} {g.country} pred={country}")
                    else:
                        causes[slot, "ok"] += 1
                    continue
                if not name:
                    cause = "none"
                elif g_other is not None and names_agree(name, g_other.name):
                    cause = "swapped"
                else:
                    cause = "wrong"
                causes[slot, cause] += 1
                print(f"{doc.id} {slot} {cause:10s} gold={g.name!r} pred={name!r} "
                      f"other={p[f'{other}_name']!r} {said} | {ev.evidence_text[:140]}")
    print(file=sys.stderr)
    for (slot, cause), n in sorted(causes.items()):
        print(f"{slot:7s} {cause:10s} {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
