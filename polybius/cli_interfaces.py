"""Click commands ``serve`` and ``export``; the main group registers them with add_command.

    main.add_command(serve)
    main.add_command(export)
"""

from __future__ import annotations

import sys

import click

from .cli_common import handle_errors, open_existing_store
from .export import FORMATS


@click.command()
@click.option("--db", default=None, metavar="FILE",
              help="DuckDB database file (default: polybius.duckdb here, or POLYBIUS_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port.")
@handle_errors
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the REST API and the dashboard (http://HOST:PORT/) over a database.

    The database is opened read-only. API reference: /docs and /openapi.json.
    """
    import uvicorn

    from .api import create_app

    store = open_existing_store(db)
    click.echo(f"Polybius serving {store.path} on http://{host}:{port}/ (Ctrl-C stops)",
               err=True)
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()


@click.command()
@click.option("--db", default=None, metavar="FILE",
              help="DuckDB database file (default: polybius.duckdb here, or POLYBIUS_DB).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="acled: ACLED-style CSV; plover: PLOVER/POLECAT-style JSON; "
                   "geojson: GeoJSON FeatureCollection; parquet: Parquet file.")
@click.option("--output", "-o", required=True, metavar="PATH",
              help="File to write ('-' writes CSV/JSON/GeoJSON to standard output).")
@click.option("--since", default=None, metavar="DATE", help="Only events ending on or after.")
@click.option("--until", default=None, metavar="DATE", help="Only events starting on or before.")
@click.option("--country", default=None, metavar="ISO3", help="Only this country (alpha-3).")
@click.option("--event-type", default=None, metavar="TYPE", help="Only this PLOVER type.")
@handle_errors
def export(db: str | None, fmt: str, output: str, since: str | None, until: str | None,
           country: str | None, event_type: str | None) -> None:
    """Export stored events as ACLED-style CSV, PLOVER JSON, GeoJSON or Parquet."""
    from datetime import date

    from .export import export_events
    from .store.queries import EventFilter

    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)",
                                         param_hint=name) from None
    flt = EventFilter(since=since, until=until, country=country.upper() if country else None,
                      event_type=event_type)
    if output == "-" and fmt == "parquet":
        raise click.BadParameter("Parquet cannot go to standard output; give a file path",
                                 param_hint="--output")
    with open_existing_store(db) as store:
        target = sys.stdout if output == "-" else output
        count = export_events(store.conn, fmt, target, flt)
    where = "standard output" if output == "-" else output
    click.echo(f"exported {count} events as {fmt} to {where}", err=True)


COMMANDS: list[click.Command] = [serve, export]
