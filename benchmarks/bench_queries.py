"""Query latency of the REST API over a large synthetic store.

Generates N synthetic events with DuckDB SQL (lat/lon over Eastern Europe, Africa and the
Middle East, dates over three years, PLOVER/ACLED types), starts the real server with uvicorn
on a loopback port in a child process, and measures p50/p95 latency of typical ``/events``
queries with httpx (a bounded number of requests). Target: p95 <= 50 ms for
bbox + date range + type, first page.

    python benchmarks/bench_queries.py                 # 1,000,000 events
    python benchmarks/bench_queries.py --events 100000 --requests 100
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TYPES = [("ASSAULT", "Battles", "Armed clash"),
         ("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("ASSAULT", "Explosions/Remote violence", "Air/drone strike"),
         ("ASSAULT", "Violence against civilians", "Attack"),
         ("PROTEST", "Protests", "Peaceful protest"), ("PROTEST", "Riots", "Violent demonstration"),
         ("MOBILIZE", "Strategic developments", "Headquarters or base established"),
         ("CONSULT", None, None), ("THREATEN", None, None), ("COERCE", "Strategic developments",
                                                              "Arrests")]
# name, lon0, lon1, lat0, lat1, share, countries
REGIONS = [("eastern_europe", 22.0, 42.0, 44.0, 56.0, 0.5, ["UKR", "RUS", "BLR", "MDA"]),
           ("africa", -10.0, 45.0, 0.0, 20.0, 0.25, ["SDN", "MLI", "BFA", "NER", "ETH", "SOM"]),
           ("middle_east", 34.0, 55.0, 12.0, 37.0, 0.25, ["SYR", "YEM", "ISR", "LBN", "IRQ"])]


def generate(db_path: Path, n: int) -> float:
    """Fill a fresh store with ``n`` synthetic events (and n/3 documents); returns seconds."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from polybius.store.store import Store

    t0 = time.perf_counter()
    store = Store(db_path)
    con = store.conn
    types = ", ".join(f"('{t}', {repr(a) if a else 'NULL'}, {repr(s) if s else 'NULL'})"
                      for t, a, s in TYPES)
    con.execute(f"CREATE TEMP TABLE t(event_type VARCHAR, acled VARCHAR, sub VARCHAR); "
                f"INSERT INTO t VALUES {types}")
    con.execute("CREATE TEMP TABLE t_ix AS SELECT row_number() OVER () - 1 AS k, * FROM t")
    region_case = []
    cum = 0.0
    for name, lon0, lon1, lat0, lat1, share, countries in REGIONS:
        cum += share
        region_case.append((cum, lon0, lon1, lat0, lat1, countries))
    lon_sql = " ".join(f"WHEN r < {c} THEN {a} + u1 * {b - a}" for c, a, b, *_ in region_case)
    lat_sql = " ".join(f"WHEN r < {c} THEN {a} + u2 * {b - a}" for c, _, _, a, b, _ in region_case)
    cty_sql = " ".join(f"WHEN r < {c} THEN {list(cs)}[1 + (i % {len(cs)})]"
                       for c, *_, cs in region_case)
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        CREATE TEMP TABLE gen AS
        SELECT i, substr(md5(i::VARCHAR), 1, 16) AS event_id, 'doc-' || (i // 3) AS doc_id,
               random() AS r, random() AS u1, random() AS u2,
               DATE '2022-01-01' + CAST(floor(random() * 1095) AS INTEGER) AS day,
               CAST(floor(random() * {len(TYPES)}) AS INTEGER) AS k,
               CASE WHEN random() < 0.3 THEN CAST(floor(random() * 12) AS INTEGER) END AS deaths
        FROM range({n}) r(i)""")
    con.execute(f"""
        CREATE TEMP TABLE ev AS
        SELECT g.event_id, g.doc_id, t.event_type, t.acled, t.sub,
               CASE WHEN g.i % 10 = 0 THEN 'planned' ELSE 'occurred' END AS status,
               CASE WHEN g.i % 2 = 0 THEN 'Military Forces of Russia'
                    ELSE 'Military Forces of Ukraine' END AS actor1,
               CASE {cty_sql} ELSE 'UKR' END AS country,
               round(CASE {lat_sql} END, 4) AS lat, round(CASE {lon_sql} END, 4) AS lon,
               g.day, g.deaths
        FROM gen g JOIN t_ix t ON t.k = g.k""")
    con.execute("""
        INSERT INTO events (event_id, doc_id, event_type, acled_event_type, acled_sub_event_type,
            status, actor1_name, actor1_country, actor2_name, actor2_country, location_name,
            admin1, country, lat, lon, geo_precision, start_date, end_date, time_precision,
            fatalities, evidence_start, evidence_end, confidence, record, run_id)
        SELECT event_id, doc_id, event_type, acled, sub, status, actor1, NULL, NULL, NULL,
               'Place ' || country, 'Region ' || country, country, lat, lon, 1, day, day, 1,
               deaths, 0, 60, 0.8,
               json_object('doc_id', doc_id, 'event_id', event_id, 'event_type', event_type,
                 'acled_event_type', acled, 'acled_sub_event_type', sub, 'status', status,
                 'actor1', json_object('text', 'forces', 'start', 0, 'end', 6, 'name', actor1,
                                       'country', NULL),
                 'actor2', json_object('text', NULL, 'start', NULL, 'end', NULL, 'name', NULL,
                                       'country', NULL),
                 'location', json_object('text', 'Place', 'start', 10, 'end', 15,
                   'name', 'Place ' || country, 'admin1', 'Region ' || country,
                   'country', country, 'lat', lat, 'lon', lon, 'geo_precision', 1,
                   'geonameid', NULL),
                 'date', json_object('text', NULL, 'start', NULL, 'end', NULL,
                   'start_date', day::VARCHAR, 'end_date', day::VARCHAR, 'time_precision', 1),
                 'fatalities', CASE WHEN deaths IS NULL THEN NULL ELSE
                   json_object('value', deaths, 'text', NULL, 'start', NULL, 'end', NULL) END,
                 'attribution', NULL, 'evidence', json_object('start', 0, 'end', 60),
                 'confidence', 0.8),
               NULL
        FROM ev""")
    con.execute("""
        INSERT INTO documents (doc_id, content_hash, text, published, title, source, n_events)
        SELECT 'doc-' || d, md5(d::VARCHAR),
               'Synthetic report ' || d || ': forces shelled a place; officials said more.',
               NULL, 'Synthetic ' || d, 'bench', 3
        FROM range({}) r(d)""".format(n // 3 + 1))
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    store.close()
    return time.perf_counter() - t0


def serve(db: str, port: int) -> None:
    """Child process: the real app under uvicorn over ``db`` (read-only)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import uvicorn

    from polybius.api import create_app
    from polybius.store.store import Store

    uvicorn.run(create_app(Store(db, read_only=True)), host="127.0.0.1", port=port,
                log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _queries(rng: random.Random, count: int) -> list[dict]:
    out = []
    for _ in range(count):
        _, lon0, lon1, lat0, lat1, _, _ = rng.choice(REGIONS)
        w, h = rng.uniform(2, 8), rng.uniform(2, 6)
        x, y = rng.uniform(lon0, lon1 - w), rng.uniform(lat0, lat1 - h)
        start = rng.randrange(0, 1000)
        days = rng.choice([30, 60, 90])
        since = time.strftime("%Y-%m-%d", time.gmtime(1640995200 + start * 86400))
        until = time.strftime("%Y-%m-%d", time.gmtime(1640995200 + (start + days) * 86400))
        out.append({"bbox": f"{x:.3f},{y:.3f},{x + w:.3f},{y + h:.3f}", "since": since,
                    "until": until, "event_type": rng.choice(["ASSAULT", "PROTEST"]),
                    "limit": 100})
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(base: str, requests: int, seed: int = 7) -> dict[str, list[float]]:
    import httpx

    rng = random.Random(seed)
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for q in _queries(rng, 10):  # warm-up
            client.get("/events", params=q).raise_for_status()

        def timed(name: str, url: str, params: dict | None = None):
            t = time.perf_counter()
            response = client.get(url, params=params)
            timings.setdefault(name, []).append((time.perf_counter() - t) * 1000)
            response.raise_for_status()
            return response.json()

        cursors, ids = [], []
        for q in _queries(rng, requests):
            page = timed("events bbox+dates+type, first page", "/events", q)
            if page.get("next_cursor"):
                cursors.append(q | {"cursor": page["next_cursor"]})
            ids += [e["event_id"] for e in page["events"][:1]]
        for q in cursors[:requests]:
            timed("events bbox+dates+type, next page", "/events", q)
        for q in _queries(rng, requests):
            timed("events dates+country, first page", "/events",
                  {"since": q["since"], "until": q["until"], "country": "UKR"})
        for event_id in ids[:requests]:
            timed("event detail /events/{id}", f"/events/{event_id}")
        for q in _queries(rng, max(10, requests // 5)):
            timed("points bbox+dates (map)", "/points",
                  {"bbox": q["bbox"], "since": q["since"], "until": q["until"]})
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per query kind")
    parser.add_argument("--db", default=None, help="keep the generated store at this path "
                        "(reused when it exists)")
    parser.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return 0
    with tempfile.TemporaryDirectory(prefix="polybius-bench-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.duckdb"
        if not db.exists():
            seconds = generate(db, args.events)
            print(f"generated {args.events:,} events in {seconds:.1f} s "
                  f"({db.stat().st_size / 1e6:.0f} MB)", file=sys.stderr)
        port = _free_port()
        child = subprocess.Popen([sys.executable, __file__, "--serve", str(db), str(port)])
        try:
            import httpx

            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(base + "/health", timeout=2).raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or child.poll() is not None:
                        raise SystemExit("server did not start")
                    time.sleep(0.2)
            timings = measure(base, args.requests)
        finally:
            child.terminate()
            child.wait(timeout=20)
    print(f"{'query':42} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in timings.items():
        print(f"{name:42} {len(values):5d} {statistics.median(values):8.1f} "
              f"{_pct(values, 0.95):8.1f} {max(values):8.1f}")
    first = timings.get("events bbox+dates+type, first page", [])
    ok = bool(first) and _pct(first, 0.95) <= 50
    print(f"target p95 <= 50 ms for bbox+dates+type first page: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
