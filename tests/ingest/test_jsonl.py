"""JSON Lines and JSON: bad lines are failures naming file:line; the good ones still arrive."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import given, settings as hsettings, strategies as st

from polybius.ingest import read_paths, read_stream
from polybius.records import Document, Failure
from polybius.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
GOOD = "Drones struck a fuel depot near Kropyvnytskyi overnight, the regional governor said."


def by_origin(items):
    return {item.origin: item for item in items}


def test_mixed_file_keeps_good_lines_and_names_bad_ones():
    path = DATA / "mixed.jsonl"
    items = by_origin(read_paths([path], Settings()))
    name = str(path)
    assert sorted(items) == [f"{name}:{n}" for n in (1, 2, 3, 5, 6, 7)]  # line 4 is blank
    first = items[f"{name}:1"]
    assert isinstance(first, Document)
    assert (first.id, first.published, first.title, first.source, first.url) == (
        "izium-1", "2025-01-19", "Drones hit Izium substation", "Test Wire",
        "https://test.example.org/izium-1")
    assert first.text == json.loads(path.read_text().splitlines()[0])["text"]
    assert items[f"{name}:2"].reason == "invalid JSON: unterminated string starting at column 28"
    assert items[f"{name}:3"].reason == "missing 'id'"
    assert (items[f"{name}:5"].reason, items[f"{name}:5"].doc_id) == ("missing 'text'", "no-text-5")
    sixth = items[f"{name}:6"]
    assert (sixth.id, sixth.published) == ("6", "2025-02-02T21:15:00+04:00")
    assert items[f"{name}:7"].reason == "expected a JSON object, got a list"


def test_json_list_file():
    path = DATA / "list.json"
    docs = list(read_paths([path], Settings()))
    assert [(d.id, d.origin, d.published) for d in docs] == [
        ("json-a", f"{path}:[0]", "2025-02-03"), ("json-b", f"{path}:[1]", None)]


def test_json_single_object_without_id_takes_the_file_name(tmp_path):
    path = tmp_path / "bakhmut.json"
    path.write_text(json.dumps({"text": GOOD, "published": "2025-01-02"}))
    [doc] = read_paths([path], Settings())
    assert (doc.id, doc.origin, doc.published) == ("bakhmut", str(path), "2025-01-02")


def test_malformed_json_file_is_one_failure(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"id": "a", "text": ')
    [failure] = read_paths([path], Settings())
    assert failure.reason == "invalid JSON: expecting value at line 1 column 21"


def test_huge_line_is_a_failure_and_reading_goes_on(tmp_path):
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"id": "huge", "text": "x " * 600_000})  # 1.2 MB on one line
    lines = [json.dumps({"id": "before", "text": GOOD}), huge, json.dumps({"id": "after", "text": GOOD})]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_paths([path], Settings(max_bytes=100_000)))
    assert [getattr(i, "id", None) for i in items] == ["before", None, "after"]
    assert items[1].origin == f"{path}:2"
    assert items[1].reason == "document is 1.2 MB, over the 100.0 kB limit (max_bytes)"


def test_latin1_line_in_a_utf8_file_is_decoded(tmp_path):
    path = tmp_path / "mixed-encodings.jsonl"
    good = json.dumps({"id": "u", "text": GOOD}, ensure_ascii=False).encode("utf-8")
    latin = json.dumps({"id": "l", "text": "Protesters in Córdoba marched peacefully on Sunday."},
                       ensure_ascii=False).encode("latin-1")
    path.write_bytes(good + b"\n" + latin + b"\n")
    docs = list(read_paths([path], Settings()))
    assert [d.text for d in docs] == [GOOD, "Protesters in Córdoba marched peacefully on Sunday."]


def test_utf16_jsonl_with_bom(tmp_path):
    path = tmp_path / "wide.jsonl"
    lines = "\n".join(json.dumps({"id": f"w{i}", "text": GOOD}) for i in range(3)) + "\n"
    path.write_bytes(lines.encode("utf-16"))
    assert [d.id for d in read_paths([path], Settings())] == ["w0", "w1", "w2"]


def test_ndjson_extension_and_crlf_lines(tmp_path):
    path = tmp_path / "feed.ndjson"
    path.write_bytes(b'{"id": "c1", "text": "' + GOOD.encode() + b'"}\r\n\r\n')
    [doc] = read_paths([path], Settings())
    assert (doc.id, doc.text) == ("c1", GOOD)


def test_standard_input_is_jsonl_by_default():
    data = (json.dumps({"id": "s1", "text": GOOD}) + "\nnot json\n").encode()
    items = list(read_stream(io.BytesIO(data), settings=Settings()))
    assert [i.origin for i in items] == ["stdin:1", "stdin:2"]
    assert isinstance(items[0], Document) and isinstance(items[1], Failure)
    assert items[1].reason == "invalid JSON: expecting value at column 1"


def test_wrong_field_types_are_failures():
    data = "\n".join([json.dumps({"id": True, "text": GOOD}),
                      json.dumps({"id": "t", "text": ["a", "list"]}),
                      json.dumps({"id": "  ", "text": GOOD})]).encode()
    reasons = [f.reason for f in read_stream(io.BytesIO(data), settings=Settings())]
    assert reasons == ["'id' must be a string or an integer, got a boolean",
                       "'text' must be a string, got a list", "missing 'id'"]


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=80),
                          st.builds(lambda i, t: json.dumps({"id": i, "text": t}).encode(),
                                    st.text(max_size=10), st.text(max_size=60))), max_size=8))
def test_any_jsonl_bytes_give_documents_or_failures(lines):
    data = b"\n".join(lines)
    items = list(read_stream(io.BytesIO(data), settings=Settings(min_chars=1, max_bytes=200)))
    assert all(isinstance(i, (Document, Failure)) for i in items)


def test_lone_surrogate_escapes_are_failures_not_crashes():
    data = ('{"id": "s", "text": "\\ud800 ' + GOOD + '"}\n'
            '{"id": "\\udc80x", "text": "' + GOOD + '"}\n'
            '{"id": "ok", "text": "' + GOOD + '", "title": "bad \\ud801 title"}\n').encode()
    first, second, third = read_stream(io.BytesIO(data), settings=Settings())
    assert first.reason == "text is not valid Unicode: unpaired surrogate at character 0"
    assert (second.reason, second.doc_id) == ("id is not valid Unicode: \\udc80x", "\\udc80x")
    assert (third.id, third.title) == ("ok", "bad \\ud801 title")
