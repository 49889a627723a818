"""ACLED's names for militias named after a community, a tribe or a stated kind
("Kaduna Communal Militia (Nigeria)", "Unidentified Cult Militia (Nigeria)")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

HERDERS = re.compile(r"\b(?:pastoralists?|herders?|herdsm[ae]n)$", re.IGNORECASE)
ETHNIC_WORDS = frozenset({"pastoral", "pastoralist", "herder", "herdsmen", "nomad",
                           "nomadic"})


def militia_name(span: "Span | None", country_name: str, default_kind: str = "Communal",
                  tribe_only: bool = False) -> str | None:
    """ACLED's name for a militia named after its community: "Kaduna militiamen" ->
    "Kaduna Communal Militia (Nigeria)", "Meru ethnic militia" -> "Meru Ethnic Militia (...)";
    herders' militias are ethnic ("Samburu pastoral militia"), tribesmen's tribal ("Al
    Jaramah tribesmen", "members of the Bani Nawf tribe"). A militia of a stated kind but
    no name is ACLED's unidentified one of that kind ("unknown cult militiamen" ->
    "Unidentified Cult Militia (Nigeria)"). ``tribe_only``: only a tribe named after the
    head ("gunmen from the X tribe") makes a name."""
    if span is None:
        return None
    root = span.root
    if TRIBAL_HEAD.match(root.lower_):
        default_kind = "Tribal"
    lefts = [] if tribe_only else modifiers(root)
    names = name_words(lefts)
    if not names:  # "tribesmen from the Al Jaramah tribe"
        for tribe in (g for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                      for g in c.children if g.dep_ == "pobj" and TRIBAL_HEAD.match(g.lower_)):
            names, default_kind = name_words(modifiers(tribe)), "Tribal"
    if tribe_only and not names:
        return None
    ethnic = any(t.ent_type_ == "NORP" or t.lower_ in ETHNIC_WORDS for t in lefts)
    stated = next((MILITIA_KINDS[t.lower_] for t in lefts if t.lower_ in MILITIA_KINDS), None)
    kind = stated or ("Ethnic" if ethnic and names else default_kind)
    if not names:
        return f"Unidentified {kind} Militia ({country_name})" \
            if stated or default_kind == "Tribal" else None
    return f"{' '.join(names)} {kind} Militia ({country_name})"


TRIBAL_HEAD = re.compile(r"(?:tribes(?:wo)?m[ae]n|tribes?)$")
MILITIA_KINDS = {"ethnic": "Ethnic", "tribal": "Tribal", "clan": "Clan", "communal": "Communal",
                  "cult": "Cult", "indigenous": "Indigenous"}


def modifiers(head: "Token") -> list["Token"]:
    """The words before ``head`` in its phrase, without a coordinated phrase ("Bani Rashid"
    of "Bani Rashid and Al Hamimah tribesmen" is not a modifier of the second)."""
    out: list["Token"] = []
    stack = [t for t in head.lefts if t.dep_ in MODIFIER_DEPS]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += [t for t in tok.children if t.dep_ in MODIFIER_DEPS]
    return sorted(out, key=lambda t: t.i)


MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "det", "poss", "case", "nummod",
                            "advmod", "quantmod"})


def name_words(tokens: list["Token"]) -> list[str]:
    return [t.text for t in tokens if (t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE"))
            and t.lower_ not in NOT_NAMES and t.ent_type_ not in ("DATE", "TIME")]


NOT_NAMES = frozenset({"armed", "suspected", "presumed", "unknown", "unidentified", "local",
                        "alleged", "rival"})
