"""Commands kept out of cli.py to keep it small: eval, train, serve, export."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
