"""Sentence and paragraph spans of a stored report, without re-parsing it.

The situation layer reads stored documents long after extraction; a rule splitter
(sentence-final punctuation before a capital or quote, and every line break) is enough to
find the sentence of an agenda phrase or an impact figure, and costs nothing to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|Jr|Sr|Prof|Gov|Sen|Rep|No|vs|etc|"
    r"approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b[A-Z]\.[A-Z])\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span with its index and the paragraph it belongs to."""

    index: int
    paragraph: int
    span: Span

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def text(self) -> str:
        return self.span.text


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` as ``[start, end)`` spans (whitespace trimmed), in order.

    >>> [s.text for s in split_sentences("Talks began. U.S. envoys came.\\nThen rain.")]
    ['Talks began.', 'U.S. envoys came.', 'Then rain.']
    """
    out: list[Sentence] = []
    paragraph = 0
    start = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group() and _ABBREVIATIONS.search(text[max(0, m.start() - 6):m.start()]):
            continue
        _add(text, start, m.start(), paragraph, out)
        if "\n" in m.group() and out and out[-1].paragraph == paragraph:
            paragraph += 1
        start = m.end()
    _add(text, start, len(text), paragraph, out)
    return out


def _add(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> bool:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return False
    out.append(Sentence(len(out), paragraph, Span.of(text, start, end)))
    return True


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing character ``offset`` (or the nearest one before it)."""
    found = None
    for sent in sentences:
        if sent.start <= offset:
            found = sent
        else:
            break
    return found
