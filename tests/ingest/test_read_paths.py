"""Files and folders: sorted, recursive, hidden files skipped, every input accounted for."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from polybius.errors import InputError
from polybius.ingest import read_paths, read_stream
from polybius.records import Document, Failure
from polybius.settings import Settings

GOOD = "Shelling damaged a hospital in Kherson on Monday, the regional governor said."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "b-sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "z.txt").write_text(GOOD)
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "b-sub" / "kherson.txt").write_text(GOOD)
    (tmp_path / "b-sub" / "deeper" / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": GOOD}) + "\n")
    (tmp_path / "b-sub" / "scan.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / ".hidden.txt").write_text(GOOD)
    (tmp_path / ".git" / "config.txt").write_text(GOOD)
    (tmp_path / "README.md").write_text("# About this folder\n\nNot a report, never read.")
    return tmp_path


def test_folder_is_read_recursively_in_sorted_order(corpus):
    items = list(read_paths([corpus], Settings()))
    ids = [(type(i).__name__, getattr(i, "id", None) or i.origin) for i in items]
    assert ids == [
        ("Document", "a"),
        ("Document", "w1"),
        ("Document", "b-sub/kherson"),
        ("Failure", str(corpus / "b-sub" / "scan.pdf")),
        ("Document", "z"),
    ]


def test_unknown_extension_is_a_failure(corpus):
    [failure] = [i for i in read_paths([corpus], Settings()) if isinstance(i, Failure)]
    assert failure.reason == ("unknown file type '.pdf'; expected one of .atom, .csv, .htm, "
                              ".html, .json, .jsonl, .md, .ndjson, .rss, .txt, .xml")


def test_file_without_extension_is_a_failure(tmp_path):
    path = tmp_path / "NOTES"
    path.write_text(GOOD)
    [failure] = read_paths([path], Settings())
    assert failure.reason.startswith("unknown file without extension; expected one of .atom,")


def test_paths_keep_the_given_order_and_files_use_their_stem(corpus):
    items = list(read_paths([corpus / "z.txt", corpus / "b-sub" / "kherson.txt"], Settings()))
    assert [i.id for i in items] == ["z", "kherson"]


def test_named_readme_file_is_read(corpus):
    [doc] = read_paths([corpus / "README.md"], Settings())
    assert isinstance(doc, Document) and doc.id == "README"


def test_missing_path_is_a_failure(tmp_path):
    [failure] = read_paths([tmp_path / "nowhere.txt"], Settings())
    assert (failure.origin, failure.reason) == (str(tmp_path / "nowhere.txt"), "no such file or folder")


def test_same_input_gives_the_same_documents(corpus):
    first = list(read_paths([corpus], Settings()))
    assert first == list(read_paths([corpus], Settings()))


def test_unknown_stream_format_raises():
    with pytest.raises(InputError, match="unknown input format 'docx'; choose one of jsonl,"):
        read_stream(io.BytesIO(b""), fmt="docx", settings=Settings())


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "txt", "html", "rss"])
def test_empty_stream_never_raises(fmt):
    items = list(read_stream(io.BytesIO(b""), name="stdin", fmt=fmt, settings=Settings()))
    assert all(isinstance(i, Failure) for i in items)
