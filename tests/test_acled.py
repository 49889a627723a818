"""ACLED codebook, CSV reader, deduplication, the fixed split and note cleaning."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polybius.acled import (AcledRow, Codebook, acled_split, clean_note, dedupe_acled,
                            read_acled_csv)
from polybius.errors import InputError

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
ACLED_FILES = ("acled_global_2022H1_no_ukraine.csv", "acled_argentina_2022-06.csv")

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
          "ASSAULT"}
ACLED_TYPES = {
    "Battles": ["Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack",
                                   "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"],
}
COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type",
           "sub_event_type", "actor1", "actor2", "iso", "country", "admin1", "admin2",
           "location", "latitude", "longitude", "geo_precision", "source", "notes",
           "fatalities", "timestamp"]


def _write_csv(path: Path, rows: list[dict[str, str]], columns=COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def _row(event_id: str, timestamp: str, notes: str, **extra: str) -> dict[str, str]:
    base = {"event_id_cnty": event_id, "event_date": "2022-03-01", "year": "2022",
            "time_precision": "1", "event_type": "Protests", "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (Chile)", "iso": "152", "country": "Chile",
            "admin1": "Santiago Metropolitan", "location": "Santiago", "latitude": "-33.4569",
            "longitude": "-70.6483", "geo_precision": "1", "source": "La Tercera",
            "notes": notes, "fatalities": "0", "timestamp": timestamp}
    base.update(extra)
    return base


def test_codebook_has_acled_types_in_order_with_plover_types():
    book = Codebook.load()
    assert list(book.event_types) == list(ACLED_TYPES)
    for event_type, subs in ACLED_TYPES.items():
        assert list(book.subtypes_of(event_type)) == subs
        for sub in subs:
            assert book.event_type(sub) == event_type
    assert len(book.sub_event_types) == 25
    assert {e.plover for e in book.entries} <= PLOVER
    assert book.plover("Armed clash") == "ASSAULT"
    assert book.plover("Peaceful protest") == "PROTEST"
    assert book.plover("Agreement") == "AGREE"
    assert book.plover("Arrests") == "COERCE"
    assert book.plover("Looting/property destruction") == "COERCE"
    assert book.plover("Non-violent transfer of territory") == "RETREAT"


def test_codebook_unknown_sub_event_type_raises_key_error():
    with pytest.raises(KeyError, match="Carpet bombing"):
        Codebook.load().event_type("Carpet bombing")


def test_read_acled_csv_parses_types(tmp_path):
    notes = "On 1 March 2022, students marched in Santiago against fare rises."
    path = _write_csv(tmp_path / "a.csv", [_row("CHL1", "1650000000", notes),
                                           _row("CHL2", "", "", latitude="", fatalities="")])
    first, second = list(read_acled_csv(path))
    assert isinstance(first, AcledRow)
    assert first.event_id_cnty == "CHL1"
    assert (first.year, first.time_precision, first.geo_precision) == (2022, 1, 1)
    assert (first.latitude, first.longitude) == (-33.4569, -70.6483)
    assert (first.iso, first.fatalities, first.timestamp) == (152, 0, 1650000000)
    assert first.notes == notes and first.sub_event_type == "Peaceful protest"
    assert (second.latitude, second.fatalities, second.timestamp) == (None, None, None)


def test_read_acled_csv_names_missing_columns(tmp_path):
    path = _write_csv(tmp_path / "b.csv", [{"event_id_cnty": "X1"}],
                      columns=["event_id_cnty", "event_date", "country"])
    with pytest.raises(InputError, match="missing column.*event_type, sub_event_type, notes"):
        list(read_acled_csv(path))


def test_read_acled_csv_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot open ACLED file .*nope.csv"):
        list(read_acled_csv(tmp_path / "nope.csv"))


def test_dedupe_keeps_latest_revision_in_first_seen_order(tmp_path):
    path = _write_csv(tmp_path / "c.csv", [
        _row("CHL1", "1650000000", "Old version.", fatalities="0"),
        _row("CHL2", "1650000000", "Another event."),
        _row("CHL1", "1660000000", "Revised version.", fatalities="2"),
        _row("CHL1", "1655000000", "Middle version."),
    ])
    rows = dedupe_acled(read_acled_csv(path))
    assert [r.event_id_cnty for r in rows] == ["CHL1", "CHL2"]
    assert rows[0].notes == "Revised version." and rows[0].fatalities == 2


def test_acled_split_is_fixed_by_country():
    assert acled_split("France") == "test"
    assert acled_split("Pakistan") == "test"
    assert acled_split("India") == "train"
    assert acled_split("Myanmar") == "train"
    assert acled_split("  france ") == acled_split("FRANCE") == "test"


@given(st.text(max_size=40))
def test_acled_split_answers_train_or_test_stably(country):
    assert acled_split(country) in ("train", "test")
    assert acled_split(country) == acled_split(country)


def test_acled_split_puts_about_a_fifth_of_real_rows_in_test():
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder {SHARED} is absent")
    rows = dedupe_acled(r for name in ACLED_FILES for r in read_acled_csv(SHARED / name))
    sides = Counter(acled_split(r.country) for r in rows)
    share = sides["test"] / len(rows)
    assert 0.12 < share < 0.28
    countries = {side: {r.country for r in rows if acled_split(r.country) == side}
                 for side in ("train", "test")}
    assert countries["train"] and countries["test"]
    assert not countries["train"] & countries["test"]


@pytest.mark.parametrize("raw, clean", [
    ("Property destruction: On 5 January 2022, a school was set on fire in Reg district.",
     "On 5 January 2022, a school was set on fire in Reg district."),
    ("Movement of forces: Around 9 May 2022, troops moved into Hukam Qala village of Giro "
     "district [coded as Pana with GP2], Ghazni.",
     "Around 9 May 2022, troops moved into Hukam Qala village of Giro district, Ghazni."),
    ("On 3 June 2022, in San Rafael (Mendoza), about 300 women gathered at the plaza.",
     "On 3 June 2022, in San Rafael (Mendoza), about 300 women gathered at the plaza."),
    ("On 24 May 2022, in Entre Rios province (coded to Parana), members protested.",
     "On 24 May 2022, in Entre Rios province, members protested."),
    # remarks inside a longer parenthesis, outside brackets, and on the fatality count
    ("Militants burned a farm in Dera village (a location coded to Gelila) in Limu woreda.",
     "Militants burned a farm in Dera village in Limu woreda."),
    ("Gunmen seized a truck on the Kumba road, coded to Kumba (Ndian, Sud-Ouest). No injuries.",
     "Gunmen seized a truck on the Kumba road. No injuries."),
    ("Location not found, coded to the nearest town, Ginchi (Dendi, Oromia). Unknown "
     "fatalities coded as 3.", "Location not found. Unknown fatalities."),
    ("Missiles fell towards the sea off the east coast (coded at the Sea of Japan). Location "
     "coded at Pyongyang.", "Missiles fell towards the sea off the east coast. Location."),
    # other remarks stay: they tell what happened
    ("Residents protested the killing of a man (coded separately) in Serra.",
     "Residents protested the killing of a man (coded separately) in Serra."),
])
def test_clean_note_drops_coder_label_and_brackets(raw, clean):
    assert clean_note(raw) == clean
