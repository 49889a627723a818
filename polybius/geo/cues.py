"""What the words around a place mention say about it (pure string functions).

``read_mention`` turns an entity span into a :class:`MentionCue`: the name to look up,
the exact span to report, whether the text makes it a region ("Kursk province"), a
district ("Bakhmut district") or a vicinity ("near Bakhmut"), and whether it is only
context ("Russia's defence ministry", "the border with Belarus", "the capital of X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import DISTRICT_WORDS

_WORD = r"(?:oblasts?|provinces?|regions?|governorates?|states?|krai|kray|territory|" \
        r"prefecture|voblast|republic|okrug|district|raion|rayon|county|department|" \
        r"municipality|hromada|community)"
_SUFFIX_AFTER = re.compile(r"^[\s\-]+(" + _WORD + r")\b", re.IGNORECASE)
_SUFFIX_INSIDE = re.compile(r"^(.*?\S)[\s\-]+(" + _WORD + r")$", re.IGNORECASE)
_PREFIX_INSIDE = re.compile(
    r"^(?:the\s+)?(?:(?:autonomous\s+)?republic|province|region|oblast|governorate|state|"
    r"district|raion|city|town|village|settlement|outskirts|suburbs?|municipality)\s+of\s+"
    r"(?:the\s+)?", re.IGNORECASE)
_REGION_OF_BEFORE = re.compile(
    r"\b(?:the\s+)?(province|region|oblast|governorate|state|krai|republic)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE)
_DISTRICT_OF_BEFORE = re.compile(r"\b(district|raion|rayon|county|municipality)\s+of\s+(?:the\s+)?$",
                                 re.IGNORECASE)
_NEAR_BEFORE = re.compile(
    r"\b(?:near(?:by)?|outside(?:\s+of)?|close\s+to|outskirts\s+of|suburbs?\s+of|"
    r"vicinity\s+of|around|(?:north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?\s+(?:of|outskirts\s+of)|\d[\d,.]*\s*(?:km|kilometers?|kilometres?|"
    r"miles?)\s+(?:\w+\s+)?(?:of|from)|approach(?:es)?\s+to|direction\s+of|towards?|"
    r"outlying\s+areas\s+of|areas?\s+(?:of|around|near))\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|"
    r"village\s+of\s+)?$", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\b(?:in|at|on|into|inside|within|across|throughout|over|hit|"
                        r"struck|shelled|bombed|attacked|captured|capture\s+of|retook|"
                        r"(?:shelling|bombing|bombardment|attacks?|strikes?|raids?|offensive|"
                        r"assault|advance|explosions?|blasts?|fire|fighting|clashes)"
                        r"(?:\s+(?:of|on|in|at|against|near))?|"
                        r"recaptured|liberated|liberation\s+of|seized|entered|occupied|"
                        r"encircled|besieged|siege\s+of|fall\s+of|battle\s+(?:of|for))\s+"
                        r"(?:the\s+)?(?:(?:city|town|village|settlement|region|province)\s+"
                        r"(?:of\s+)?)?$", re.IGNORECASE)
_CAPITAL_BEFORE = re.compile(r"\bcapital(?:\s+city)?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ASIDE_BEFORE = re.compile(r"\b(?:by|with|between)\s+(?:the\s+)?$",
                          re.IGNORECASE)
# "protested against the Russian invasion of Ukraine", "the war of Russia against Ukraine":
# the country is what a (far-away) event is about, not where it happens
_TOPIC_BEFORE = re.compile(r"\b(?:invasion|invading|war|aggression|solidarity)\b"
                           r"(?:\s+(?:of|by)\s+[A-Z][\w'’]*)?\s+(?:of|in|on|against|with)"
                           r"\s+(?:the\s+)?$")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_OBJECT_BEFORE = re.compile(r"\b(?:accused|accuses|blamed|blames|urged|urges|told|asked|"
                            r"called\s+on|warned|sanctioned|supplied|armed|supports?|"
                            r"talks\s+with)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_BORDER_BEFORE = re.compile(r"\bborders?\s+(?:with|of)\s+(?:the\s+)?$|\bborders?\s+between\s+$",
                            re.IGNORECASE)
_BORDER_AFTER = re.compile(r"^(?:\s*-\s*\w+)?\s*(?:'s\s+|’s\s+)?borders?\b|^\s*-\s*[A-Z]\w+\s+border",
                           re.IGNORECASE)
_ACTOR_AFTER = re.compile(
    r"^(?:['’]s?\b|\s*-\s*(?:backed|led|based|controlled|held|occupied|installed|aligned|"
    r"appointed)\b|\s+(?:said|says|claimed|claims|denied|denies|accused|accuses|announced|"
    r"warned|government|authorities|officials|ministry|army|"
    r"military|forces|troops|president|leader|police)\b)", re.IGNORECASE)
# "the Minnesota Epilepsy Group", "Kaduna State University": a name inside an
# organisation's name
_ORG_AFTER = re.compile(
    r"^(?:\s+[A-Z][\w'’&.-]*){0,3}\s+(?:Group|Association|Union|Company|Corporation|Council|"
    r"Party|Movement|Front|Federation|Foundation|Institute|University|College|School|"
    r"Hospital|Bank|Club|Society|Committee|Commission|Authority|Agency|Network|Alliance|"
    r"Coalition|Organi[sz]ation|League|Congress|Assembly|Brigade|Battalion|Regiment|"
    r"Division|Corps|Army|Police|Guard|Times|Post|News|Herald|Tribune)s?\b")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class MentionCue:
    """A place mention read in context."""

    name: str  # what to look up ("Kursk" for "the Kursk province")
    start: int  # span to report: the name, extended over a region word after it
    end: int
    scope: str  # "place" | "region" (admin1 word) | "district" (district word)
    near: bool  # "near X", "outskirts of X", "10 km from X", "X district"
    role: str  # "event" (in/at X), "plain", "origin" (from X), "actor" (X's army, X said,
    # capital of X), "topic" (the invasion of X): chosen only when nothing better, or
    # "aside" (border with X): never
    capital_of: bool = False  # "the capital of X": the event is in X's capital


def read_mention(doc_text: str, start: int, end: int) -> MentionCue | None:
    """Read the place mention ``doc_text[start:end]`` with the words around it.

    >>> text = "Russian forces retook much of the Kursk province."
    >>> cue = read_mention(text, 34, 39)
    >>> text[cue.start:cue.end], cue.name, cue.scope
    ('Kursk province', 'Kursk', 'region')
    """
    span = doc_text[start:end]
    lead = _THE.match(span)
    if lead:
        start += lead.end()
    span = doc_text[start:end].rstrip(" ,.;:")
    end = start + len(span)
    poss = _POSSESSIVE.search(span)
    possessive = bool(poss) and len(span) > 3
    if possessive:
        span = span[:poss.start()]
        end = start + len(span)
    if not span.strip():
        return None
    name, scope = span, "place"
    prefix = _PREFIX_INSIDE.match(name)
    if prefix:
        word = prefix.group(0).lower()
        scope = "district" if any(w in word for w in DISTRICT_WORDS) else "region"
        if any(w in word for w in ("city", "town", "village", "settlement")):
            scope = "place"
        near_inside = any(w in word for w in ("outskirts", "suburb"))
        name = name[prefix.end():]
    else:
        near_inside = False
    inside = _SUFFIX_INSIDE.match(name)
    after_text = doc_text[end:end + 40]
    if inside:
        name, scope = inside.group(1), _scope_of(inside.group(2))
    elif not possessive:
        after = _SUFFIX_AFTER.match(after_text)
        if after:
            scope = _scope_of(after.group(1))
            end += after.end()
            after_text = doc_text[end:end + 40]
    before = doc_text[max(0, start - 60):start]
    if scope == "place":
        if _REGION_OF_BEFORE.search(before):
            scope = "region"
        elif _DISTRICT_OF_BEFORE.search(before):
            scope = "district"
    near = near_inside or bool(_NEAR_BEFORE.search(before)) or scope == "district"
    capital_of = bool(_CAPITAL_BEFORE.search(before))
    if _BORDER_BEFORE.search(before) or _BORDER_AFTER.match(after_text) \
            or (_ASIDE_BEFORE.search(before) and not near):
        role = "aside"
    elif possessive or capital_of or _ACTOR_AFTER.match(after_text) \
            or (scope == "place" and _ORG_AFTER.match(doc_text[end:end + 80])) \
            or _OBJECT_BEFORE.search(before):
        role = "actor"
    elif _TOPIC_BEFORE.search(before):
        role = "topic"
    elif _FROM_BEFORE.search(before):
        role = "origin"
    elif near or _IN_BEFORE.search(before):
        role = "event"
    else:
        role = "plain"
    return MentionCue(name=name.strip(), start=start, end=end, scope=scope, near=near,
                      role=role, capital_of=capital_of)


def _scope_of(word: str) -> str:
    return "district" if word.lower() in DISTRICT_WORDS else "region"
