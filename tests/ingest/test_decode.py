"""Bytes to text: every bad input is a Failure with its exact reason; good text is kept as is."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from polybius.ingest import read_paths
from polybius.ingest.decode import decode_document, format_size, normalise_published
from polybius.records import Document, Failure
from polybius.settings import Settings

REPORT = ("Russian drones struck an energy facility near Kharkiv overnight, "
          "the regional governor said on Tuesday.")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def read_one(path: Path, settings: Settings | None = None) -> Document | Failure:
    items = list(read_paths([path], settings or Settings()))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "empty document"),
    ("blank.txt", b"  \n\t\r\n   \n", "empty document"),
    ("image.txt", PNG, "binary content, not text"),
    ("short.txt", b"Kyiv, Monday.", "document has 12 non-space characters, fewer than the "
                                    "minimum of 20 (min_chars)"),
    ("controls.txt", b"\x01\x02\x03\x04\x05\x06" + REPORT.encode()[:60],
     "binary content, not text"),
])
def test_bad_file_is_a_failure_with_its_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert failure.reason == reason
    assert failure.origin == str(path)
    assert failure.doc_id == Path(name).stem


def test_latin1_text_is_decoded(tmp_path):
    text = "Señor Pérez said the protest in Córdoba was peaceful; 12 °C, façade intact."
    path = tmp_path / "cordoba.txt"
    path.write_bytes(text.encode("latin-1"))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text == text


def test_cp1252_smart_quotes_are_decoded(tmp_path):
    text = "The mayor said “the shelling continued all night” – a café was hit in Kramatorsk."
    path = tmp_path / "kramatorsk.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_one(path).text == text


def test_utf16_with_bom_is_decoded_without_the_bom(tmp_path):
    path = tmp_path / "kharkiv.txt"
    path.write_bytes(REPORT.encode("utf-16"))  # with BOM
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text == REPORT


def test_utf8_bom_is_dropped_and_offsets_match_the_source(tmp_path):
    raw = "Drones hit Odesa.\r\nTwo people were hurt in Izmail, officials said.\r\n"
    path = tmp_path / "odesa.txt"
    path.write_bytes(codecs.BOM_UTF8 + raw.encode("utf-8"))
    doc = read_one(path)
    assert doc.text == raw  # CRLF kept: the text is never re-cleaned
    start = raw.index("Izmail")
    assert doc.text[start:start + len("Izmail")] == "Izmail"


def test_broken_utf8_is_rejected_with_the_byte_offset(tmp_path):
    # Valid UTF-8 ("é") mixed with a stray Latin-1 byte: neither encoding fits the whole file.
    data = "Résidents of Goma fled".encode("utf-8") + b" \xe9vacu\xe9s after shelling near Sake."
    path = tmp_path / "goma.txt"
    path.write_bytes(data)
    failure = read_one(path)
    assert isinstance(failure, Failure)
    offset = data.index(bytes([0xE9]))
    assert failure.reason == f"invalid UTF-8 at byte {offset}; re-save the file as UTF-8"


def test_utf8_with_undefined_cp1252_bytes_is_rejected(tmp_path):
    data = b"Shelling hit the town of Kupiansk \x81\x8d\x90 on Monday morning."
    path = tmp_path / "kupiansk.txt"
    path.write_bytes(data)
    assert read_one(path).reason == "invalid UTF-8 at byte 34; re-save the file as UTF-8"


def test_huge_file_is_rejected_by_size_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(REPORT.encode() * 30)  # 3.1 kB
    failure = read_one(path, Settings(max_bytes=1_000))
    assert failure.reason == "document is 3.1 kB, over the 1.0 kB limit (max_bytes)"


def test_sparse_file_of_gigabytes_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "sparse.txt"
    with path.open("wb") as stream:
        stream.truncate(8_000_000_000)  # takes no disk space; reading it would take minutes
    assert read_one(path).reason == "document is 8.0 GB, over the 5.0 MB limit (max_bytes)"


def test_format_size_uses_decimal_units():
    assert [format_size(n) for n in (999, 1_000, 7_300_000, 8_000_000_000)] == \
        ["999 bytes", "1.0 kB", "7.3 MB", "8.0 GB"]


@pytest.mark.parametrize(("raw", "iso"), [
    ("2025-03-12", "2025-03-12"),
    ("2025-03-12T08:15:00Z", "2025-03-12T08:15:00+00:00"),
    ("2025-03-12 08:15", "2025-03-12T08:15:00"),
    ("Wed, 12 Mar 2025 08:15:00 +0200", "2025-03-12T08:15:00+02:00"),
    ("12 March 2025", "2025-03-12"),
    ("March 12, 2025", "2025-03-12"),
    ("13/03/2025", "2025-03-13"),
    ("03/04/2025", None),  # 3 April or March 4: not guessed
    ("March 2025", None),  # no day: not guessed
    ("yesterday", None),  # relative: not guessed
    ("soon", None),
    ("", None),
    (None, None),
    (20250312, None),
])
def test_normalise_published(raw, iso):
    assert normalise_published(raw) == iso


@hsettings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_failure(data):
    result = decode_document(data, doc_id="x", origin="x.txt", settings=Settings(min_chars=1))
    assert isinstance(result, (Document, Failure))
    if isinstance(result, Document):
        assert result.text.strip()
    else:
        assert result.reason


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                max_size=300).filter(lambda t: t.strip() and not t.startswith("\ufeff"))


@hsettings(max_examples=200, deadline=None)
@given(_TEXT)
def test_utf8_text_round_trips_unchanged(text):
    result = decode_document(text.encode("utf-8"), doc_id="x", origin="x.txt",
                             settings=Settings(min_chars=1))
    assert isinstance(result, Document)
    assert result.text == text


@hsettings(max_examples=100, deadline=None)
@given(_TEXT)
def test_utf16_text_round_trips_unchanged(text):
    result = decode_document(text.encode("utf-16"), doc_id="x", origin="x.txt",
                             settings=Settings(min_chars=1))
    assert isinstance(result, Document)
    assert result.text == text
