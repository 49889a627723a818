"""Opening report files: one Failure, with the exact reason, for a file that is too large or
cannot be opened, whatever the format (polybius/ingest/files.py, used by every file reader)."""

from __future__ import annotations

import pytest

from polybius.ingest import FORMATS
from polybius.ingest.files import read_report_file
from polybius.records import Document, Failure
from polybius.settings import Settings

# extension -> (what the size reason names, its factor of max_bytes, advice, doc_id on failures)
SIZE_CHECKED = {
    ".txt": ("document", 1, "", "report"),
    ".html": ("document", 1, "", "report"),
    ".json": ("JSON file", 20, "; a .json file may be 20 x max_bytes: use JSON Lines", None),
    ".rss": ("feed", 20, "", None),
}


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_missing_file_is_one_failure_naming_the_os_error(tmp_path, suffix):
    path = tmp_path / f"gone{suffix}"
    [failure] = FORMATS[suffix](path, "report", Settings())
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert failure.reason == "cannot read file: No such file or directory"
    assert failure.doc_id == ("report" if suffix in (".txt", ".md", ".html", ".htm") else None)


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_folder_given_as_a_file_cannot_be_read(tmp_path, suffix):
    path = tmp_path / f"folder{suffix}"
    path.mkdir()
    [failure] = FORMATS[suffix](path, "report", Settings())
    assert failure.reason == "cannot read file: Is a directory"


@pytest.mark.parametrize("suffix", sorted(SIZE_CHECKED))
def test_file_over_its_limit_is_refused_before_reading(tmp_path, suffix):
    what, factor, advice, doc_id = SIZE_CHECKED[suffix]
    path = tmp_path / f"big{suffix}"
    path.write_bytes(b"x" * (2_000 * factor + 1))
    [failure] = FORMATS[suffix](path, "report", Settings(max_bytes=2_000))
    limit = f"{2 * factor}.0 kB"
    assert failure.reason == (f"{what} is {(2_000 * factor + 1) / 1000:.1f} kB, over the {limit} "
                              f"limit (max_bytes){advice}")
    assert (failure.origin, failure.doc_id) == (str(path), doc_id)


def test_text_file_is_read_whole_while_open_and_closed_after(tmp_path):
    path = tmp_path / "kursk.txt"
    path.write_text("Russian forces retook Sudzha on Tuesday, officials said.")
    seen = []

    def read_whole(stream):
        seen.append(stream)
        return [Document(id="kursk", text=stream.read().decode(), origin=str(path))]

    [doc] = read_report_file(path, str(path), read_whole, limit=100)
    assert doc.text.startswith("Russian forces")
    assert seen[0].closed


def test_streaming_reader_closes_the_file_when_abandoned(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join('{"id": "%d", "text": "Drones struck Odesa port overnight."}' % i
                              for i in range(3)))
    opened = []

    def read_lines(stream):
        opened.append(stream)
        for line in stream:
            yield Failure(origin="x", reason=line.decode())

    items = read_report_file(path, str(path), read_lines)
    next(items)
    assert not opened[0].closed
    items.close()
    assert opened[0].closed
