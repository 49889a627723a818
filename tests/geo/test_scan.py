"""Scanner tests: names the recogniser misses, found by the words around them."""

from polybius.geo.scan import extend_subarea, find_cued_names, settlement_cue
from polybius.records import Span


def scan(text, taken=()):
    return [(s.text, cued) for s, cued in
            find_cued_names(text, Span.of(text, 0, len(text)), list(taken))]


def test_parenthesis_and_settlement_word_mark_places():
    text = "Gunmen attacked Fadan Chawai (Kauru, Kaduna) and Koro village."
    assert scan(text) == [("Fadan Chawai", True), ("Kauru", False), ("Kaduna", False),
                          ("Koro", True)]


def test_taken_spans_months_and_facilities_are_skipped():
    text = "On 3 May 2022, police met in January at Kosuyolu park in Baglar town."
    taken = [Span.of(text, text.index("Baglar"), text.index("Baglar") + 6)]
    assert scan(text, taken) == []


def test_settlement_cue_kinds():
    text = "Shelling hit Fleifel town and Kpankpaga (Kompienga, Est)."
    assert settlement_cue(text, text.index(" town")) == "word"
    assert settlement_cue(text, text.index(" (")) == "paren"
    assert settlement_cue(text, text.index(" hit")) is None


def test_town_and_quarter_is_one_name():
    text = "Dozens protested in Chicago - Southwest Side (Illinois)."
    start = text.index("Chicago")
    assert extend_subarea(text, Span.of(text, start, start + 7)).text == \
        "Chicago - Southwest Side"
