"""Event typing: sentence + trigger lemma -> PLOVER type, ACLED event/sub-event type, confidence.

Two parts, combined per sentence:

* a linear model (TF-IDF word 1-2-grams and character 3-5-grams, multinomial logistic
  regression, temperature-calibrated) that predicts the ACLED sub-event type. Its weights
  are plain numpy arrays (``polybius/data/event_classifier.v1.npz``); inference needs numpy
  only, training needs scikit-learn (``polybius.train``);
* rules on the trigger lemma where they are precise (the table
  ``polybius/data/event_classifier.v1.rules.csv``, text cues in ``...v1.cues.csv``):
  talks -> CONSULT outside ACLED, agreements -> AGREE + Agreement, shelling -> Shelling, ...;
  or a narrower set of sub-event types among which the model chooses.

``method`` says which decided: "model", "rule" or "rule+model".
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from itertools import repeat, takewhile
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from ..acled import Codebook
from ..errors import InputError

MODEL_NAME = "event_classifier.v1"
WEIGHTS_RESOURCE = "event_classifier.v1.npz"
RULES_RESOURCE = "event_classifier.v1.rules.csv"
CUES_RESOURCE = "event_classifier.v1.cues.csv"
FORMAT_VERSION = 1

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_CHAR_SIZES = (3, 4, 5)
_PREPOSITIONS = {"in", "at", "near", "from", "on", "inside", "outside", "around", "across", "by",
                 "during", "after", "before", "with", "for", "to", "over", "under", "along"}


@dataclass(frozen=True, slots=True)
class EventType:
    """The type of one event mention.

    ``acled_event_type``/``acled_sub_event_type`` are None when the event is outside
    ACLED's scope (talks, sanctions, accusations). ``confidence`` is the calibrated
    probability that ``acled_sub_event_type`` (or, outside ACLED, ``plover``) is right.
    """

    plover: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    confidence: float
    method: str


def word_terms(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams (words of two or more word characters).

    >>> word_terms("Troops shelled Kharkiv.")
    ['troops', 'shelled', 'kharkiv', 'troops shelled', 'shelled kharkiv']
    """
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def char_codes(text: str) -> np.ndarray:
    """Character 3-5-grams inside space-padded lower-cased words, as int64 codes.

    A character is its code point below 127 and 127 otherwise; an n-gram is the base-128
    number of its characters (first character lowest), so n-grams of different lengths
    never share a code. Same n-grams as scikit-learn's ``analyzer="char_wb"``.

    >>> [decode_char_code(c) for c in char_codes("Hit")]
    [' hi', 'hit', 'it ', ' hit', 'hit ', ' hit ']
    """
    padded = " " + " ".join(text.lower().split()) + " "
    chars = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    np.minimum(chars, 127, out=chars)
    space = np.concatenate([[0], np.cumsum(chars == 32)])
    out = []
    for n in _CHAR_SIZES:
        count = len(chars) - n + 1
        if count <= 0:
            continue
        code = chars[n - 1:n - 1 + count].copy()
        for i in range(n - 2, -1, -1):
            code = (code << 7) | chars[i:i + count]
        inner_spaces = space[n - 1:n - 1 + count] - space[1:1 + count]
        out.append(code[inner_spaces == 0])
    return np.concatenate(out) if out else np.zeros(0, np.int64)


def decode_char_code(code: int) -> str:
    """The n-gram of a ``char_codes`` code (127 stands for any non-ASCII character)."""
    chars = []
    while code:
        chars.append(chr(code & 127))
        code >>= 7
    return "".join(chars)


@dataclass(frozen=True, slots=True)
class TypeRule:
    """One row of the rules table: for these lemmas, when these cues hold, this outcome."""

    lemmas: frozenset[str]
    when: tuple[tuple[str, bool], ...]  # (cue name, must hold)
    plover: str | None
    outside_acled: bool
    sub_event_type: str | None  # fixed outcome
    allowed: frozenset[str]  # the model picks among these (empty: any)
    confidence: float

    @property
    def needs_model(self) -> bool:
        return not self.outside_acled and self.sub_event_type is None


@dataclass(frozen=True, slots=True, eq=False)
class RuleSet:
    """The trigger-lemma rules and the text cues they test, read from package data."""

    rules: tuple[TypeRule, ...]
    cues: Mapping[str, re.Pattern[str]]

    @classmethod
    def load(cls, codebook: Codebook) -> "RuleSet":
        cue_parts: dict[str, list[str]] = {}
        for number, rec in _data_rows(CUES_RESOURCE):
            cue_parts.setdefault(rec["cue"], []).append(rec["pattern"])
        try:
            cues = {name: re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)
                    for name, parts in cue_parts.items()}
        except re.error as exc:
            raise InputError(f"{CUES_RESOURCE}: bad pattern: {exc}") from exc
        rules = []
        for number, rec in _data_rows(RULES_RESOURCE):
            try:
                rules.append(_parse_rule(rec, codebook, cues))
            except (KeyError, ValueError) as exc:
                raise InputError(f"{RULES_RESOURCE} row {number}: {exc}") from exc
        return cls(tuple(rules), cues)

    def holds(self, cue: str, text: str, lemma: str = "") -> bool:
        if cue == "nonstate_first":  # a non-state group is named before any state force
            nonstate = self.cues["nonstate"].search(text)
            state = self.cues["state"].search(text)
            return nonstate is not None and (state is None or nonstate.start() <= state.start())
        if cue == "place_object":  # "captured the village of", "took control of"
            stem = lemma[:-1] if lemma.endswith("e") else lemma
            trigger = re.search(rf"\b{re.escape(stem)}\w*", text, re.IGNORECASE) if stem else None
            if trigger is None:  # irregular form ("took"): anywhere in the sentence
                return self.cues["territory"].search(text) is not None
            after = text[trigger.end():].split()[:4]
            words = takewhile(lambda w: w.lower() not in _PREPOSITIONS, after)
            return self.cues["territory"].search(" ".join(words)) is not None
        return self.cues[cue].search(text) is not None

    def decide(self, lemma: str | None, text: str) -> TypeRule | None:
        """The first rule for this trigger lemma whose cues hold in ``text``, or None."""
        key = (lemma or "").strip().lower()
        for rule in self.rules:
            if key in rule.lemmas and all(self.holds(c, text, key) == want
                                          for c, want in rule.when):
                return rule
        return None


def _data_rows(name: str) -> list[tuple[int, dict[str, str]]]:
    try:
        text = resources.files("polybius").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read package data {name}: {exc}") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    return [(n, rec) for (n, _), rec in zip(lines[1:], reader)]


def _parse_rule(rec: Mapping[str, str], codebook: Codebook,
                cues: Mapping[str, re.Pattern[str]]) -> TypeRule:
    when = []
    for part in filter(None, rec["when"].split("+")):
        name = part.lstrip("!")
        if name not in ("nonstate_first", "place_object") and name not in cues:
            raise ValueError(f"unknown cue {name!r}")
        when.append((name, not part.startswith("!")))
    acled, plover = rec["acled"].strip(), rec["plover"].strip() or None
    sub, allowed = None, set()
    if acled.startswith("@"):
        for item in acled[1:].split("|"):
            allowed.update(codebook.subtypes_of(item) or
                           [e.sub_event_type for e in codebook.entries if e.plover == item] or
                           [codebook.entry(item).sub_event_type])
    elif acled and acled != "-":
        sub = codebook.entry(acled).sub_event_type
    if acled == "-" and plover is None:
        raise ValueError("an event outside ACLED needs a PLOVER type")
    if (sub is not None or acled == "-") != bool(rec["confidence"]):
        raise ValueError("a confidence is given exactly when the outcome is fixed")
    return TypeRule(lemmas=frozenset(rec["lemmas"].split()), when=tuple(when), plover=plover,
                    outside_acled=acled == "-", sub_event_type=sub, allowed=frozenset(allowed),
                    confidence=float(rec["confidence"] or 0.0))


@dataclass(frozen=True, slots=True, eq=False)
class Features:
    """Vocabulary and idf of the two feature blocks. Feature ids: words first, then chars.

    Each block is sublinear TF-IDF (1 + log tf) * idf, L2-normalised, scaled by 1/sqrt(2),
    so a row has norm 1 when both blocks are non-empty. ``char_codes`` is sorted.
    """

    word_vocab: Mapping[str, int]
    word_idf: np.ndarray
    char_codes: np.ndarray
    char_idf: np.ndarray

    @property
    def size(self) -> int:
        return len(self.word_vocab) + len(self.char_codes)

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids and values of one text."""
        get = self.word_vocab.get
        word_ids = np.fromiter(map(get, word_terms(text), repeat(-1)), dtype=np.int64)
        ids_w, vals_w = _block(word_ids[word_ids >= 0], self.word_idf)
        codes = char_codes(text) if len(self.char_codes) else np.zeros(0, np.int64)
        pos = np.minimum(np.searchsorted(self.char_codes, codes), len(self.char_codes) - 1)
        ids_c, vals_c = _block(pos[self.char_codes[pos] == codes], self.char_idf)
        return np.concatenate([ids_w, ids_c + len(self.word_vocab)]), \
            np.concatenate([vals_w, vals_c])


def _block(ids: np.ndarray, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not len(ids):
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    uniq, tf = np.unique(ids, return_counts=True)
    vals = ((1.0 + np.log(tf)) * idf[uniq]).astype(np.float32)
    norm = float(np.sqrt(np.dot(vals, vals)))
    return uniq, vals * np.float32(math.sqrt(0.5) / norm) if norm > 0 else vals


@dataclass(frozen=True, slots=True, eq=False)
class EventClassifier:
    """ACLED sub-event classifier plus trigger-lemma rules.

    >>> clf = EventClassifier.load()  # doctest: +SKIP
    >>> clf.classify(["A drone strike hit a market in Idlib."], ["strike"])[0].acled_sub_event_type  # doctest: +SKIP
    'Air/drone strike'
    """

    classes: tuple[str, ...]
    features: Features
    coef: np.ndarray  # (n_features, n_classes) float32
    intercept: np.ndarray  # (n_classes,)
    temperature: float
    codebook: Codebook
    rules: RuleSet
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "EventClassifier":
        """Load weights from ``path`` or, by default, the bundled ``event_classifier.v1``."""
        try:
            if path is None:
                ref = resources.files("polybius").joinpath("data", WEIGHTS_RESOURCE)
                with ref.open("rb") as handle:
                    arrays = dict(np.load(handle, allow_pickle=False))
            else:
                with np.load(Path(path), allow_pickle=False) as npz:
                    arrays = dict(npz)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read event classifier weights "
                             f"{path or WEIGHTS_RESOURCE}: {exc}") from exc
        return cls.from_arrays(arrays)

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> "EventClassifier":
        try:
            meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
            blob = bytes(arrays["word_terms"]).decode("utf-8")
            words = blob.split("\n") if blob else []
            features = Features(
                word_vocab={t: i for i, t in enumerate(words)},
                word_idf=arrays["word_idf"].astype(np.float32),
                char_codes=arrays["char_codes"].astype(np.int64),
                char_idf=arrays["char_idf"].astype(np.float32))
            coef = arrays["coef"].astype(np.float32)
            intercept = arrays["intercept"].astype(np.float32)
        except KeyError as exc:
            raise InputError(f"event classifier weights lack array {exc}") from exc
        if meta.get("format") != FORMAT_VERSION:
            raise InputError(f"event classifier weights have format {meta.get('format')!r}; "
                             f"this Polybius reads format {FORMAT_VERSION}: retrain them with "
                             f"`polybius train`")
        classes = tuple(meta["classes"])
        if coef.shape != (features.size, len(classes)):
            raise InputError(f"event classifier weights are inconsistent: coef {coef.shape}, "
                             f"{features.size} features, {len(classes)} classes")
        codebook = Codebook.load()
        return cls(classes=classes, features=features, coef=coef, intercept=intercept,
                   temperature=float(meta.get("temperature", 1.0)), codebook=codebook,
                   rules=RuleSet.load(codebook), meta=meta)

    def save(self, path: str | Path) -> Path:
        """Write the weights as one compressed ``.npz`` (float16 coefficients)."""
        path = Path(path)
        meta = dict(self.meta)
        meta.update(format=FORMAT_VERSION, name=meta.get("name", MODEL_NAME),
                    classes=list(self.classes), temperature=self.temperature)
        arrays = {
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), np.uint8),
            "word_terms": _pack_terms(self.features.word_vocab),
            "word_idf": self.features.word_idf.astype(np.float32),
            "char_codes": self.features.char_codes.astype(np.int64),
            "char_idf": self.features.char_idf.astype(np.float32),
            "coef": self.coef.astype(np.float16),
            "intercept": self.intercept.astype(np.float32),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                np.savez_compressed(handle, **arrays)
        except OSError as exc:
            raise InputError(f"cannot write event classifier weights to {path}: {exc}") from exc
        return path

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Uncalibrated class scores, shape (len(texts), len(classes))."""
        out = np.empty((len(texts), len(self.classes)), dtype=np.float32)
        for i, text in enumerate(texts):
            ids, vals = self.features.row(text)
            out[i] = vals @ self.coef[ids] + self.intercept
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities of the ACLED sub-event types in ``classes``."""
        z = self.logits(texts) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def classify(self, texts: Sequence[str], lemmas: Sequence[str | None]) -> list[EventType]:
        """Type each event sentence, given the trigger lemma the detector found (or None).

        >>> clf = EventClassifier.load()  # doctest: +SKIP
        >>> [t.plover for t in clf.classify(["Delegations will meet in Istanbul."], ["meet"])]  # doctest: +SKIP
        ['CONSULT']
        """
        if len(texts) != len(lemmas):
            raise ValueError(f"classify needs one lemma per text: {len(texts)} texts, "
                             f"{len(lemmas)} lemmas")
        decisions = [self.rules.decide(lemma, text) for text, lemma in zip(texts, lemmas)]
        need_model = [i for i, d in enumerate(decisions) if d is None or d.needs_model]
        probs = self.predict_proba([texts[i] for i in need_model]) if need_model else None
        rows = {i: probs[k] for k, i in enumerate(need_model)} if probs is not None else {}
        class_events = [self.codebook.event_type(c) for c in self.classes]
        events = sorted(set(class_events))
        member = np.array([[ce == e for ce in class_events] for e in events])
        return [self._combine(decisions[i], rows.get(i), events, member)
                for i in range(len(texts))]

    def _combine(self, decision: TypeRule | None, probs: np.ndarray | None,
                 events: list[str], member: np.ndarray) -> EventType:
        if decision is not None and not decision.needs_model:
            sub = decision.sub_event_type
            return EventType(
                plover=decision.plover or self.codebook.plover(sub or ""),
                acled_event_type=self.codebook.event_type(sub) if sub else None,
                acled_sub_event_type=sub, confidence=decision.confidence, method="rule")
        assert probs is not None
        method = "model"
        if decision is not None and decision.allowed:
            keep = np.array([c in decision.allowed for c in self.classes])
            if keep.any() and probs[keep].sum() > 0:
                probs = np.where(keep, probs, 0.0)
                probs = probs / probs.sum()
                method = "rule+model"
        # the event type with the most probability mass, then its likeliest sub-event type
        e = int(np.argmax(member @ probs))
        j = int(np.argmax(np.where(member[e], probs, -1.0)))
        event, sub = events[e], self.classes[j]
        plover = (decision.plover if decision is not None and decision.plover
                  else self.codebook.plover(sub))
        return EventType(plover=plover, acled_event_type=event, acled_sub_event_type=sub,
                         confidence=float(probs[j]), method=method)


def _pack_terms(vocab: Mapping[str, int]) -> np.ndarray:
    terms = sorted(vocab, key=vocab.__getitem__)
    return np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)
