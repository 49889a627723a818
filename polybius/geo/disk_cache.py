"""Built data kept on disk between runs (the gazetteer index, the place ruler's tokens)."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def cache_folder(cache_dir: str | Path | None) -> Path:
    """``cache_dir`` when given, else ``~/.cache/polybius``."""
    return Path(cache_dir).expanduser() if cache_dir else Path.home() / ".cache" / "polybius"


def load_or_build(path: Path, build: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """The object pickled at ``path`` when it is there and ``valid``; else ``build()``,
    pickled to ``path`` atomically. A stale or truncated file is rebuilt, and an
    unwritable folder only costs building again next time.
    """
    try:
        with open(path, "rb") as fh:
            found = pickle.load(fh)
        if valid(found):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError,
            ValueError):
        pass
    built = build()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return built
