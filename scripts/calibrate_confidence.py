"""Fit polybius/data/confidence.v1.json on the development gold set (never the test set).

    .venv/bin/python scripts/calibrate_confidence.py [--gold tests/data/gold/dev.jsonl]
        [--check tests/data/gold/test.jsonl] [--output polybius/data/confidence.v1.json]

An event counts as right when its evidence overlaps a gold event of the same PLOVER type.
Prints the reliability table of the fitted model on the fitting set and, with --check, on
a held-out set (measured only: nothing is tuned on it). Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from polybius.evaluate import load_gold
from polybius.events.confidence import FEATURES, ConfidenceModel, event_features
from polybius.pipeline import extract_documents
from polybius.records import Document
from polybius.resources import load_resources
from polybius.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def labelled_events(path, resources, settings):
    gold = load_gold(path)
    by_id = {g.id: g for g in gold}
    docs = [Document(id=g.id, text=g.text, published=g.published, title=g.title) for g in gold]
    out = []
    for result in extract_documents(docs, resources, settings):
        if result.failure is not None:
            continue
        for event in result.events:
            right = any(g.start < event.evidence.end and event.evidence.start < g.end
                        and g.event_type == event.event_type
                        for g in by_id[event.doc_id].events)
            out.append((event, float(right)))
    return out


def reliability(model, rows, title):
    print(title)
    print(f"{'confidence':<12}{'events':>8}{'right':>8}{'share':>8}")
    bins = [0.0, 0.2, 0.4, 0.6, 0.8, 1.01]
    scores = [(model.score(e, e.confidence), y) for e, y in rows]
    for lo, hi in zip(bins, bins[1:]):
        sel = [y for s, y in scores if lo <= s < hi]
        if sel:
            print(f"{lo:.1f}-{min(hi, 1.0):.1f}    {len(sel):>8}{int(sum(sel)):>8}"
                  f"{sum(sel) / len(sel):>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default=str(REPO / "tests/data/gold/dev.jsonl"))
    parser.add_argument("--check", default=None)
    parser.add_argument("--output", default=str(REPO / "polybius/data/confidence.v1.json"))
    args = parser.parse_args()
    if "test" in Path(args.gold).name:
        raise SystemExit("refusing to fit on a test set")
    settings = Settings()
    resources = load_resources(settings)
    resources.calibrator = None  # raw scores
    rows = labelled_events(args.gold, resources, settings)
    x = np.array([event_features(e, e.confidence) for e, _ in rows])
    y = np.array([label for _, label in rows])
    fit = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    model = ConfidenceModel(tuple(float(w) for w in fit.coef_[0]), float(fit.intercept_[0]))
    Path(args.output).write_text(json.dumps(model.to_json(), indent=2) + "\n")
    print(f"fitted on {len(rows)} events ({int(y.sum())} right); wrote {args.output}")
    reliability(ConfidenceModel(), rows, "raw scores, fitting set")
    reliability(model, rows, "calibrated, fitting set")
    if args.check:
        check = labelled_events(args.check, resources, settings)
        reliability(ConfidenceModel(), check, f"raw scores, {args.check}")
        reliability(model, check, f"calibrated, {args.check} (held out)")
    print(dict(zip(FEATURES, (round(w, 3) for w in model.weights))))


if __name__ == "__main__":
    main()
