"""Who does what in the parse: the agent and the targets of an event trigger, and how a
trigger colours the crowds it involves (protest, riot, violence). Used by
:mod:`polybius.actors`, which names the phrases these functions find."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# trigger classes (lemmas): they decide how crowds and bare country names are read
PROTEST = frozenset({"protest", "demonstrate", "demonstration", "rally", "march", "picket",
                     "sit", "vigil", "boycott", "petition", "chant", "walkout", "protester",
                     "street", "sit-in", "hunger", "demonstrator"})
PROTEST_WEAK = frozenset({"gather", "block", "blockade", "assemble", "gathering", "barricade",
                          "occupy", "denounce", "demand", "mobilize", "mobilise"})
VIOLENT = frozenset({"attack", "kill", "shoot", "clash", "fight", "shell", "bomb", "strike",
                     "ambush", "abduct", "kidnap", "loot", "burn", "torch", "beat", "lynch",
                     "assault", "stab", "riot", "vandalize", "vandalise", "destroy", "raid",
                     "storm", "fire", "hurl", "throw", "pelt", "injure", "wound", "murder",
                     "execute", "behead", "assassinate", "bombard", "detonate", "explode", "hit",
                     "target", "massacre", "rape", "torture", "arrest", "detain", "capture",
                     "seize", "retake", "recapture", "advance", "overrun", "invade", "repel",
                     "repulse", "airstrike", "offensive", "shelling", "battle", "skirmish",
                     "engage", "launch", "intercept", "down", "besiege", "encircle", "liberate",
                     "ablaze", "lob"})
RIOT_MARKS = frozenset({"burn", "torch", "loot", "vandalize", "vandalise", "clash", "throw",
                        "hurl", "pelt", "stone", "smash", "ransack", "riot", "molotov", "tyre",
                        "tire", "rock", "vandalism", "arson", "storm", "damage", "violent",
                        "destroy", "barricade"})
LIGHT_VERBS = frozenset({"stage", "hold", "organize", "organise", "launch", "carry", "conduct",
                         "set", "open", "mount", "lead", "join", "participate", "take", "go",
                         "begin", "start"})
EVENT_WORDS = LIGHT_VERBS | PROTEST | PROTEST_WEAK | VIOLENT | {"riot"}
EVENT_CLASSES = {"protests": "protest", "protest": "protest", "riots": "riot",
                  "battles": "violent",
                  "explosions/remote violence": "violent", "violence against civilians": "violent",
                  "assault": "violent", "coerce": "violent"}
CLIMB = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "dobj", "pobj", "attr", "ccomp",
                    "dep", "relcl"})
TARGET_PREPS = frozenset({"against", "with", "on", "between", "upon", "targeting", "at"})
RELATIVE = frozenset({"who", "that", "which"})
SYMMETRIC = frozenset({"clash", "exchange", "fight", "skirmish", "battle", "engage", "fire"})
# verbs of a participle clause whose object is the event's victim ("..., killing 12 people")
HARM = frozenset({"kill", "wound", "injure", "maim"})
# verbs whose subject undergoes the event: "three soldiers died", "a civilian was killed"
UNDERGO = frozenset({"die", "perish", "succumb", "drown", "sustain", "suffer"})

def lemma_of(tok: "Token", vocab: frozenset) -> str:
    """The token's lemma, or a suffix-stripped form found in ``vocab`` ("staged" -> "stage")."""
    low = tok.lower_
    cands = [tok.lemma_.lower(), low]
    for suffix in ("s", "es", "d", "ed", "ing"):
        if low.endswith(suffix):
            cands += [low[:-len(suffix)], low[:-len(suffix)] + "e"]
    return next((c for c in cands if c in vocab), cands[0])


def sentence_of(token: "Token") -> "Span":
    """The sentence of ``token`` found from its boundaries (``Token.sent`` walks the whole
    document's sentences on every call)."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def classify_trigger(trigger: "Token", event_type: str | None = None) -> str:
    """'protest', 'protest_weak', 'riot', 'violent' or 'other': how a trigger colours actors.

    ``event_type`` (an ACLED event type or a PLOVER type), when known, decides alone.
    """
    if event_type and event_type.lower() in EVENT_CLASSES:
        return EVENT_CLASSES[event_type.lower()]
    lemma = lemma_of(trigger, EVENT_WORDS)
    kids = [c for c in trigger.children if c.dep_ in ("dobj", "attr", "xcomp", "advcl",
                                                      "nsubjpass", "acomp")] + \
        [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    kids += [g for k in kids for g in k.children if g.dep_ in ("compound", "conj")]
    if lemma in LIGHT_VERBS or lemma not in PROTEST | VIOLENT:
        inner = [w for w in (lemma_of(k, EVENT_WORDS) for k in kids) if w in PROTEST | VIOLENT]
        lemma = inner[0] if inner and (lemma in LIGHT_VERBS or inner[0] in PROTEST) else lemma
    if lemma == "strike" and trigger.pos_ == "NOUN" and trigger.dep_ != "nsubj":
        lemma = "protest"
    if lemma in PROTEST or lemma in PROTEST_WEAK:
        if {t.lemma_.lower() for t in sentence_of(trigger)} & RIOT_MARKS:
            return "riot"
        return "protest" if lemma in PROTEST else "protest_weak"
    if lemma == "riot":
        return "riot"
    return "violent" if lemma in VIOLENT else "other"


def noun_phrase(tok: "Token") -> "Span":
    """The noun phrase headed by ``tok``, without what follows the head."""
    left = min([tok.i] + [t.left_edge.i for t in tok.lefts if t.dep_ != "punct"])
    return tok.doc[left:tok.i + 1]


def pobjs(tokens: Iterable["Token"]) -> list["Token"]:
    return [g for c in tokens for g in c.children if g.dep_ == "pobj"]


def agents(trigger: "Token") -> list["Token"]:
    """Tokens heading the agent phrase: subjects, "by X", "X's attack", a reduced clause."""
    pair = between(trigger)
    if pair:
        return pair[:1]
    t = trigger
    for _ in range(6):
        kids = list(t.children)
        subj = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
        if subj and t is trigger and lemma_of(t, UNDERGO) in UNDERGO:
            return []  # "three soldiers died": the subject is a victim
        if subj:
            return [t.head] if subj[0].lower_ in RELATIVE and t.dep_ == "relcl" else subj
        by = pobjs(c for c in kids if c.dep_ == "agent" or
                    (c.dep_ == "prep" and c.lower_ == "by" and t.pos_ == "NOUN"))
        if by:
            return by
        if t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in kids):
            return [c for c in kids if c.dep_ == "poss"]
        if any(c.dep_ == "nsubjpass" for c in kids):  # "were shot and killed by X",
            return pobjs(a for c in (t, *t.conjuncts) for a in  # "killed in a shooting by X"
                          [*c.children, *(b for p in pobjs(c.children) for b in p.children)]
                          if a.dep_ == "agent" or a.dep_ == "prep" and a.lower_ == "by")
        if t.dep_ == "acl" and t.tag_ != "VBN":
            return [t.head]
        if t.head.i == t.i or t.dep_ not in CLIMB or (t.dep_ == "relcl" and t.pos_ == "VERB"):
            return []
        t = t.head
    return []


def between(trigger: "Token") -> list["Token"]:
    """[X, Y] of "clashes (broke out) between X and Y"."""
    for t in (trigger, trigger.head):
        for x in pobjs(c for c in t.children if c.dep_ == "prep" and c.lower_ == "between"):
            return [x] + [c for c in x.children if c.dep_ == "conj"][:1]
    return []


def patients(trigger: "Token") -> list["Token"]:
    """Targets: objects, passive subjects, "against/on/with X"; after them, the victims of a
    clause the event leads to ("shelled the camp, killing 12 people")."""
    out: list["Token"] = [trigger.head] if trigger.dep_ == "acl" and trigger.tag_ == "VBN" else []
    out += between(trigger)[1:]
    verbs = [trigger] + [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubjpass", "dobj"):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                out.extend(pobjs([c]))
    for v in verbs:
        for clause in v.children:
            if clause.dep_ in ("advcl", "xcomp") and clause.tag_ == "VBG" and \
                    lemma_of(clause, HARM) in HARM:
                out += [c for k in (clause, *clause.conjuncts) for c in k.children
                        if c.dep_ == "dobj"]
    return out


def victims(trigger: "Token") -> list["Token"]:
    """Subjects that undergo the event: "soldiers were killed", "two civilians died"."""
    out = []
    for v in [trigger] + [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
        undergo = lemma_of(v, UNDERGO) in UNDERGO
        out += [c for c in v.children
                if c.dep_ == "nsubjpass" or (undergo and c.dep_ == "nsubj")]
    return out
