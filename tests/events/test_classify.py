"""Event typing with the bundled event_classifier.v1 weights and trigger-lemma rules."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.acled import Codebook
from polybius.errors import InputError
from polybius.events.classify import (EventClassifier, EventType, RuleSet, char_codes,
                                      decode_char_code, word_terms)

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
          "ASSAULT"}


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier.load()


# (sentence, trigger lemma, PLOVER, ACLED event type, ACLED sub-event type)
CASES = [
    ("Russian forces retook the village of Tetkino in Kursk province on Sunday.", "retake",
     "ASSAULT", "Battles", "Government regains territory"),
    ("Houthi fighters captured the town of Harib after two days of heavy fighting.", "capture",
     "ASSAULT", "Battles", "Non-state actor overtakes territory"),
    ("Protesters marched peacefully in Buenos Aires to demand higher wages.", "march",
     "PROTEST", "Protests", "Peaceful protest"),
    ("A drone strike hit a market in Idlib, killing five people.", "strike",
     "ASSAULT", "Explosions/Remote violence", "Air/drone strike"),
    ("Russian artillery shelled residential areas of Kharkiv overnight.", "shell",
     "ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("A missile strike destroyed a warehouse in Odesa.", "strike",
     "ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Delegations will meet in Istanbul for talks on a ceasefire.", "meet",
     "CONSULT", None, None),
    ("Militants abducted 20 villagers near Maiduguri.", "abduct",
     "ASSAULT", "Violence against civilians", "Abduction/forced disappearance"),
    ("The two sides signed a ceasefire agreement in Doha.", "sign",
     "AGREE", "Strategic developments", "Agreement"),
    ("The European Union imposed new sanctions on Russian banks.", "sanction",
     "SANCTION", None, None),
    ("Police arrested the opposition leader at his home in Kampala.", "arrest",
     "COERCE", "Strategic developments", "Arrests"),
    ("Moscow accused Kyiv of staging the attack.", "accuse", "ACCUSE", None, None),
    ("The ministry threatened to cut gas supplies.", "threaten", "THREATEN", None, None),
    ("A convoy delivered food aid to Mariupol.", "deliver", "AID", None, None),
    ("The army deployed two more brigades to the border.", "deploy",
     "MOBILIZE", "Strategic developments", "Change to group/activity"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "explode",
     "ASSAULT", "Explosions/Remote violence", "Suicide bomb"),
]


@pytest.mark.parametrize("text, lemma, plover, event_type, sub_event_type", CASES)
def test_classify_real_sentences(classifier, text, lemma, plover, event_type, sub_event_type):
    [result] = classifier.classify([text], [lemma])
    assert (result.plover, result.acled_event_type, result.acled_sub_event_type) == \
        (plover, event_type, sub_event_type)
    assert 0.5 <= result.confidence <= 1.0


def test_batch_classify_keeps_order_and_matches_single_calls(classifier):
    texts = [c[0] for c in CASES]
    lemmas = [c[1] for c in CASES]
    batch = classifier.classify(texts, lemmas)
    assert [b.acled_sub_event_type for b in batch] == [c[4] for c in CASES]
    assert batch[3] == classifier.classify([texts[3]], [lemmas[3]])[0]


# The model alone (no trigger lemma) on sentences it has never seen.
MODEL_CASES = [
    ("Protesters marched peacefully in Buenos Aires.", "Peaceful protest"),
    ("Militants abducted 20 villagers and took them to an unknown location.",
     "Abduction/forced disappearance"),
    ("A roadside IED exploded under a military vehicle, killing two soldiers.",
     "Remote explosive/landmine/IED"),
    ("Fighter jets carried out airstrikes on rebel positions near the town.",
     "Air/drone strike"),
    ("Gunmen shot dead a farmer in his field.", "Attack"),
    ("Rioters threw stones at police and set tyres on fire.", "Violent demonstration"),
]


@pytest.mark.parametrize("text, sub_event_type", MODEL_CASES)
def test_model_alone_types_clear_sentences(classifier, text, sub_event_type):
    [result] = classifier.classify([text], [None])
    assert result.method == "model"
    assert result.acled_sub_event_type == sub_event_type
    assert result.acled_event_type == Codebook.load().event_type(sub_event_type)
    assert result.plover == Codebook.load().plover(sub_event_type)


def test_methods_say_who_decided(classifier):
    text = "Protesters clashed with police in Santiago."
    rule, both, model = classifier.classify([text] * 3, ["meet", "clash", None])
    assert rule.method == "rule" and rule.plover == "CONSULT"
    assert both.method == "rule+model" and both.acled_event_type in ("Protests", "Riots")
    assert model.method == "model"


def test_unknown_or_capitalised_lemma(classifier):
    text = "Talks between the delegations resumed in Geneva."
    [upper] = classifier.classify([text], ["Talks"])
    assert upper.plover == "CONSULT"
    [unknown] = classifier.classify([text], ["blorf"])
    assert unknown.method == "model"


def test_probabilities_are_distributions(classifier):
    probs = classifier.predict_proba(["Soldiers clashed with rebels.", "", "???"])
    assert probs.shape == (3, len(classifier.classes))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


def test_classify_needs_one_lemma_per_text(classifier):
    with pytest.raises(ValueError, match="one lemma per text: 2 texts, 1 lemmas"):
        classifier.classify(["a", "b"], [None])


def test_classify_empty_batch(classifier):
    assert classifier.classify([], []) == []


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300),
       lemma=st.sampled_from([None, "strike", "kill", "capture", "protest", "meet", "blorf"]))
def test_classify_any_text_gives_a_valid_type(classifier, text, lemma):
    [result] = classifier.classify([text], [lemma])
    assert isinstance(result, EventType)
    assert result.plover in PLOVER
    assert 0.0 <= result.confidence <= 1.0
    if result.acled_sub_event_type is None:
        assert result.acled_event_type is None
    else:
        assert result.acled_event_type == Codebook.load().event_type(
            result.acled_sub_event_type)


def test_save_load_round_trip(classifier, tmp_path):
    path = classifier.save(tmp_path / "clf.npz")
    again = EventClassifier.load(path)
    assert again.classes == classifier.classes
    assert again.temperature == classifier.temperature
    texts = [c[0] for c in CASES]
    np.testing.assert_array_equal(again.predict_proba(texts), classifier.predict_proba(texts))
    assert again.classify(texts, [c[1] for c in CASES]) == \
        classifier.classify(texts, [c[1] for c in CASES])


def test_load_missing_or_corrupt_weights(tmp_path):
    with pytest.raises(InputError, match="cannot read event classifier weights"):
        EventClassifier.load(tmp_path / "missing.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(InputError, match="cannot read event classifier weights"):
        EventClassifier.load(bad)
    np.savez(tmp_path / "partial.npz", coef=np.zeros((2, 2)))
    with pytest.raises(InputError, match="lack array 'meta'"):
        EventClassifier.load(tmp_path / "partial.npz")


def test_bundled_weights_are_small_and_numpy_only(classifier):
    assert classifier.meta["name"] == "event_classifier.v1"
    assert classifier.meta["split"] == "train"
    assert len(classifier.classes) >= 20
    assert 0.2 < classifier.temperature < 5


def test_rules_table_parses_and_names_real_types():
    book = Codebook.load()
    rules = RuleSet.load(book)
    assert len(rules.rules) > 30
    for rule in rules.rules:
        assert rule.plover is None or rule.plover in PLOVER
        assert rule.sub_event_type is None or rule.sub_event_type in book.sub_event_types
        assert rule.allowed <= set(book.sub_event_types)


def test_nonstate_named_first_decides_territory_rules():
    rules = RuleSet.load(Codebook.load())
    assert rules.holds("nonstate_first", "Rebels attacked army positions")
    assert not rules.holds("nonstate_first", "The army attacked rebel positions")
    assert rules.holds("nonstate_first", "Houthi forces took the district")
    assert not rules.holds("nonstate_first", "Villagers fled")


def test_word_and_char_terms():
    assert word_terms("Troops shelled Kharkiv.") == [
        "troops", "shelled", "kharkiv", "troops shelled", "shelled kharkiv"]
    grams = [decode_char_code(int(c)) for c in char_codes("Hit  me")]
    assert grams == [" hi", "hit", "it ", " me", "me ", " hit", "hit ", " me ", " hit "]
    assert char_codes("").size == 0
    assert decode_char_code(int(char_codes("é")[0]))[1] == chr(127)


@pytest.mark.parametrize("text, lemma", [
    ("Residents blocked the main road to the port and burned tyres to demand clean water.",
     "block"),
    ("Students demonstrated outside the ministry and threw stones at the building.",
     "demonstrate"),
    ("Hundreds of farmers rallied in the square and erected barricades on the bypass.",
     "rally"),
])
def test_a_protest_with_riotous_acts_is_a_riot(classifier, text, lemma):
    [result] = classifier.classify([text], [lemma])
    assert result.acled_event_type == "Riots", text


def test_a_protest_about_stones_or_fire_is_not_made_a_riot(classifier):
    rules = RuleSet.load(Codebook.load())
    assert not rules.holds("riot_act", "Villagers marched to protest a fire that destroyed "
                                       "their market and demanded compensation.")
    assert not rules.holds("riot_act", "Supporters formed a human barricade at the gate.")
    assert rules.holds("riot_act", "Youths set two cars on fire in the city centre.")


@pytest.mark.parametrize("text, lemma", [
    ("Local defence forces attacked an army convoy with remote-controlled mines on the "
     "highway.", "attack"),
    ("Insurgents carried out a landmine attack against a patrol, killing three soldiers.",
     "kill"),
])
def test_an_attack_with_mines_is_a_remote_explosion(classifier, text, lemma):
    [result] = classifier.classify([text], [lemma])
    assert result.acled_sub_event_type == "Remote explosive/landmine/IED", text


def test_an_attack_with_rifles_stays_outside_explosions(classifier):
    [result] = classifier.classify(
        ["Insurgents attacked an army patrol with rifles and machine guns near the mine."],
        ["attack"])
    assert result.acled_event_type != "Explosions/Remote violence"


def test_shooting_down_a_drone_is_disrupted_weapons_use(classifier):
    shot, killed = classifier.classify(
        ["Air defences shot down two armed drones over the airbase overnight.",
         "Soldiers shot down a fleeing suspect near the market."], ["shoot", "shoot"])
    assert shot.acled_sub_event_type == "Disrupted weapons use"
    assert killed.acled_sub_event_type != "Disrupted weapons use"


def test_a_protest_about_a_killing_without_riotous_acts_is_no_mob_violence(classifier):
    [result] = classifier.classify(
        ["Relatives rallied outside the police station to protest the killing of a man who "
         "was shot dead by officers last week."], ["rally"])
    assert result.acled_event_type == "Protests"
    [riot] = classifier.classify(["The riot spread to three districts overnight."], ["riot"])
    assert riot.acled_event_type in ("Protests", "Riots")
