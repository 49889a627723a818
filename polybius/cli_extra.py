"""Commands kept out of cli.py to keep it small: eval (and, registered here, serve/export)."""

from __future__ import annotations

import json

import click

from .cli_interfaces import export, serve
from .cli_situation import COMMANDS as SITUATION_COMMANDS
from .errors import PolybiusError
from .settings import load as load_settings


@click.command(name="eval")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Score this JSONL of event records instead of running the extractor.")
@click.option("--acled", "acled_csv", type=click.Path(exists=True, dir_okay=False),
              default=None, help="Score on ACLED notes from this ACLED CSV export instead.")
@click.option("--split", default="test", show_default=True,
              type=click.Choice(["test", "train", "all"]),
              help="ACLED rows by the fixed country split (polybius.acled.acled_split).")
@click.option("--limit", type=int, default=None, help="ACLED: first N rows of the split.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--n-process", type=int, default=None, help="spaCy worker processes.")
def eval_command(gold, predictions, acled_csv, split, limit, as_json, n_process) -> None:
    """Precision, recall and F1 per field against GOLD.jsonl (docs/gold-format.md),
    or accuracy per field on ACLED notes with --acled."""
    from .evaluate import run_acled_eval, run_eval

    settings = load_settings(flags={"n_process": n_process})
    try:
        if acled_csv:
            report = run_acled_eval(acled_csv, split=split, limit=limit, settings=settings)
        elif gold:
            report = run_eval(gold, predictions_path=predictions, settings=settings)
        else:
            raise click.UsageError("give a GOLD.jsonl file or --acled FILE.csv")
    except PolybiusError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report.to_json(), indent=2) if as_json else report.to_table())


@click.command()
@click.option("--acled", "acled_csv", multiple=True, required=True,
              type=click.Path(exists=True, dir_okay=False),
              help="An ACLED CSV export (repeatable); its `notes` are the texts.")
@click.option("--gold", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold JSONL (docs/gold-format.md) to add as training rows (never test).")
@click.option("--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the weights (.npz); use it with the event_classifier "
                   "setting.")
@click.option("--split", default="train", show_default=True,
              type=click.Choice(["train", "all"]),
              help="train: only countries of the fixed train split; all: every row.")
@click.option("--seed", type=int, default=0, show_default=True)
def train(acled_csv, gold, output, split, seed) -> None:
    """Retrain the event classifier from your own ACLED export (needs scikit-learn)."""
    from .train import train_from_acled

    try:
        path = train_from_acled(list(acled_csv), split=split, gold_paths=list(gold),
                                seed=seed).save(output)
    except PolybiusError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path}; use it with POLYBIUS_EVENT_CLASSIFIER={path}", err=True)


COMMANDS: list[click.Command] = [eval_command, train, serve, export, *SITUATION_COMMANDS]
