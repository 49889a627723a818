"""The streamed JSON array shared by the GeoJSON and PLOVER exports (polybius/export/json_array.py)."""

from __future__ import annotations

import io
import json

import pytest

from polybius.export.json_array import iter_json_array, write_json_array


@pytest.mark.parametrize("records", [[], [{"id": "a"}], [{"id": "a", "place": "Kyiv"}, {"id": "b"}]])
def test_written_array_reads_back_and_counts_its_records(records):
    out = io.StringIO()
    assert write_json_array(iter_json_array("[", records, "\n]\n"), out) == len(records)
    assert json.loads(out.getvalue()) == records


def test_each_record_is_one_chunk_on_its_own_line_and_not_ascii_escaped():
    chunks = list(iter_json_array('{"features": [', [{"name": "Харків"}, {"name": "Gaza"}], "\n]}\n"))
    assert chunks == ['{"features": [', '\n{"name": "Харків"}', ',\n{"name": "Gaza"}', "\n]}\n"]
    assert json.loads("".join(chunks)) == {"features": [{"name": "Харків"}, {"name": "Gaza"}]}
