"""Where place names start and end in a report: capitalised runs the gazetteer knows, a
list of names split at its commas, and a mention widened to the longest town name around
it ("Chino" -> "Chino Valley"). :mod:`polybius.geo.resolve` reads the names it finds."""

from __future__ import annotations

import re

from ..records import Span
from .gazetteer import Gazetteer
from .scan import settlement_cue

#: the open parenthesis of a list of units before a name: "(Gafsa Sud, "
PAREN_TAIL = re.compile(r"\((?:[A-Z][^()\n]{0,60}?,\s*)+$")
_CAPS_RUN = re.compile(r"[A-Z][\w'’\-]*(?:[ \-](?:(?:[A-Z][\w'’\-]*)|on|de|al|el|upon|"
                       r"oblast|region|province|governorate|state|krai|district))*")
_WORD_IN_RUN = re.compile(r"[^\s]+")
_LEAD = re.compile(r"(?:In|At|On|Near|The|From|To)\s+")
PARTICLE = re.compile(r"\s(?:de|del|di|do|da|dos|das)(?:\s(?:la|las|los))?\s")


def find_place_mentions(doc_text: str, gazetteer: Gazetteer) -> list[Span]:
    """Capitalised names (up to 4 words, plus "oblast"/"region"...) that the gazetteer's
    EntityRuler would force: a fallback for sentences where NER finds no place.

    >>> text = "Shelling hit Kupiansk and the Kharkiv region overnight."
    >>> [s.text for s in find_place_mentions(text, Gazetteer.load())]
    ['Kupiansk', 'Kharkiv region']
    """
    known = gazetteer.ruler_names()
    out: list[Span] = []
    for m in _CAPS_RUN.finditer(doc_text):
        words = list(_WORD_IN_RUN.finditer(m.group(0)))
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i, -1):
                s, e = m.start() + words[i].start(), m.start() + words[j - 1].end()
                if doc_text[s:e] in known:
                    out.append(Span.of(doc_text, s, e))
                    i = j - 1
                    break
            i += 1
    return out


def split_names(doc_text: str, mentions: list[Span]) -> list[Span]:
    """Mentions as single names: "Kakhovka, Kherson Oblast" -> two spans."""
    out = []
    for m in mentions:
        piece_start = m.start
        for part in re.split(r"(,\s*)", doc_text[m.start:m.end]):
            if part and not part.startswith(","):
                out.append(Span.of(doc_text, piece_start, piece_start + len(part)))
            piece_start += len(part)
    return out


def widen(doc_text: str, mention: Span, runs: list[Span], gazetteer: Gazetteer) -> Span:
    """The longest town name around a mention: "Chino Valley" for "Chino", "Prata di
    Pordenone" for "Prata", "Bule Hora" for "Hora"."""
    for run in runs:
        if not (run.start <= mention.start and mention.end <= run.end) or run == mention:
            continue
        text = doc_text[run.start:run.end]
        cuts = [0] + [m.end() for m in re.finditer(r"[ \-]", text)]
        ends = [m.start() for m in re.finditer(r"[ \-]", text)] + [len(text)]
        spans = sorted(((run.start + a, run.start + b) for a in cuts for b in ends
                        if a < b and run.start + a <= mention.start
                        and mention.end <= run.start + b),
                       key=lambda ab: ab[0] - ab[1])
        for a, b in spans:
            if (a, b) == (mention.start, mention.end):
                break
            if any(c.kind == "city" and c.match < 2 for c in gazetteer.lookup(doc_text[a:b])):
                return Span.of(doc_text, a, b)
            # "(Gafsa Sud, Gafsa)": a district whose name begins with its town's
            listed = doc_text[a - 1:a] == "(" or PAREN_TAIL.search(doc_text, max(0, a - 100), a)
            if listed and gazetteer.districts(doc_text[a:b]):
                return Span.of(doc_text, a, b)
        # "in Oaxaca de Juarez, Oaxaca": the official long form of a town's name
        if run.start == mention.start and PARTICLE.match(doc_text[mention.end:run.end + 1]) \
                and doc_text[run.end:run.end + 2] in (", ", " ("):
            return run
        # "Tall Tawil town", "Cuatro Canadas (Santa Cruz)": an unlisted village whose
        # name begins or ends with a listed one
        lead = _LEAD.match(text)
        start = run.start + (lead.end() if lead else 0)
        if start <= mention.start and settlement_cue(doc_text, run.end) is not None:
            return Span.of(doc_text, start, run.end)
        break
    return mention
