"""Training the event classifier and measuring it on ACLED notes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from polybius.errors import InputError
from polybius.events.classify import EventClassifier
from polybius.train import (acled_examples, evaluate_classifier, gold_rows, train_classifier,
                            train_from_acled)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
GLOBAL = "acled_global_2022H1_no_ukraine.csv"
ARGENTINA = "acled_argentina_2022-06.csv"

SMALL_SAMPLE = [
    ("Hundreds of teachers marched to the ministry demanding higher pay.", "Peaceful protest"),
    ("Residents gathered in the square to protest against water cuts.", "Peaceful protest"),
    ("Students held a peaceful rally outside parliament.", "Peaceful protest"),
    ("Farmers demonstrated on the highway against fuel prices.", "Peaceful protest"),
    ("Nurses staged a sit-in in front of the hospital over unpaid wages.", "Peaceful protest"),
    ("Women's groups marched through the city centre against femicide.", "Peaceful protest"),
    ("Soldiers clashed with rebels near the border, leaving three dead.", "Armed clash"),
    ("Government troops fought insurgents for several hours in the hills.", "Armed clash"),
    ("Militants attacked an army base and exchanged fire with soldiers.", "Armed clash"),
    ("The army engaged militia fighters in an armed clash outside the town.", "Armed clash"),
    ("Rebels and government forces battled for control of the highway.", "Armed clash"),
    ("Security forces exchanged gunfire with insurgents in the forest.", "Armed clash"),
    ("Warplanes carried out airstrikes on rebel positions.", "Air/drone strike"),
    ("A drone strike hit a vehicle carrying militants.", "Air/drone strike"),
    ("Fighter jets bombed a weapons depot in the desert.", "Air/drone strike"),
    ("An air raid by military aircraft destroyed a bridge.", "Air/drone strike"),
    ("Drones struck a training camp in the mountains.", "Air/drone strike"),
    ("Military helicopters fired missiles at a convoy from the air.", "Air/drone strike"),
]


def test_train_small_sample_predicts_held_out_sentences(tmp_path):
    clf = train_classifier(SMALL_SAMPLE, seed=0)
    assert set(clf.classes) == {"Peaceful protest", "Armed clash", "Air/drone strike"}
    held_out = ["Workers marched peacefully to demand better wages.",
                "Rebels clashed with soldiers and exchanged fire near the border.",
                "An airstrike by warplanes hit the camp."]
    types = clf.classify(held_out, [None, None, None])
    assert [t.acled_sub_event_type for t in types] == [
        "Peaceful protest", "Armed clash", "Air/drone strike"]
    assert [t.acled_event_type for t in types] == [
        "Protests", "Battles", "Explosions/Remote violence"]
    again = EventClassifier.load(clf.save(tmp_path / "small.npz"))
    assert [t.acled_sub_event_type for t in again.classify(held_out, [None] * 3)] == \
        [t.acled_sub_event_type for t in types]


def test_training_is_deterministic():
    a = train_classifier(SMALL_SAMPLE, seed=0, calibrate=False)
    b = train_classifier(SMALL_SAMPLE, seed=0, calibrate=False)
    np.testing.assert_array_equal(a.coef, b.coef)
    assert a.features.word_vocab == b.features.word_vocab
    np.testing.assert_array_equal(a.features.char_codes, b.features.char_codes)


def test_train_rejects_unknown_and_single_labels():
    with pytest.raises(InputError, match="unknown ACLED sub-event type.*Skirmish"):
        train_classifier([("Soldiers fought.", "Skirmish"), ("Protest.", "Peaceful protest")])
    with pytest.raises(InputError, match="at least two sub-event types"):
        train_classifier([("Soldiers fought.", "Armed clash")] * 3)


def test_gold_rows_read_dev_and_refuse_test(tmp_path):
    dev = tmp_path / "dev.jsonl"
    doc = {"id": "d1", "text": "Russian troops shelled Kharkiv. Talks were held in Minsk.",
           "events": [{"event_type": "ASSAULT", "acled_event_type": "Explosions/Remote violence",
                       "acled_sub_event_type": "Shelling/artillery/missile attack",
                       "evidence_text": "Russian troops shelled Kharkiv."},
                      {"event_type": "CONSULT", "acled_event_type": None,
                       "acled_sub_event_type": None,
                       "evidence_text": "Talks were held in Minsk."}]}
    dev.write_text(json.dumps(doc) + "\n\n", encoding="utf-8")
    assert gold_rows([dev]) == [("Russian troops shelled Kharkiv.",
                                 "Shelling/artillery/missile attack")]
    test = tmp_path / "test.jsonl"
    test.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="looks like a test set"):
        gold_rows([test])
    broken = tmp_path / "dev2.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="dev2.jsonl:1: not JSON"):
        gold_rows([broken])


def test_acled_examples_unknown_split():
    with pytest.raises(InputError, match="unknown ACLED split 'dev'"):
        acled_examples([], "dev")


@pytest.fixture(scope="module")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder {SHARED} is absent")
    return SHARED


def test_acled_examples_are_clean_deduplicated_and_split(shared):
    test = acled_examples([shared / GLOBAL, shared / ARGENTINA], "test")
    train = acled_examples([shared / GLOBAL, shared / ARGENTINA], "train")
    assert not {e.country for e in test} & {e.country for e in train}
    ids = [e.event_id for e in test + train]
    assert len(ids) == len(set(ids))
    assert not any(e.text.startswith("Property destruction:") for e in train)


def test_bundled_classifier_on_acled_test_split(shared):
    """The shipped weights never saw these countries; the figures in the report."""
    clf = EventClassifier.load()
    report = evaluate_classifier(clf, acled_examples([shared / GLOBAL, shared / ARGENTINA],
                                                     "test"))
    assert report.n > 1000
    assert report.sub_event_type_accuracy >= 0.80
    assert report.event_type_accuracy >= 0.85
    assert report.sub_event_type_accuracy > report.baseline_sub_event_type_accuracy + 0.2
    assert report.confident_accuracy is not None and report.confident_accuracy >= 0.8
    assert sum(b.n for b in report.reliability) == report.n


@pytest.mark.slow
def test_train_from_real_acled_sample(shared, tmp_path):
    clf = train_from_acled([shared / ARGENTINA], split="all")
    assert "Peaceful protest" in clf.classes and "Violent demonstration" in clf.classes
    assert clf.meta["acled_files"] == [ARGENTINA]
    [peaceful] = clf.classify(["Residents gathered peacefully in front of the city council "
                               "to demand the reopening of the hospital."], [None])
    assert peaceful.acled_sub_event_type == "Peaceful protest"
    again = EventClassifier.load(clf.save(tmp_path / "arg.npz"))
    assert again.meta["split"] == "all"
