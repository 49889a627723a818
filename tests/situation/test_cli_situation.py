"""The situation commands: tables by default, EVENT-FORMAT "Situation records" as JSONL."""

import json

import pytest
from click.testing import CliRunner

from polybius.cli_situation import brief, claims, clusters, control, impacts, talks
from polybius.store.store import Store

from .reports import TEXTS, results

FIELDS = {
    "control": {"place", "admin1", "country", "controller", "change", "as_of", "sources"},
    "talks": {"participants", "status", "start_date", "end_date", "place", "agenda", "sources"},
    "impacts": {"kind", "what", "figure", "unit", "place", "date", "sources"},
    "claims": {"claim", "by", "contested", "versions", "sources"},
}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "week.duckdb"
    with Store(path) as store:
        store.write_results(results())
    return str(path)


def _jsonl(command, db, *args):
    out = CliRunner().invoke(command, ["--db", db, "--format", "jsonl", *args])
    assert out.exit_code == 0, out.output
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.mark.parametrize("command", [control, talks, impacts, claims])
def test_jsonl_records_carry_the_contract_fields_and_real_sources(db, command):
    rows = _jsonl(command, db)
    assert rows
    for row in rows:
        assert FIELDS[command.name] <= set(row)
        assert row["sources"]
        for s in row["sources"]:
            assert set(s) == {"doc_id", "start", "end"}
            text = TEXTS[s["doc_id"]][3]
            assert 0 <= s["start"] < s["end"] <= len(text)
    if command is claims:
        for row in rows:
            for v in row["versions"]:
                assert {"by", "value", "doc_id", "start", "end"} <= set(v)


def test_control_as_of_and_place(db):
    (row,) = _jsonl(control, db, "--place", "Udachne", "--as-of", "2025-03-12")
    assert (row["controller"], row["change"], row["as_of"]) == (
        "Military Forces of Russia (2000-)", "gained", "2025-03-12")


def test_claims_contested_flag(db):
    rows = _jsonl(claims, db, "--contested")
    assert rows and all(r["contested"] for r in rows)


def test_tables_are_readable(db):
    wide = CliRunner(env={"COLUMNS": "200"})
    out = wide.invoke(control, ["--db", db])
    assert out.exit_code == 0 and "Udachne" in out.output and "controller" in out.output
    out = wide.invoke(talks, ["--db", db, "--status", "postponed"])
    assert out.exit_code == 0 and "postponed" in out.output and "held" not in out.output
    out = wide.invoke(clusters, ["--db", db])
    assert out.exit_code == 0 and "Odesa" in out.output


def test_bad_date_and_missing_db_are_clear_errors(db, tmp_path):
    out = CliRunner().invoke(control, ["--db", db, "--as-of", "last week"])
    assert out.exit_code != 0
    assert "--as-of must be a date as YYYY-MM-DD, got 'last week'" in out.output
    missing = tmp_path / "none.duckdb"
    out = CliRunner().invoke(brief, ["--db", str(missing)])
    assert out.exit_code != 0 and "does not exist" in out.output and "polybius run" in out.output
    assert "Traceback" not in out.output


def test_brief_markdown_cites_every_line(db):
    out = CliRunner().invoke(brief, ["--db", db, "--region", "Ukraine", "--since",
                                     "2025-03-11"])
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert "## Who controls what" in text and "Udachne" in text
    body, _, notes = text.partition("## Sources")
    for line in body.splitlines():
        if line.startswith("- "):
            assert "[" in line.rsplit(" ", 1)[-1], line  # ends with citations [n]
    assert "r5 [" in notes
