"""ACLED's codebook as data, a reader for ACLED CSV exports, and the team's fixed split.

The codebook (``polybius/data/acled_codebook.csv``) lists ACLED's 6 event types and 25
sub-event types with the default PLOVER type for each. Mapping decisions worth knowing:

* every Battles, Explosions/Remote violence and Violence against civilians sub-event is
  ``ASSAULT`` (abduction and sexual violence included, as PLOVER's ASSAULT modes do);
* Peaceful protest, Protest with intervention and Violent demonstration are ``PROTEST``
  (PLOVER's PROTEST covers riots); Excessive force against protesters and Mob violence are
  ``ASSAULT`` (the event is violence against people);
* Agreement is ``AGREE``; Arrests, Disrupted weapons use and Looting/property destruction are
  ``COERCE`` (seizing and destroying property without fighting is coercion, not assault);
* Change to group/activity, Headquarters or base established and Other are ``MOBILIZE``
  (Other is a placeholder: the event classifier's trigger-lemma rules override it when they
  know better); Non-violent transfer of territory is ``RETREAT``.

``acled_split(country)`` is the split every evaluation uses: never tune on "test".
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError

CODEBOOK_RESOURCE = "acled_codebook.csv"
SPLIT_SALT = "polybius-acled-split-v1"
TEST_PERCENT = 20

_REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type",
                     "country", "notes")
_PREFIX = re.compile(r"^\s*[A-Z][A-Za-z /,\-]{2,40}:\s+")
_BRACKETS = re.compile(r"\s*\[[^\]]*\]|\s*\((?:[^()]|\([^()]*\))*?\bcoded (?:to|as|at)\b"
                       r"(?:[^()]|\([^()]*\))*\)", re.I)
#: a coding remark outside brackets: ", coded to Kumba (Ekondo Titi, Ndian)", "Location not
#: found, coded to the nearest town, Ginchi (...)", "Unknown fatalities coded as 3", and
#: "coded at" as geo/scan.py reads it ("Location coded at Pyongyang")
_CODED = re.compile(r",?\s*\bcoded (?:to|as|at)\b(?:[^.,;()]*,)?[^.,;()]*(?:\([^()]*\))?", re.I)
_SPACES = re.compile(r"\s{2,}")


@dataclass(frozen=True, slots=True)
class CodebookEntry:
    """One ACLED sub-event type with its event type and default PLOVER type."""

    event_type: str
    sub_event_type: str
    plover: str
    disorder_type: str
    definition: str


@dataclass(frozen=True, slots=True)
class Codebook:
    """ACLED's event and sub-event types.

    >>> book = Codebook.load()
    >>> book.event_type("Armed clash"), book.plover("Peaceful protest")
    ('Battles', 'PROTEST')
    """

    entries: tuple[CodebookEntry, ...]

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Codebook":
        """Read the bundled codebook (or a CSV with the same columns at ``path``)."""
        try:
            if path is None:
                text = resources.files("polybius").joinpath("data", CODEBOOK_RESOURCE).read_text(
                    encoding="utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read the ACLED codebook {path or CODEBOOK_RESOURCE}: "
                             f"{exc}") from exc
        reader = csv.DictReader(text.splitlines())
        try:
            entries = tuple(CodebookEntry(r["event_type"], r["sub_event_type"], r["plover"],
                                          r["disorder_type"], r["definition"]) for r in reader)
        except KeyError as exc:
            raise InputError(f"ACLED codebook {path or CODEBOOK_RESOURCE} lacks column "
                             f"{exc}") from exc
        return cls(entries)

    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.event_type for e in self.entries))

    @property
    def sub_event_types(self) -> tuple[str, ...]:
        return tuple(e.sub_event_type for e in self.entries)

    def entry(self, sub_event_type: str) -> CodebookEntry:
        for e in self.entries:
            if e.sub_event_type == sub_event_type:
                return e
        raise KeyError(f"unknown ACLED sub-event type {sub_event_type!r}")

    def event_type(self, sub_event_type: str) -> str:
        """The ACLED event type a sub-event type belongs to."""
        return self.entry(sub_event_type).event_type

    def plover(self, sub_event_type: str) -> str:
        """The default PLOVER event type of an ACLED sub-event type."""
        return self.entry(sub_event_type).plover

    def subtypes_of(self, event_type: str) -> tuple[str, ...]:
        return tuple(e.sub_event_type for e in self.entries if e.event_type == event_type)


@dataclass(frozen=True, slots=True)
class AcledRow:
    """The columns of an ACLED export that Polybius uses."""

    event_id_cnty: str
    event_date: str
    year: int | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    country: str
    iso: int | None
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    notes: str
    source: str
    timestamp: int | None = None


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def read_acled_csv(path: str | Path) -> Iterator[AcledRow]:
    """Yield the rows of an ACLED CSV export (ACLED's column names), streaming.

    >>> rows = read_acled_csv("acled_export.csv")  # doctest: +SKIP
    >>> next(rows).sub_event_type  # doctest: +SKIP
    'Peaceful protest'
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot open ACLED file {path}: {exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(f"{path} is not an ACLED export: missing column(s) "
                             f"{', '.join(missing)}")
        for rec in reader:
            yield AcledRow(
                event_id_cnty=rec["event_id_cnty"].strip(),
                event_date=rec["event_date"].strip(),
                year=_int(rec.get("year")),
                time_precision=_int(rec.get("time_precision")),
                event_type=rec["event_type"].strip(),
                sub_event_type=rec["sub_event_type"].strip(),
                actor1=(rec.get("actor1") or "").strip(),
                actor2=(rec.get("actor2") or "").strip(),
                country=rec["country"].strip(),
                iso=_int(rec.get("iso")),
                admin1=(rec.get("admin1") or "").strip(),
                admin2=(rec.get("admin2") or "").strip(),
                location=(rec.get("location") or "").strip(),
                latitude=_float(rec.get("latitude")),
                longitude=_float(rec.get("longitude")),
                geo_precision=_int(rec.get("geo_precision")),
                fatalities=_int(rec.get("fatalities")),
                notes=rec["notes"] or "",
                source=(rec.get("source") or "").strip(),
                timestamp=_int(rec.get("timestamp")),
            )


def dedupe_acled(rows: Iterable[AcledRow]) -> list[AcledRow]:
    """One row per ``event_id_cnty``: the latest revision (highest timestamp; on a tie the
    one read last, then the one with longer notes). Keeps first-seen order.
    """
    best: dict[str, AcledRow] = {}
    for row in rows:
        old = best.get(row.event_id_cnty)
        if old is None or _revision_key(row) >= _revision_key(old):
            best[row.event_id_cnty] = row
    return list(best.values())


def _revision_key(row: AcledRow) -> tuple[int, int]:
    return (row.timestamp if row.timestamp is not None else -1, len(row.notes))


def acled_split(country: str) -> str:
    """The team's fixed train/test split of ACLED rows by country: "test" or "train".

    A stable hash of the case-folded country name puts about 20 % of countries (17 % of the
    2022H1 rows) in "test"; no country is on both sides. Evaluations use exactly this.

    >>> acled_split("France"), acled_split("India")
    ('test', 'train')
    """
    key = f"{SPLIT_SALT}:{country.strip().casefold()}".encode("utf-8")
    bucket = int(hashlib.sha256(key).hexdigest()[:8], 16) % 100
    return "test" if bucket < TEST_PERCENT else "train"


def clean_note(notes: str) -> str:
    """ACLED notes as plain report text: drop the leading coder label ("Property
    destruction: ", "Movement of forces: ") and the coder's remarks on how the event was
    coded ("[coded as Pana with GP2]", "(a location coded to Gelila)", ", coded to Kumba
    (Ndian)", "Unknown fatalities coded as 3"). They give the answer away and never appear
    in news.

    >>> clean_note("Looting: On 5 May 2022, men looted shops [coded to Goma].")
    'On 5 May 2022, men looted shops.'
    >>> clean_note("On 4 May 2022, in Merida state (coded to Merida, Merida), protesters marched.")
    'On 4 May 2022, in Merida state, protesters marched.'
    >>> clean_note("Men stole a car in Bessi, coded to Batibo (Momo). Deaths coded as 3.")
    'Men stole a car in Bessi. Deaths.'
    """
    text = _PREFIX.sub("", notes, count=1)
    text = _CODED.sub("", _BRACKETS.sub("", text))
    return _SPACES.sub(" ", text).strip()
