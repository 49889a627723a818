"""The small English model labels Kyiv PERSON and Kursk PRODUCT; the gazetteer ruler fixes it."""

import pytest


def places(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ in {"GPE", "LOC", "FAC"}]


def test_regression_kyiv_and_kursk_are_places(place_nlp):
    text = "Russian drones attacked Kyiv, while Ukrainian troops advanced in Kursk."
    found = places(place_nlp, text)
    assert ("Kyiv", "GPE") in found and ("Kursk", "GPE") in found


@pytest.mark.parametrize("text, expected", [
    ("Ukrainian troops advanced in the Kursk region in August.", "Kursk region"),
    ("Shelling hit Kharkiv and Izium overnight.", "Izium"),
    ("Heavy fighting continued near Bakhmut.", "Bakhmut"),
    ("Air raid sirens sounded in Mykolaiv and Kherson.", "Mykolaiv"),
])
def test_conflict_places_are_labelled(place_nlp, text, expected):
    assert (expected, "GPE") in places(place_nlp, text)


def test_stoplisted_words_are_not_forced(place_nlp):
    doc = place_nlp("In March, police said the march in August was nice.")
    assert not [e for e in doc.ents if e.label_ == "GPE"]
