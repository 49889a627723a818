import pytest

from polybius.geo.cues import read_mention


def cue_for(text, name):
    start = text.index(name)
    return read_mention(text, start, start + len(name))


@pytest.mark.parametrize("text, name, span, scope, near, role", [
    ("Russian forces retook much of the Kursk province.", "Kursk", "Kursk province",
     "region", False, "plain"),
    ("Shelling hit the Kharkiv Oblast overnight.", "Kharkiv Oblast", "Kharkiv Oblast",
     "region", False, "event"),
    ("Fighting continued near Bakhmut.", "Bakhmut", "Bakhmut", "place", True, "event"),
    ("Troops dug in on the outskirts of Mariupol.", "Mariupol", "Mariupol", "place", True,
     "event"),
    ("Shells fell 10 km north of Donetsk.", "Donetsk", "Donetsk", "place", True, "event"),
    ("Shelling in the Izium district.", "Izium", "Izium district", "district", True, "event"),
    ("Russia's defence ministry said it struck depots.", "Russia", "Russia", "place", False,
     "actor"),
    ("Troops massed along the border with Belarus.", "Belarus", "Belarus", "place", False,
     "aside"),
    ("Missiles launched from Belarus hit Kyiv.", "Belarus", "Belarus", "place", False,
     "origin"),
    ("Missiles launched from Belarus hit Kyiv.", "Kyiv", "Kyiv", "place", False, "event"),
    ("Blasts rocked the capital of Ukraine.", "Ukraine", "Ukraine", "place", False, "actor"),
    ("In the region of Kherson, fighting goes on.", "Kherson", "Kherson", "region", False,
     "event"),
])
def test_read_mention(text, name, span, scope, near, role):
    cue = cue_for(text, name)
    assert text[cue.start:cue.end] == span
    assert (cue.scope, cue.near, cue.role) == (scope, near, role)


def test_leading_article_and_possessive_are_trimmed():
    text = "The Kherson region's governor said the Kherson region was shelled."
    cue = read_mention(text, 0, len("The Kherson region's"))
    assert text[cue.start:cue.end] == "Kherson region" and cue.name == "Kherson"
    assert cue.role == "actor"


def test_capital_of_flag():
    cue = cue_for("Explosions shook the capital of Ukraine.", "Ukraine")
    assert cue.capital_of
