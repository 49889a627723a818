"""Plain-text and Markdown files, and a whole stream read as one document."""

from __future__ import annotations

import io
from pathlib import Path

from polybius.ingest import read_paths, read_stream
from polybius.records import Document, Failure
from polybius.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def test_txt_file_is_one_document_with_its_exact_text():
    path = DATA / "sumy-strike.txt"
    [doc] = read_paths([path], Settings())
    assert isinstance(doc, Document)
    assert doc.id == "sumy-strike"
    assert doc.origin == str(path)
    assert doc.text == path.read_bytes().decode("utf-8")
    assert doc.published is None  # a text file carries no metadata
    start = doc.text.index("SUMY")
    assert doc.text[start:start + 4] == "SUMY"


def test_markdown_file_is_kept_verbatim():
    path = DATA / "vuhledar-note.md"
    [doc] = read_paths([path], Settings())
    assert doc.id == "vuhledar-note"
    assert doc.text.startswith("# Field note: Vuhledar\n")
    assert "**Vuhledar**" in doc.text  # markup is not stripped: offsets stay stable


def test_stream_as_txt_is_one_document_named_by_the_caller():
    data = "Shelling hit Nikopol overnight.\nTwo people were hurt, the governor said.\n"
    [doc] = read_stream(io.BytesIO(data.encode()), name="stdin", fmt="txt", settings=Settings())
    assert (doc.id, doc.origin, doc.text) == ("stdin", "stdin", data)


def test_stream_over_the_limit_is_a_failure():
    [failure] = read_stream(io.BytesIO(b"x" * 2_500), name="stdin", fmt="txt",
                            settings=Settings(max_bytes=1_000))
    assert isinstance(failure, Failure)
    assert failure.reason == "document is 2.5 kB, over the 1.0 kB limit (max_bytes)"
