"""CSV: one document per row; a bad header fails the file, a bad row fails only that row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings as hsettings, strategies as st

from polybius.ingest import read_paths, read_stream
from polybius.records import Document, Failure
from polybius.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
GOOD = "Gunmen attacked a police post near Mopti overnight, killing three officers, the army said."


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_rows_become_documents_with_metadata():
    path = DATA / "wire.csv"
    items = list(read_paths([path], Settings()))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Failure"]
    first, second, failure = items
    assert (first.id, first.origin, first.published, first.title, first.url, first.source) == (
        "csv-1", f"{path}:2", "2025-03-02", "Protest in Valparaiso",
        "https://test.example.org/csv-1", "Test Wire")
    assert first.text == ("Students marched through Valparaiso on Saturday to protest against\n"
                          "higher tuition fees; police used water cannon near the port.")
    assert (second.id, second.origin, second.published, second.url) == (
        "wire:2", f"{path}:4", "2025-03-12", None)  # no id: "<stem>:<row number>"
    assert (failure.origin, failure.doc_id) == (f"{path}:5", "csv-3")
    assert failure.reason == "row 3 has no text (column 'text' is empty)"


def test_missing_text_column_is_one_failure_for_the_file(tmp_path):
    path = write_csv(tmp_path / "nobody.csv", ["id", "body", "date"], [["a", GOOD, "2025-01-01"]] * 3)
    [failure] = read_paths([path], Settings())
    assert failure.origin == str(path)
    assert failure.reason == ("CSV header has no 'text' column (found 'id', 'body', 'date'); "
                              "name the text column with the csv_text_column setting")


def test_column_names_come_from_settings(tmp_path):
    path = write_csv(tmp_path / "custom.csv", ["key", "body", "date"], [["m1", GOOD, "2025-01-05"]])
    settings = Settings(csv_text_column="body", csv_id_column="key", csv_published_column="date")
    [doc] = read_paths([path], settings)
    assert (doc.id, doc.text, doc.published) == ("m1", GOOD, "2025-01-05")


def test_row_without_text_is_a_failure_and_other_rows_arrive(tmp_path):
    path = write_csv(tmp_path / "gaps.csv", ["id", "text"],
                     [["r1", GOOD], ["r2", "   "], ["r3", GOOD]])
    items = list(read_paths([path], Settings()))
    assert [getattr(i, "id", None) for i in items] == ["r1", None, "r3"]
    assert items[1].reason == "row 2 has no text (column 'text' is empty)"
    assert items[1].origin == f"{path}:3"


def test_cp1252_csv_is_decoded(tmp_path):
    text = "Protesters in Córdoba said “enough” – police used tear gas near the plaza."
    path = write_csv(tmp_path / "legacy.csv", ["id", "text"], [["c1", text]], encoding="cp1252")
    [doc] = read_paths([path], Settings())
    assert doc.text == text


def test_utf8_bom_header_is_recognised(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b'\xef\xbb\xbfid,text\r\nx1,"' + GOOD.encode() + b'"\r\n')
    [doc] = read_paths([path], Settings())
    assert (doc.id, doc.text) == ("x1", GOOD)


def test_huge_row_is_a_failure_and_reading_goes_on(tmp_path):
    path = write_csv(tmp_path / "big.csv", ["id", "text"],
                     [["a", GOOD], ["huge", "word " * 50_000], ["b", GOOD]])
    items = list(read_paths([path], Settings(max_bytes=10_000)))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "b"]
    assert items[1].origin == f"{path}:3"
    assert items[1].reason == "document is 250.0 kB, over the 10.0 kB limit (max_bytes)"


def test_empty_csv_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    [failure] = read_paths([path], Settings())
    assert failure.reason == "empty CSV file: no header row"


def test_csv_on_standard_input_uses_the_stream_name_for_ids():
    data = ("text\n" + GOOD + "\n").encode()
    [doc] = read_stream(io.BytesIO(data), name="stdin", fmt="csv", settings=Settings())
    assert (doc.id, doc.origin) == ("stdin:1", "stdin:2")


@hsettings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_csv_bytes_give_documents_or_failures(data):
    items = list(read_stream(io.BytesIO(b"id,text\n" + data), fmt="csv",
                             settings=Settings(min_chars=1, max_bytes=100)))
    assert all(isinstance(i, (Document, Failure)) for i in items)
