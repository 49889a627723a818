"""What every CLI module shares: error handling, the --db option, opening a store."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable

import click

from .errors import PolybiusError


def handle_errors(func: Callable) -> Callable:
    """Turn library errors into a one-line message and exit status 1 (no traceback)."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PolybiusError as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper


def db_option(func: Callable) -> Callable:
    return click.option("--db", default=None, metavar="FILE",
                        help="DuckDB database file (default: polybius.duckdb here, or "
                             "POLYBIUS_DB).")(func)


def open_existing_store(db: str | None, *, upgrade: bool = False):
    """The store at ``db`` (settings default), read-only; it must exist. With ``upgrade``
    an older schema is migrated first (a short write)."""
    from . import settings as settings_mod
    from .store.store import SCHEMA_VERSION, Store

    path = settings_mod.load(flags={"db": db}).db
    if not Path(path).exists():
        raise PolybiusError(f"database {path} does not exist; create it with "
                            f"`polybius run PATH --db {path}`")
    store = Store(path, read_only=True)
    if upgrade and store.schema_version() < SCHEMA_VERSION:
        store.close()
        click.echo(f"Upgrading {path} to schema version {SCHEMA_VERSION}...", err=True)
        Store(path).close()
        store = Store(path, read_only=True)
    return store
