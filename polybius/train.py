"""Train the event classifier (``polybius train``) and measure it on ACLED notes.

scikit-learn is needed here only (``pip install polybius[train]``); the trained classifier
is plain numpy arrays and runs without it.

The shipped weights ``polybius/data/event_classifier.v1.npz`` were made from the repository
root with ``../shared/data`` beside it, by::

    polybius train --acled ../shared/data/acled_global_2022H1_no_ukraine.csv \\
        --acled ../shared/data/acled_argentina_2022-06.csv \\
        --output polybius/data/event_classifier.v1.npz

which is ``train_from_acled([...both csv...], split="train", seed=0).save(output)``: the
"train" side of ``polybius.acled.acled_split`` only, deduplicated on ``event_id_cnty``,
notes cleaned with ``polybius.acled.clean_note``. Training is deterministic for a seed.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .acled import Codebook, acled_split, clean_note, dedupe_acled, read_acled_csv
from .errors import ConfigError, InputError
from .events.classify import (MODEL_NAME, EventClassifier, Features, RuleSet, char_codes,
                              word_terms)

WORD_MIN_DF = 2
WORD_MAX_FEATURES = 40_000
CHAR_MIN_DF = 3
CHAR_MAX_FEATURES = 40_000
C = 20.0  # inverse L2 strength, chosen by 4-fold CV by country on the train split
CLASS_WEIGHT_POWER = 0.5  # sample weight (n / n_class) ** power: helps rare sub-event types
CALIBRATION_FOLDS = 4
GOLD_WEIGHT = 3.0  # a news sentence from the team's gold dev set counts as 3 ACLED notes
SPLITS = ("train", "test", "all")


def _sklearn() -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold, StratifiedKFold
    except ImportError as exc:
        raise ConfigError("training the event classifier needs scikit-learn: "
                          "pip install 'polybius[train]'") from exc
    return LogisticRegression, GroupKFold, StratifiedKFold


def build_features(texts: Sequence[str]) -> Features:
    """Vocabularies (most frequent terms by document frequency) and smoothed idf."""
    n = len(texts)

    def idf(df: np.ndarray) -> np.ndarray:
        return (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)

    word_df: Counter[str] = Counter()
    for text in texts:
        word_df.update(set(word_terms(text)))
    kept = sorted((t for t, c in word_df.items() if c >= WORD_MIN_DF),
                  key=lambda t: (-word_df[t], t))
    words = sorted(kept[:WORD_MAX_FEATURES])
    word_idf = idf(np.array([word_df[t] for t in words], dtype=np.float64))
    per_text = [np.unique(char_codes(text)) for text in texts]
    codes, df = np.unique(np.concatenate(per_text) if per_text else np.zeros(0, np.int64),
                          return_counts=True)
    keep = df >= CHAR_MIN_DF
    codes, df = codes[keep], df[keep]
    top = np.lexsort((codes, -df))[:CHAR_MAX_FEATURES]  # most frequent, ties by code
    order = np.sort(top)
    return Features({t: i for i, t in enumerate(words)}, word_idf, codes[order],
                    idf(df[order].astype(np.float64)))


def _matrix(features: Features, texts: Sequence[str]) -> Any:
    from scipy.sparse import csr_matrix

    rows = [features.row(text) for text in texts]
    indptr = np.cumsum([0] + [len(ids) for ids, _ in rows], dtype=np.int64)
    indices = np.concatenate([ids for ids, _ in rows] or [np.zeros(0, np.int64)])
    data = np.concatenate([vals for _, vals in rows] or [np.zeros(0, np.float32)])
    return csr_matrix((data, indices.astype(np.int32), indptr),
                      shape=(len(texts), features.size))


def _fit(texts: Sequence[str], labels: np.ndarray, weights: np.ndarray,
         seed: int) -> tuple[Features, tuple[str, ...], np.ndarray, np.ndarray]:
    logistic, _, _ = _sklearn()
    features = build_features(texts)
    model = logistic(C=C, max_iter=3000, random_state=seed)
    model.fit(_matrix(features, texts), labels, sample_weight=weights)
    classes = tuple(str(c) for c in model.classes_)
    coef = np.asarray(model.coef_, dtype=np.float32)
    intercept = np.asarray(model.intercept_, dtype=np.float32)
    if len(classes) == 2:  # sklearn keeps one row for two classes: softmax([0, z])
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.array([0.0, intercept[0]], np.float32)
    return features, classes, coef.T.copy(), intercept


def train_classifier(rows: Iterable[tuple[str, str]], *, seed: int = 0,
                     groups: Sequence[str] | None = None,
                     weights: Sequence[float] | None = None,
                     calibrate: bool = True) -> EventClassifier:
    """Train on (text, ACLED sub-event type) pairs.

    ``groups`` (one per row, e.g. the country) makes calibration folds hold out whole
    groups; ``weights`` scale rows (on top of the class weighting). With ``calibrate`` the
    temperature is fitted on out-of-fold predictions so that confidences are probabilities.

    >>> clf = train_classifier([("Protesters marched in Lima.", "Peaceful protest"),
    ...                         ("Gunmen killed two farmers.", "Attack")] * 5)  # doctest: +SKIP
    """
    pairs = list(rows)
    texts = [t for t, _ in pairs]
    labels = np.array([label for _, label in pairs], dtype=object)
    codebook = Codebook.load()
    known = set(codebook.sub_event_types)
    unknown = sorted(set(labels) - known)
    if unknown:
        raise InputError(f"unknown ACLED sub-event type(s) in training rows: {unknown}")
    if len(set(labels)) < 2:
        raise InputError("training needs examples of at least two sub-event types")
    counts = Counter(labels)
    base = np.array([(len(labels) / counts[y]) ** CLASS_WEIGHT_POWER for y in labels])
    if weights is not None:
        base = base * np.asarray(weights, dtype=float)
    base = base / base.mean()
    started = time.perf_counter()
    features, classes, coef, intercept = _fit(texts, labels, base, seed)
    temperature = 1.0
    if calibrate:
        temperature = _fit_temperature(texts, labels, base, classes, groups, seed)
    meta = {"name": MODEL_NAME, "seed": seed, "rows": len(texts),
            "class_counts": {c: counts[c] for c in classes}, "C": C,
            "class_weight_power": CLASS_WEIGHT_POWER, "word_features": len(features.word_vocab),
            "char_features": len(features.char_codes),
            "train_seconds": round(time.perf_counter() - started, 1)}
    return EventClassifier(classes=classes, features=features, coef=coef, intercept=intercept,
                           temperature=temperature, codebook=codebook,
                           rules=RuleSet.load(codebook), meta=meta)


def _fit_temperature(texts: Sequence[str], labels: np.ndarray, weights: np.ndarray,
                     classes: tuple[str, ...], groups: Sequence[str] | None,
                     seed: int) -> float:
    """The softmax temperature minimising out-of-fold log loss (1.0 if too few rows)."""
    _, group_kfold, stratified_kfold = _sklearn()
    n_groups = len(set(groups)) if groups is not None else 0
    if groups is not None and n_groups >= CALIBRATION_FOLDS:
        splits = group_kfold(CALIBRATION_FOLDS).split(texts, labels, list(groups))
    else:
        smallest = min(Counter(labels).values())
        if smallest < 2 or len(texts) < 20:
            return 1.0
        splits = stratified_kfold(min(CALIBRATION_FOLDS, smallest), shuffle=True,
                                  random_state=seed).split(texts, labels)
    logits = np.full((len(texts), len(classes)), -1e4, dtype=np.float32)
    index = {c: j for j, c in enumerate(classes)}
    for train_idx, test_idx in splits:
        fold_labels = labels[train_idx]
        if len(set(fold_labels)) < 2:
            continue
        features, fold_classes, coef, intercept = _fit(
            [texts[i] for i in train_idx], fold_labels, weights[train_idx], seed)
        fold = EventClassifier(classes=fold_classes, features=features, coef=coef,
                               intercept=intercept, temperature=1.0, codebook=Codebook(()),
                               rules=RuleSet((), {}))
        cols = [index[c] for c in fold_classes]
        logits[np.ix_(test_idx, cols)] = fold.logits([texts[i] for i in test_idx])
    target = np.array([index[y] for y in labels])
    grid = np.exp(np.linspace(math.log(0.2), math.log(5.0), 161))
    losses = [_log_loss(logits / t, target) for t in grid]
    return float(grid[int(np.argmin(losses))])


def _log_loss(logits: np.ndarray, target: np.ndarray) -> float:
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-np.maximum(log_p[np.arange(len(target)), target], math.log(1e-9)).mean())


@dataclass(frozen=True, slots=True)
class AcledExample:
    """One ACLED note prepared for training or evaluation."""

    event_id: str
    text: str
    sub_event_type: str
    event_type: str
    country: str


def acled_examples(csv_paths: Iterable[str | Path], split: str = "train") -> list[AcledExample]:
    """Deduplicated (latest revision per ``event_id_cnty`` across all files), cleaned notes
    of one side of ``acled_split`` ("train", "test" or "all")."""
    if split not in SPLITS:
        raise InputError(f"unknown ACLED split {split!r}; use one of {', '.join(SPLITS)}")
    rows = dedupe_acled(row for path in csv_paths for row in read_acled_csv(path))
    out = []
    for row in rows:
        if split != "all" and acled_split(row.country) != split:
            continue
        text = clean_note(row.notes)
        if text and row.sub_event_type:
            out.append(AcledExample(row.event_id_cnty, text, row.sub_event_type,
                                    row.event_type, row.country))
    return out


def gold_rows(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """(evidence_text, sub-event type) of the ACLED-typed events in gold JSONL files.
    Refuses a file named ``test*.jsonl``: the team's test set is never trained on."""
    pairs = []
    for path in map(Path, paths):
        if path.name.startswith("test"):
            raise InputError(f"{path} looks like a test set; train on the dev set only")
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read gold file {path}: {exc}") from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not JSON: {exc}") from exc
            for event in doc.get("events", []):
                sub, evidence = event.get("acled_sub_event_type"), event.get("evidence_text")
                if sub and evidence:
                    pairs.append((str(evidence), str(sub)))
    return pairs


def train_from_acled(csv_paths: Sequence[str | Path], split: str = "train", *,
                     gold_paths: Sequence[str | Path] = (), seed: int = 0) -> EventClassifier:
    """Train on the cleaned notes of ``split`` of ACLED exports (plus gold dev sentences).

    >>> clf = train_from_acled(["../shared/data/acled_argentina_2022-06.csv"])  # doctest: +SKIP
    >>> clf.save("event_classifier.npz")  # doctest: +SKIP
    """
    examples = acled_examples(csv_paths, split)
    seen: set[tuple[str, str]] = set()
    texts, labels, groups, weights = [], [], [], []
    for ex in examples:
        if (ex.text, ex.sub_event_type) not in seen:  # multi-location events share a note
            seen.add((ex.text, ex.sub_event_type))
            texts.append(ex.text), labels.append(ex.sub_event_type)
            groups.append(ex.country), weights.append(1.0)
    for number, (text, sub) in enumerate(gold_rows(gold_paths)):
        texts.append(text), labels.append(sub)
        groups.append(f"gold:{number % CALIBRATION_FOLDS}"), weights.append(GOLD_WEIGHT)
    if not texts:
        raise InputError(f"no training rows in the {split!r} split of "
                         f"{', '.join(map(str, csv_paths))}")
    clf = train_classifier(zip(texts, labels), seed=seed, groups=groups, weights=weights)
    meta = dict(clf.meta, acled_files=[Path(p).name for p in csv_paths], split=split,
                gold_files=[Path(p).name for p in gold_paths])
    return EventClassifier(classes=clf.classes, features=clf.features, coef=clf.coef,
                           intercept=clf.intercept, temperature=clf.temperature,
                           codebook=clf.codebook, rules=clf.rules, meta=meta)


RELIABILITY_EDGES = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    n: int
    mean_confidence: float | None
    accuracy: float | None


@dataclass(frozen=True, slots=True)
class TypingReport:
    """Accuracy of the classifier (model only, no trigger lemma) on ACLED notes."""

    n: int
    event_type_accuracy: float
    sub_event_type_accuracy: float
    baseline_label: str
    baseline_event_type_accuracy: float
    baseline_sub_event_type_accuracy: float
    reliability: tuple[ReliabilityBin, ...]
    n_confident: int  # predictions with confidence >= 0.8
    confident_accuracy: float | None

    def as_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__slots__ if k != "reliability"}
        out["reliability"] = [{k: getattr(b, k) for k in b.__slots__} for b in self.reliability]
        return out


def evaluate_classifier(classifier: EventClassifier,
                        examples: Sequence[AcledExample]) -> TypingReport:
    """Score ``classifier`` on ACLED examples (e.g. ``acled_examples(paths, "test")``).

    The majority-class baseline predicts the most frequent sub-event type of the
    classifier's own training rows (``meta["class_counts"]``).
    """
    if not examples:
        raise InputError("no ACLED examples to evaluate on")
    types = classifier.classify([ex.text for ex in examples], [None] * len(examples))
    sub_ok = np.array([t.acled_sub_event_type == ex.sub_event_type
                       for t, ex in zip(types, examples)])
    event_ok = np.array([t.acled_event_type == ex.event_type for t, ex in zip(types, examples)])
    conf = np.array([t.confidence for t in types])
    counts = classifier.meta.get("class_counts") or {}
    majority = max(counts, key=counts.get) if counts else classifier.classes[0]
    majority_event = classifier.codebook.event_type(majority)
    bins = []
    for low, high in zip(RELIABILITY_EDGES, RELIABILITY_EDGES[1:]):
        inside = (conf >= low) & ((conf < high) if high < 1.0 else (conf <= high))
        n = int(inside.sum())
        bins.append(ReliabilityBin(low, high, n,
                                   round(float(conf[inside].mean()), 3) if n else None,
                                   round(float(sub_ok[inside].mean()), 3) if n else None))
    confident = conf >= 0.8
    return TypingReport(
        n=len(examples),
        event_type_accuracy=round(float(event_ok.mean()), 4),
        sub_event_type_accuracy=round(float(sub_ok.mean()), 4),
        baseline_label=majority,
        baseline_event_type_accuracy=round(
            float(np.mean([ex.event_type == majority_event for ex in examples])), 4),
        baseline_sub_event_type_accuracy=round(
            float(np.mean([ex.sub_event_type == majority for ex in examples])), 4),
        reliability=tuple(bins), n_confident=int(confident.sum()),
        confident_accuracy=round(float(sub_ok[confident].mean()), 4) if confident.any() else None)
