"""Click commands of the situation layer: ``control``, ``talks``, ``impacts``, ``claims``,
``brief``, ``clusters``. The main CLI registers them::

    from .cli_situation import COMMANDS
    for command in COMMANDS:
        main.add_command(command)

Each prints a table (rich) by default; ``--format jsonl`` writes the records of
``shared/EVENT-FORMAT.md`` "Situation records", one a line, each with its ``sources``.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

import click
from rich.console import Console
from rich.table import Table

from .cli_common import handle_errors, open_existing_store
from .errors import PolybiusError


def situation_options(func: Callable) -> Callable:
    """``--db`` and ``--format table|jsonl`` shared by every situation command."""
    func = click.option("--format", "fmt", default="table", show_default=True,
                        type=click.Choice(["table", "jsonl"]),
                        help="table: readable; jsonl: one JSON record a line.")(func)
    func = click.option("--db", default=None, metavar="FILE",
                        help="DuckDB database file (default: polybius.duckdb here, or "
                             "POLYBIUS_DB).")(func)
    return func


def _emit_jsonl(records: Iterable[Any]) -> None:
    for record in records:
        click.echo(json.dumps(record.to_json(), ensure_ascii=False))


def _sources(record: Any, limit: int = 3) -> str:
    refs = sorted({(s.doc_id, s.start, s.end) for s in record.sources})
    text = ", ".join(f"{d}:{a}-{b}" for d, a, b in refs[:limit])
    return text + (f" (+{len(refs) - limit})" if len(refs) > limit else "")


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["-" if v in (None, "") else str(v) for v in row])
    return table


@click.command()
@situation_options
@click.option("--place", default=None, help="Only this town or admin1 (province, oblast).")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="Who controlled each place on this date (default: the latest reports).")
@handle_errors
def control(db, fmt, place, as_of) -> None:
    """Who controls each place, since when, and on which evidence."""
    from .situation.control import control_view

    store = open_existing_store(db, upgrade=True)
    records = control_view(store.conn, place=place, as_of=_iso(as_of, "--as-of"))
    if fmt == "jsonl":
        _emit_jsonl(records)
    else:
        Console().print(_table(
            f"Territorial control ({len(records)} places" + (f", as of {as_of})" if as_of
                                                              else ")"),
            ["place", "admin1", "country", "controller", "change", "since", "as of", "sources"],
            [[r.place, r.admin1, r.country, r.controller, r.change, r.since, r.as_of,
              _sources(r)] for r in records]))
    store.close()


@click.command()
@situation_options
@click.option("--status", default=None,
              type=click.Choice(["planned", "held", "postponed", "cancelled"]),
              help="Only talks with this status.")
@handle_errors
def talks(db, fmt, status) -> None:
    """Meetings and negotiations: participants, status, dates, venue and agenda."""
    from .situation.talks import talks_view

    store = open_existing_store(db, upgrade=True)
    records = talks_view(store.conn, status=status)
    if fmt == "jsonl":
        _emit_jsonl(records)
    else:
        Console().print(_table(
            f"Talks ({len(records)})",
            ["status", "participants", "dates", "place", "agenda", "sources"],
            [[r.status, "; ".join(r.participants), _dates(r.start_date, r.end_date), r.place,
              ", ".join(r.to_json()["agenda"]), _sources(r)] for r in records]))
    store.close()


@click.command()
@situation_options
@click.option("--kind", default=None, type=click.Choice(["humanitarian", "economic"]),
              help="Only humanitarian or only economic impacts.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only impacts from this date.")
@click.option("--place", default=None, help="Only this town or admin1.")
@handle_errors
def impacts(db, fmt, kind, since, place) -> None:
    """Humanitarian and economic impacts with figure, unit, place and date."""
    from .situation.impacts import impacts_view

    store = open_existing_store(db, upgrade=True)
    records = impacts_view(store.conn, kind=kind, since=_iso(since, "--since"), place=place)
    if fmt == "jsonl":
        _emit_jsonl(records)
    else:
        Console().print(_table(
            f"Impacts ({len(records)})",
            ["kind", "what", "figure", "unit", "place", "date", "sources"],
            [[r.kind, r.what, r.figure if r.figure is not None else r.text, r.unit, r.place,
              r.date, _sources(r)] for r in records]))
    store.close()


@click.command()
@situation_options
@click.option("--contested", is_flag=True, help="Only points the sources disagree on.")
@handle_errors
def claims(db, fmt, contested) -> None:
    """What sources claim, every version with who says so; disagreements marked contested."""
    from .situation.claims import claims_view

    store = open_existing_store(db, upgrade=True)
    records = claims_view(store.conn, contested=True if contested else None)
    if fmt == "jsonl":
        _emit_jsonl(records)
    else:
        Console().print(_table(
            f"Claims ({len(records)})", ["claim", "contested", "versions", "sources"],
            [[r.claim, "yes" if r.contested else "no",
              "\n".join(f"{v.value} ({v.by or v.doc_id})" for v in r.versions),
              _sources(r)] for r in records]))
    store.close()


@click.command()
@situation_options
@click.option("--min-sources", type=int, default=2, show_default=True,
              help="Only events told by at least this many reports.")
@handle_errors
def clusters(db, fmt, min_sources) -> None:
    """Events merged from several reports, with every source document and span."""
    from .store.situation_queries import read_clusters

    store = open_existing_store(db, upgrade=True)
    records = read_clusters(store.conn, min_sources=min_sources)
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    else:
        Console().print(_table(
            f"Merged events ({len(records)})",
            ["type", "sub-event", "place", "dates", "actor1", "reports", "sources"],
            [[r["event_type"], r["acled_sub_event_type"], r["location_name"],
              _dates(r["start_date"], r["end_date"]), r["actor1_name"], r["n_sources"],
              ", ".join(f"{s['doc_id']}:{s['start']}-{s['end']}" for s in r["sources"][:4])]
             for r in records]))
    store.close()


@click.command()
@click.option("--db", default=None, metavar="FILE",
              help="DuckDB database file (default: polybius.duckdb here, or POLYBIUS_DB).")
@click.option("--region", default=None,
              help="Only this country (name or ISO code), admin1 or place.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only changes from this date.")
@click.option("--format", "fmt", default="md", show_default=True,
              type=click.Choice(["md", "html"]), help="Markdown or a standalone HTML page.")
@handle_errors
def brief(db, region, since, fmt) -> None:
    """A situation brief: what changed, who controls what, talks, impacts, contested points.

    Every sentence cites its sources (document id and character span).
    """
    from .situation.brief import build_brief, render_html, render_markdown

    store = open_existing_store(db, upgrade=True)
    result = build_brief(store.conn, region=region, since=_iso(since, "--since"))
    click.echo(render_html(result) if fmt == "html" else render_markdown(result))
    store.close()


def _dates(start: str | None, end: str | None) -> str | None:
    if start and end and end != start:
        return f"{start} to {end}"
    return start or end


def _iso(value: str | None, option: str) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise PolybiusError(f"{option} must be a date as YYYY-MM-DD, got {value!r}") from exc


COMMANDS: list[click.Command] = [control, talks, impacts, claims, brief, clusters]
