"""The actor dictionary: ACLED names for actor mentions, matched with a word trie.

The data is ``polybius/data/actors.csv`` (columns ``pattern,name,country,kind,scope,notes``;
see the README); users add rows with their own CSV, which take precedence. The tries are
built once per :class:`ActorDictionary`, never at import. ``polybius.actors`` uses it to
resolve the actors of an event from the parse.

>>> d = ActorDictionary.load()
>>> [d.resolve(h, None)[0] for h in d.scan("Russian troops and Al-Shabaab")]
['Military Forces of Russia (2000-)', 'Al Shabaab']
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from .errors import ConfigError

KINDS = frozenset({"country", "demonym", "state_forces", "police", "government", "rebels",
                   "militia", "external", "io", "protesters", "rioters", "civilians",
                   "armed_group", "crowd", "individuals"})
GENERIC = frozenset({"crowd", "individuals", "civilians"})
_NAMED_KINDS = frozenset({"rebels", "militia", "external", "io"})
ARMED = frozenset({"state_forces", "police", "rebels", "militia", "external", "armed_group"})
_DEFAULT_NAMES = {"state_forces": "Military Forces of {country}",
                  "police": "Police Forces of {country}", "government": "Government of {country}",
                  "armed_group": "Unidentified Armed Group ({country})"}
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
class DictionaryHit:
    """A dictionary match in a scanned text: character offsets and the candidate rows."""

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
        if raw and raw[-1][2].lower() == "anti" and text[raw[-1][1]:m.start()] == "-":
            # "anti-Houthi forces" oppose the Houthis: one word that names no actor
            raw[-1] = (raw[-1][0], m.end(), text[raw[-1][0]:m.end()])
        elif not (prev_apostrophe and w.lower() == "s"):
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
                if "{" not in e.name:  # ACLED's own spelling, the long form after "XYZ: "
                    short, _, long = e.name.partition(": ")  # and the acronym before it
                    short = short if long and sum(c.isupper() for c in short) >= 2 else ""
                    for form in {_SUFFIX.sub("", e.name), long, short} - {""}:
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

    def scan(self, text: str) -> list[DictionaryHit]:
        """Non-overlapping dictionary mentions in ``text``, left to right, longest first."""
        words = _words(text)
        hits: list[DictionaryHit] = []
        i = 0
        while i < len(words):
            found = self._match_at(words, i)
            if not found:
                i += 1
                continue
            hits.extend(found)
            i = found[-1].end_word
        hits = [h for k, h in enumerate(hits) if not (  # "Niger militiamen": a modifier
            h.bare_country and k + 1 < len(hits) and hits[k + 1].start - h.end <= 1)]
        return _merge_named_heads(hits, text)

    def _match_at(self, words: list, i: int) -> list:
        end, named = self._named.longest(words, i)
        best: list = [DictionaryHit(words[i][0], words[end - 1][1], tuple(named), None, False,
                                    end)] if named else []
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
                best = [DictionaryHit(words[s][0],
                                      words[(h_end if n == len(chain) - 1 else e) - 1][1],
                                      entries, c, False, h_end)
                        for n, (s, e, c) in enumerate(chain)]
                best_end = h_end
            elif c_end > best_end and any(c.kind == "country" for c in countries):
                best = [DictionaryHit(words[i][0], words[c_end - 1][1], (), iso, True, c_end)]
                best_end = c_end
        if not best:
            h_end, heads = self._heads.longest(words, i)
            bare = tuple(e for ok, e in heads if ok)
            if bare and h_end < len(words) and words[h_end - 1][2].istitle() \
                    and words[h_end][2].istitle():
                bare = ()  # part of a proper name: "the Government Palace"
            if bare:
                best = [DictionaryHit(words[i][0], words[h_end - 1][1], bare, None, False, h_end)]
        return best

    def resolve(self, hit: DictionaryHit, context: str | None, role: str = "any",
                tclass: str = "other") -> tuple[str | None, str | None, str, str | None]:
        """(name, country, kind, reason) of a mention in a role ('agent', 'patient', 'any')."""
        where = hit.country or context
        if hit.bare_country:
            entry = ActorEntry("", "{%s}" % ("state_forces" if tclass == "violent" else
                                             "government"), hit.country, "government")
        else:
            entries = [e for e in hit.entries if e.country == where and e.country] or \
                      [e for e in hit.entries if e.scope != "context"]
            if not entries and not (role == "agent" and tclass in ("protest", "riot")):
                return None, None, hit.entries[0].kind, "actor name depends on the country"
            # "a coalition of residents' groups staged a rally": whoever protests is a crowd
            entry = entries[0] if entries else ActorEntry("", "", None, "crowd")
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
        name, country = self.expand_name(template, entry.country or where)
        return name, country, kind, None if name else "country of the actor unknown"

    def localised_name(self, name: str, kind: str | None, iso: str,
                       text: str | None = None) -> str | None:
        """``name`` renamed for an event in country ``iso`` when it is a generic name that
        ACLED gives by where the event happens (crowds, unidentified armed groups), else None.
        A crowd or group whose mention ``text`` gives its nationality keeps it, as ACLED
        names them: "Ukrainians living in Japan protested" -> "Protesters (Ukraine)".

        >>> ActorDictionary.load().localised_name("Unidentified Armed Group (Chad)", "armed_group", "NER")
        'Unidentified Armed Group (Niger)'
        >>> ActorDictionary.load().localised_name("Protesters (Ukraine)", "protesters", "ITA",
        ...                                       "around 100 Ukrainians") is None
        True
        """
        if text and self._names_nationality(name, text):
            return None
        base = name.split(" (")[0]
        if kind in ("protesters", "rioters", "civilians"):
            return f"{base} ({self.country_name(iso)})"
        if kind != "armed_group":
            return None
        defaults = {_DEFAULT_NAMES["armed_group"].replace(" ({country})", "")} | {
            v for (_, k), v in self._defaults.items() if k == "armed_group"}
        if base in defaults or name in defaults:
            return self.expand_name("{armed_group}", iso)[0]
        if base == "Unidentified Gang" and name != "Unidentified Gang and/or Police Militia":
            return f"Unidentified Gang ({self.country_name(iso)})"
        return None

    def _names_nationality(self, name: str, text: str) -> bool:
        """Whether ``text`` ("Belarusian activists", "Ukrainians") names the country that
        ends ``name``."""
        return "(" in name and self.nationality(text) is not None and \
            self.nationality(text) == self.country_code(name.rsplit("(", 1)[1].rstrip(")"))

    def nationality(self, text: str) -> str | None:
        """The country of the first demonym in ``text``, plurals included ("Ukrainians
        living in Japan" -> 'UKR'); None for a "community", which is local ("members of the
        Russian community").

        >>> ActorDictionary.load().nationality("about 60 Sudanese nationals")
        'SDN'
        """
        if "communit" in text.lower():
            return None
        words = _words(text)
        for i, word in enumerate(words):
            found = list(self._countries.longest(words, i)[1])
            if word[3][-1].endswith("s"):  # "Ukrainians", "Russians": a demonym's plural
                found += self._countries.root.get(word[3][-1][:-1], {}).get("", [])
            for e in found:
                if e.kind == "demonym" and e.country:
                    return e.country
        return None

    def expand_name(self, template: str, iso: str | None) -> tuple[str | None, str | None]:
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


def _is_named(hit: DictionaryHit) -> bool:
    return bool(hit.entries) and not hit.bare_country and \
        all("{" not in e.name and e.kind not in GENERIC for e in hit.entries)


def _is_generic_head(hit: DictionaryHit) -> bool:
    return bool(hit.entries) and hit.country is None and \
        all("{" in e.name and not e.country for e in hit.entries)


def _is_named_armed(hit: DictionaryHit) -> bool:
    """A named armed actor whose name depends on the country ("IS" -> "Islamic State (X)")."""
    return bool(hit.entries) and not hit.bare_country and hit.country is None and \
        all(e.kind in _NAMED_KINDS and e.kind != "io" for e in hit.entries)


def _merge_named_heads(hits: list[DictionaryHit], text: str) -> list[DictionaryHit]:
    """"AQAP militants", "Al Shabaab fighters", "IS members": a named group before a generic
    head noun is one mention of the group."""
    out: list[DictionaryHit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end:hit.start] in ("", " ") and \
                (_is_named(prev) or _is_named_armed(prev)) and _is_generic_head(hit):
            out[-1] = DictionaryHit(prev.start, hit.end, prev.entries, prev.country, False,
                                    hit.end_word)
        else:
            out.append(hit)
    return out


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
        raise ConfigError(f"actor dictionary {origin} lacks column(s) "
                          f"{', '.join(sorted(missing))}; the header must be "
                          "pattern,name,country,kind,scope,notes")
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
