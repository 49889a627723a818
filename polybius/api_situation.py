"""Guarded routes for the situation layer (``polybius.situation``: control, talks, ...).

The modules are looked up with importlib on each request, never at import time, so the
API works (answering 501) before the situation layer exists, and picks it up once it does.

A view module ``polybius.situation.<view>`` is used when it defines one of
``<view>_view``, ``build_<view>``, ``derive_<view>``, ``list_<view>`` or ``<view>``. The
function's parameters are filled by name: ``conn``/``cursor`` (a DuckDB cursor) and
``events`` (the stored event records, EVENT-FORMAT dicts). It returns records (objects
with ``to_json()``, dataclasses or dicts), one record, or a text (the brief).
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
from typing import Any, Callable

import duckdb

from .api_errors import Problem
from .store.queries import iter_event_records

VIEWS = ("control", "talks", "impacts", "claims", "brief")
_NAME_PATTERNS = ("{v}_view", "build_{v}", "derive_{v}", "list_{v}", "{v}")


def find_view(view: str) -> Callable[..., Any] | None:
    """The callable serving ``view``, or ``None`` when the situation layer lacks it."""
    name = f"polybius.situation.{view}"
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    module = importlib.import_module(name)
    for pattern in _NAME_PATTERNS:
        func = getattr(module, pattern.format(v=view), None)
        if callable(func) and not inspect.isclass(func) and not inspect.ismodule(func):
            return func
    return None


def situation_available() -> bool:
    """True when at least one situation view can be served."""
    return any(find_view(view) is not None for view in VIEWS)


def _as_json(item: Any) -> dict[str, Any]:
    if hasattr(item, "to_json"):
        return item.to_json()
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if isinstance(item, dict):
        return item
    if isinstance(item, str):
        return {"text": item}
    raise TypeError(f"situation view returned {type(item).__name__}, not a record")


def run_view(view: str, conn: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Run one situation view over the store; :class:`Problem` 501 when unavailable."""
    func = find_view(view)
    if func is None:
        raise Problem(501, f"situation layer not available: polybius.situation.{view} "
                      "is not installed in this version", title="Not Implemented")
    kwargs: dict[str, Any] = {}
    for param in inspect.signature(func).parameters.values():
        if param.name in ("conn", "cursor", "con"):
            kwargs[param.name] = conn
        elif param.name in ("events", "records"):
            kwargs[param.name] = list(iter_event_records(conn))
        elif param.default is inspect.Parameter.empty and param.kind in (
                param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY):
            raise Problem(501, f"situation view {view} needs an argument the API cannot give "
                          f"({param.name!r})", title="Not Implemented")
    result = func(**kwargs)
    if result is None:
        return []
    if isinstance(result, (str, dict)) or hasattr(result, "to_json") or (
            dataclasses.is_dataclass(result) and not isinstance(result, type)):
        return [_as_json(result)]
    return [_as_json(item) for item in result]
