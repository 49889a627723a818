"""Event status from tense, modality, plans and negation.

``occurred``, ``ongoing``, ``planned`` (announced or scheduled), ``hypothetical`` (could,
may, if), ``denied`` (reported as not having happened).
"""

from __future__ import annotations

from spacy.tokens import Token
from spacy.tokens import Span as SpacySpan

PLAN_WORDS = frozenset({"scheduled", "planned", "upcoming", "expected", "expect", "due",
                        "slated",
                        "proposed", "forthcoming", "set", "plan", "intend", "prepare",
                        "announce", "agree"})
PLAN_PHRASES = ("set to", "scheduled to", "scheduled for", "due to", "expected to",
                "plans to", "plan to", "planned for", "will take place", "to be held",
                "slated to", "are to meet", "is to meet", "will meet", "will hold",
                "will travel", "next week", "next month", "later this week", "this week",
                "upcoming", "is due", "are due", "will resume", "will begin", "would meet",
                "would hold", "invited", "to host", "will host")
CALLED_FORMS = frozenset({"march", "protest", "strike", "demonstration", "rally", "sit-in",
                          "walkout", "boycott", "shutdown"})
HYPO_MODALS = frozenset({"could", "may", "might", "would", "should"})
HYPO_WORDS = frozenset({"if", "unless", "possible", "potential", "potentially", "likely",
                        "risk", "threat", "fear", "feared", "warn", "whether", "perhaps"})
DENY_LEMMAS = frozenset({"deny", "dismiss", "refute", "reject"})
ONGOING_WORDS = frozenset({"ongoing", "continue", "continuing", "still", "remain",
                           "persist", "raging", "underway", "under way"})
REPORTING_LEMMAS = frozenset({"say", "announce", "tell", "confirm", "state", "add", "report",
                              "declare", "promise", "pledge", "vow"})
NEG_WORDS = frozenset({"not", "n't", "never", "no"})


def _chain(token: Token, depth: int = 4) -> list[Token]:
    """The trigger and its heads, nearest first."""
    out = [token]
    while depth and out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
        depth -= 1
    return out


def infer_status(sent: SpacySpan, trigger: Token) -> str:
    """Status of the event triggered by ``trigger`` in ``sent``.

    Checks the trigger and its syntactic heads for negation, denial verbs, modal auxiliaries,
    future/plan constructions and progressive aspect; then the words before the trigger.
    """
    chain = _chain(trigger)
    heads = chain[1:]
    local = {c.lower_ for t in chain[:2] for c in t.children}
    if any(h.lemma_.lower() in DENY_LEMMAS for h in heads):
        return "denied"
    if any(c.dep_ == "neg" for t in chain[:2] for c in t.children) or (
            trigger.pos_ == "NOUN" and any(c.lower_ == "no" for c in trigger.children)):
        return "denied"
    prefix = sent.text[:trigger.idx - sent.start_char].lower()
    window = prefix[-80:]
    around = sent.text[:trigger.idx - sent.start_char + 60].lower()
    aux = {c.lower_ for t in chain[:3] for c in t.children if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and not local & {"if", "unless"} and "if " not in window and \
            any(h.lemma_.lower() in REPORTING_LEMMAS for h in heads):
        return "planned"  # reported future: "officials said talks would be held"
    before = [t for t in sent if t.i < trigger.i and trigger.idx - t.idx <= 80]
    if aux & HYPO_MODALS or local & {"if", "unless"} or any(
            t.lower_ in ("if", "unless") or (t.lower_ in ("could", "may", "might")
                                             and t.tag_ == "MD") for t in before):
        return "hypothetical"
    if trigger.lemma_.lower() in CALLED_FORMS and any(
            h.lemma_.lower() == "call" for h in heads[:3]):
        return "planned"  # "called for a fresh march", "called a general strike"
    past = trigger.tag_ == "VBD" and not aux  # "took to the streets this week": done
    noun = trigger.head if trigger.dep_ == "compound" else trigger  # "a protest camp"
    verb = noun.head
    if trigger.pos_ == "NOUN" and noun.dep_ == "dobj" and verb.tag_ == "VBD" and \
            verb.lemma_.lower() not in PLAN_WORDS - {"set"} and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        past = True  # "held a rally to oppose the plan", "set up a protest camp": done
    set_up = verb.i if past and any(c.dep_ == "prt" for c in verb.children) else None
    if "will" in aux or "shall" in aux or "'ll" in aux or \
            any(h.lemma_.lower() in PLAN_WORDS and h.i not in (trigger.i, set_up)
                for h in heads[:3]) or \
            (not past and any(p in around for p in PLAN_PHRASES)) or \
            any(c.lower_ in ("scheduled", "planned", "upcoming") for c in trigger.children):
        return "planned"
    if set(window.split()[-6:]) & HYPO_WORDS and trigger.pos_ == "NOUN":
        return "hypothetical"
    if any(h.lemma_.lower() in ONGOING_WORDS for h in heads[:3]) or \
            any(c.lower_ in ("ongoing", "continuing", "continued") for c in trigger.children):
        return "ongoing"
    if trigger.tag_ == "VBG" and aux & {"is", "are", "am"}:
        return "ongoing"
    if trigger.tag_ in ("VBP", "VBZ") and not aux and trigger.lemma_ in ("fight", "clash"):
        return "ongoing"
    return "occurred"
