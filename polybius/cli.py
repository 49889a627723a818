"""The ``polybius`` command: parse arguments, call the library, print.

Data goes to stdout; messages and progress to stderr.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Callable

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import settings as settings_mod
from .cli_ray import engine_options
from .cli_common import db_option, handle_errors, open_existing_store

err_console = Console(stderr=True)
STDIN_FORMATS = ["jsonl", "ndjson", "json", "csv", "txt", "md", "html", "xml", "rss", "atom"]


def config_options(func: Callable) -> Callable:
    func = click.option("--config", "config_path", default=None, metavar="TOML",
                        type=click.Path(dir_okay=False),
                        help="Settings file ([polybius] table).")(func)
    func = click.option("--batch-size", type=int, default=None,
                        help="Documents per batch / transaction.")(func)
    func = click.option("--n-process", type=int, default=None,
                        help="spaCy worker processes (2 uses both cores).")(func)
    func = click.option("--max-bytes", type=int, default=None,
                        help="Reject documents larger than this.")(func)
    return func


def input_options(func: Callable) -> Callable:
    """PATHS, --db, the settings flags and the stdin --format: shared by run and ingest."""
    func = click.option("--format", "fmt", default="jsonl", type=click.Choice(STDIN_FORMATS),
                        help="Format of standard input when no PATHS are given.")(func)
    func = config_options(func)
    func = db_option(func)
    return click.argument("paths", nargs=-1)(func)


def _settings(config_path: str | None = None, **flags: Any) -> settings_mod.Settings:
    return settings_mod.load(config_path, flags=flags)


def _open_store(path: str):
    from .store.store import Store

    return Store(path)


@click.group()
@click.version_option(package_name="polybius")
def main() -> None:
    """Polybius: conflict-event data from news reports, with provenance on every field."""


def _read_inputs(paths: tuple[str, ...], settings: settings_mod.Settings, fmt: str):
    from .ingest import read_paths, read_stream

    if not paths or paths == ("-",):
        return read_stream(sys.stdin.buffer, "stdin", fmt, settings)
    return read_paths(paths, settings)


def _short(name: str | None) -> str:
    """An actor name for a narrow table: no regime suffix ("(2000-)")."""
    if not name:
        return "-"
    return re.sub(r"\s*\(\d{4}-\d{0,4}\)", "", name)


def _event_line(r: dict[str, Any]) -> str:
    place = r["location"]
    where = place["name"] or "place unknown"
    if place.get("admin1") and place["admin1"] != place["name"]:
        where = f"{where} ({place['admin1']})"
    when = r["date"]["start_date"] or "date unknown"
    return (f"[bold]{r['acled_sub_event_type'] or r['event_type']}[/bold] [dim]{r['status']}[/dim]"
            f" · {_short(r['actor1']['name'])} → {_short(r['actor2']['name'])} · {where} · "
            f"{when} · conf {r['confidence']:.2f} · [cyan]{r['doc_id']}[/cyan]")


def print_events(records: list[dict[str, Any]], title: str) -> None:
    """A table on wide terminals, one line per event on narrow ones."""
    console = Console()
    records = sorted(records, key=lambda r: (r["doc_id"], r["evidence"]["start"]))
    if console.width >= 150:
        console.print(_event_table(records, title))
        return
    console.print(f"[bold underline]{title}[/bold underline]")
    for record in records:
        console.print(_event_line(record), highlight=False)


def _event_table(records: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, show_lines=False, expand=False, pad_edge=False)
    for column, width in (("event", 24), ("status", 9), ("who", 22), ("to/with whom", 18),
                          ("where", 18), ("when", 12), ("conf", 4), ("doc", 14)):
        table.add_column(column, max_width=width, overflow="ellipsis", no_wrap=True)
    for r in records:
        date = r["date"]
        place = r["location"]
        where = place["name"] or "-"
        if place.get("admin1") and place["admin1"] != place["name"]:
            where = f"{where}, {place['admin1']}"
        when = date["start_date"] or "unknown"
        if date["start_date"] and date["end_date"] and date["end_date"] != date["start_date"]:
            when = f"{date['start_date']}.."
        table.add_row(r["acled_sub_event_type"] or r["event_type"], r["status"],
                      _short(r["actor1"]["name"]), _short(r["actor2"]["name"]), where, when,
                      f"{r['confidence']:.2f}", r["doc_id"])
    return table


@main.command()
@input_options
@click.option("--quiet", is_flag=True, help="No progress bar or event table.")
@engine_options
@handle_errors
def run(paths, db, config_path, batch_size, n_process, max_bytes, fmt, quiet, engine,
        address, workers) -> None:
    """Ingest PATHS (files or folders; stdin if none), extract events, store them."""
    from .store.queries import run_event_records

    settings = _settings(config_path, db=db, batch_size=batch_size, n_process=n_process,
                         max_bytes=max_bytes)
    store = _open_store(settings.db)
    items = _read_inputs(paths, settings, fmt)
    if engine == "ray":
        from .cli_ray import run_with_ray

        def ray_run(items, store, resources, settings, **kwargs):
            return run_with_ray(items, store, settings, address=address, workers=workers,
                                on_batch=kwargs["on_batch"])

        summary = _run_with_progress(ray_run, items, store, None, settings, quiet=quiet,
                                     command="run")
    else:
        from .pipeline import run_pipeline
        from .resources import load_resources

        err_console.print(f"Loading models ({settings.spacy_model}, gazetteer)...",
                          style="dim")
        resources = load_resources(settings)
        summary = _run_with_progress(run_pipeline, items, store, resources, settings,
                                     quiet=quiet, command="run")
    if not quiet:
        counts = store.counts()
        shown = run_event_records(store.conn, summary.run_id, limit=80)
        print_events(shown, f"Events found in this run ({len(shown)} shown; "
                            f"{counts['events']} stored in all)")
    _print_summary(summary, settings.db)
    store.close()


def _run_with_progress(func, items, store, resources, settings, *, quiet: bool,
                       command: str, extract: bool = True):
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                  TextColumn("{task.fields[stats]}"), TimeElapsedColumn(),
                  console=err_console, disable=quiet, transient=False) as progress:
        task = progress.add_task(command, total=None, stats="")

        def on_batch(s) -> None:
            progress.update(task, stats=f"{s.read} read, {s.rejected} rejected, "
                                        f"{s.events} events")
        return func(items, store, resources, settings, command=command, extract=extract,
                    on_batch=on_batch)


def _print_summary(summary, db: str) -> None:
    err_console.print(
        f"[bold]Done[/bold]: {summary.read} documents read, {summary.processed} processed, "
        f"{summary.unchanged} unchanged (already stored), {summary.rejected} rejected, "
        f"{summary.events} events, {summary.seconds:.1f} s. Database: {Path(db).resolve()}")
    for failure in summary.failures[:20]:
        err_console.print(f"  rejected {failure.doc_id or failure.origin}: {failure.reason}",
                          style="yellow", markup=False, highlight=False)
    if len(summary.failures) > 20:
        err_console.print(f"  ... and {len(summary.failures) - 20} more "
                          f"(polybius status --db {db})")


@main.command()
@input_options
@handle_errors
def ingest(paths, db, config_path, batch_size, n_process, max_bytes, fmt) -> None:
    """Store documents from PATHS without extracting events (`run` extracts them later)."""
    from .pipeline import run_pipeline

    settings = _settings(config_path, db=db, batch_size=batch_size, n_process=n_process,
                         max_bytes=max_bytes)
    store = _open_store(settings.db)
    summary = _run_with_progress(run_pipeline, _read_inputs(paths, settings, fmt), store,
                                 None, settings, quiet=False, command="ingest", extract=False)
    _print_summary(summary, settings.db)
    store.close()


@main.command()
@click.argument("input_path", required=False, type=click.Path(dir_okay=True))
@config_options
@handle_errors
def extract(input_path, config_path, batch_size, n_process, max_bytes) -> None:
    """Read JSON Lines documents (stdin or INPUT_PATH) and write events as JSON Lines.

    Stateless: nothing is stored. Each document that cannot be processed is reported on
    stderr as one line `<id>: <reason>`; the exit status is 1 only if every document failed.
    """
    from .pipeline import extract_documents
    from .records import Failure
    from .resources import load_resources

    settings = _settings(config_path, batch_size=batch_size, n_process=n_process,
                         max_bytes=max_bytes)
    resources = load_resources(settings)
    items = _read_inputs((input_path,) if input_path else (), settings, "jsonl")
    failures = ok = 0
    out = sys.stdout

    def documents():
        nonlocal failures
        for item in items:
            if isinstance(item, Failure):
                failures += 1
                click.echo(f"{item.doc_id or item.origin}: {item.reason}", err=True)
            else:
                yield item

    for result in extract_documents(documents(), resources, settings):
        if result.failure is not None:
            failures += 1
            click.echo(f"{result.failure.doc_id}: {result.failure.reason}", err=True)
            continue
        ok += 1
        for event in result.events:
            out.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
    out.flush()
    if failures and not ok:
        raise click.exceptions.Exit(1)


def event_filter_options(func: Callable) -> Callable:
    for name, help_text in (("doc-id", "Only events of this document."),
                            ("event-type", "PLOVER type, e.g. ASSAULT."),
                            ("acled-event-type", "ACLED event type, e.g. Battles."),
                            ("country", "ISO alpha-3 country of the location."),
                            ("admin1", "Province / oblast / state."),
                            ("status", "occurred, ongoing, planned, hypothetical, denied."),
                            ("actor", "Substring of an actor name."),
                            ("since", "ISO date: events ending on or after."),
                            ("until", "ISO date: events starting on or before."),
                            ("text", "Substring of the evidence sentence.")):
        func = click.option(f"--{name}", default=None, help=help_text)(func)
    return func


@main.command()
@db_option
@event_filter_options
@click.option("--limit", type=int, default=100, show_default=True,
              help="At most this many events (0 for all).")
@click.option("--format", "fmt", default="table",
              type=click.Choice(["table", "jsonl", "json"]), show_default=True)
@handle_errors
def events(db, limit, fmt, **filters) -> None:
    """List and filter stored events (`--format jsonl`: EVENT-FORMAT.md records)."""
    from .store.queries import EventFilter, iter_event_records, query_events

    settings = _settings(db=db)
    store = open_existing_store(settings.db)
    flt = EventFilter(**filters)
    records = (iter_event_records(store.conn, flt) if limit == 0
               else iter(query_events(store.conn, flt, limit=limit)))
    if fmt == "jsonl":
        from .store.situation_queries import event_sources

        for record in records:
            sources = event_sources(store.conn, record["event_id"])
            if sources:
                record["sources"] = sources
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(list(records), ensure_ascii=False, indent=2))
    else:
        rows = list(records)
        print_events(rows, f"{len(rows)} events")
    store.close()


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the counts.")
@handle_errors
def status(db, as_json) -> None:
    """Counts of documents, events and rejected inputs, and the latest runs."""
    from .store.queries import list_rejected

    settings = _settings(db=db)
    store = open_existing_store(settings.db)
    counts = store.counts()
    if as_json:
        counts["db"] = str(Path(settings.db).resolve())
        counts["schema_version"] = store.schema_version()
        click.echo(json.dumps(counts))
        store.close()
        return
    console = Console()
    console.print(f"Database {Path(settings.db).resolve()} (schema v{store.schema_version()})")
    console.print(f"documents: {counts['documents']}  events: {counts['events']}  "
                  f"rejected: {counts['rejected']}")
    rejected = list_rejected(store.conn, limit=50)
    if rejected:
        table = Table(title="Rejected inputs")
        for column in ("origin", "doc_id", "stage", "reason"):
            table.add_column(column, overflow="fold")
        for r in rejected:
            table.add_row(r["origin"], r["doc_id"] or "-", r["stage"], r["reason"])
        console.print(table)
    store.close()


def register_optional_commands() -> None:
    """Commands that live in their own modules (evaluation, training, server, exports)."""
    from . import cli_extra

    for command in cli_extra.COMMANDS:
        main.add_command(command)


register_optional_commands()


if __name__ == "__main__":
    main()
