from hypothesis import given
from hypothesis import strategies as st

from polybius.situation.sentences import sentence_at, split_sentences

TEXT = ("Russian drones struck Odesa overnight. Gen. Syrskyi said the U.S. envoy arrived.\n\n"
        "Talks resumed on Monday! Prices rose.")


def test_sentences_slice_the_text():
    sentences = split_sentences(TEXT)
    assert [s.text for s in sentences] == [
        "Russian drones struck Odesa overnight.", "Gen. Syrskyi said the U.S. envoy arrived.",
        "Talks resumed on Monday!", "Prices rose."]
    for s in sentences:
        assert TEXT[s.start:s.end] == s.text


def test_paragraphs_follow_line_breaks():
    assert [s.paragraph for s in split_sentences(TEXT)] == [0, 0, 1, 1]


def test_sentence_at_offset():
    sentences = split_sentences(TEXT)
    assert sentence_at(sentences, TEXT.index("envoy")).text.startswith("Gen. Syrskyi")
    assert sentence_at(sentences, 0).index == 0


@given(st.text(alphabet=st.sampled_from("ab .!?\nAB1"), max_size=80))
def test_spans_are_exact_and_ordered(text):
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
