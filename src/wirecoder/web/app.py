"""The FastAPI application of ``wirecoder serve``: JSON API, dashboard, pages, errors and security headers.

Every ``/api`` answer is JSON: ``{"ok": true, ...}``, or ``{"ok": false, "error": "...", "status": N}`` with HTTP
status N. The event filters are those of ``wirecoder events`` (:class:`~wirecoder.store.query.EventQuery`), taken
from query parameters by :func:`event_filters` and bound as SQL parameters by the store.
"""

from __future__ import annotations

import dataclasses
import json
import mimetypes
import os
import tempfile
from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.background import BackgroundTask
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..export import FORMATS, write
from ..store import Store
from ..store.query import ORDERS
from . import pages
from .deps import FiltersDep, StoreDep

MAX_PAGE = 1000
"""The most events one ``/api/events`` page holds."""
MAX_POINTS = 100_000
"""The most points one ``/api/points`` answer holds."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""Content-Security-Policy of every answer: scripts only from this server's own files, never inline."""


def create_app(db: str | Path) -> FastAPI:
    """The app serving the store ``db`` (opened read-only; ``StoreError`` E702/E703 when it cannot be)."""
    store = Store(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="wirecoder", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        # No telemetry: nothing is traced or exported, whatever the environment says.
        telemetry={"tracing": False, "metrics": False, "logs": False, "auto_configure": False},
        description="Coded news events (who did what to whom, where and when) with the sentences that say so. "
                    "Read-only. Errors are `{\"ok\": false, \"error\": ..., \"status\": N}`.",
    )
    app.state.store = store
    app.state.assets = _assets()
    _add_errors(app)
    _add_headers(app)
    app.include_router(pages.router)
    _add_api(app)
    _add_static(app)
    return app


def _ok(**fields: Any) -> Response:
    """A JSON answer. The store hands out plain values (dates already ISO strings), so the standard library
    encodes them directly; anything else (a stray date) becomes its string."""
    body = json.dumps({"ok": True, **fields}, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body.encode(), media_type="application/json")


# ---- the API ----------------------------------------------------------------------------------------


def _add_api(app: FastAPI) -> None:
    @app.get("/api/events", tags=["events"])
    def list_events(store: StoreDep, filters: FiltersDep,
                    sort: Annotated[str, Query(description=f"One of: {', '.join(ORDERS)}.")] = "-date",
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                    offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        """Canonical events (one per real-world happening) matching the filters, a page at a time."""
        if sort not in ORDERS:
            raise HTTPException(422, f"sort: expected one of {', '.join(ORDERS)}, got {sort!r}")
        query = dataclasses.replace(filters, order=sort, limit=limit, offset=offset)
        return _ok(total=store.count_events(filters), limit=limit, offset=offset,
                   events=list(store.iter_events(query)))

    @app.get("/api/points", tags=["events"])
    def list_points(store: StoreDep, filters: FiltersDep,
                    limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = 20_000) -> Response:
        """Located events as compact map points `[id, lat, lon, quad_class, cameo_root, date, num_sources,
        label]`, best-reported first."""
        total, points = store.points(dataclasses.replace(filters, limit=limit))
        return _ok(total=total, truncated=total > len(points), points=points)

    @app.get("/api/stats", tags=["events"])
    def stats(store: StoreDep, filters: FiltersDep) -> Response:
        """Counts of the matching events by day, QuadClass, CAMEO root, PLOVER type and country."""
        groups = store.stats(filters, by=("day", "quad_class", "cameo_root", "plover_type", "country"))
        groups["day"] = [pair for pair in groups["day"] if pair[0] != "?"]
        return _ok(total=store.count_events(filters), **{f"by_{name}": rows for name, rows in groups.items()})

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: str, store: StoreDep) -> Response:
        """One event with every mention that reports it and the articles they come from."""
        event = store.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return _ok(event=event, mentions=store.mentions_of(event_id=event_id),
                   articles=store.article_summaries(event_id=event_id))

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(article_id: str, store: StoreDep) -> Response:
        """One article: clean text, the boilerplate set aside, its mentions and the spans of every coded actor,
        action, place and date (character offsets into `text`, the body joined by blank lines)."""
        article = store.article_record(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        mentions = store.mentions_of(article_id=article_id)
        text = "\n\n".join(article["body"])
        return _ok(article=article, text=text, spans=pages.article_spans(mentions, text), mentions=mentions)

    @app.get("/api/actors", tags=["collections"])
    def list_actors(store: StoreDep, q: Annotated[str | None, Query(max_length=200)] = None,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                    offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        """Coded actors with how many events each is in, most frequent first."""
        total, actors = store.actors(text=q, limit=limit, offset=offset)
        return _ok(total=total, limit=limit, offset=offset, actors=actors)

    @app.get("/api/places", tags=["collections"])
    def list_places(store: StoreDep, q: Annotated[str | None, Query(max_length=200)] = None,
                    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                    offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        """Places events happened at, with how many events each, most frequent first."""
        total, places = store.places(text=q, country=country, limit=limit, offset=offset)
        return _ok(total=total, limit=limit, offset=offset, places=places)

    @app.get("/api/export", tags=["events"], response_class=Response)
    def export(store: StoreDep, filters: FiltersDep,
               format: Annotated[str, Query(description=f"One of: {', '.join(sorted(FORMATS))}.")],
               limit: Annotated[int | None, Query(ge=0)] = None) -> Response:
        """The matching events as a file in an export format (the formats of `wirecoder export`)."""
        if format not in FORMATS:
            raise HTTPException(422, f"format: expected one of {', '.join(sorted(FORMATS))}, got {format!r}")
        spec = FORMATS[format]
        handle, path = tempfile.mkstemp(prefix="wirecoder-export-", suffix=spec.suffix)
        os.close(handle)
        try:
            write(format, store.iter_events(dataclasses.replace(filters, limit=limit)), path)
        except BaseException:
            os.unlink(path)
            raise
        media = {".tsv": "text/tab-separated-values", ".csv": "text/csv", ".jsonl": "application/x-ndjson",
                 ".parquet": "application/vnd.apache.parquet"}[spec.suffix]
        return FileResponse(path, media_type=media, filename=f"wirecoder-events{spec.suffix}",
                            background=BackgroundTask(os.unlink, path))


# ---- static files -----------------------------------------------------------------------------------


def _assets() -> dict[str, tuple[bytes, str]]:
    """Every file under ``static/`` by its relative path, read once: requests look names up in this table, so
    no URL reaches the filesystem."""
    table: dict[str, tuple[bytes, str]] = {}

    def walk(folder: Any, prefix: str) -> None:
        for entry in folder.iterdir():
            name = prefix + entry.name
            if entry.is_dir():
                walk(entry, name + "/")
            elif not entry.name.startswith("."):
                media = mimetypes.guess_type(entry.name)[0] or "application/octet-stream"
                if media.startswith("text/") or media in ("application/javascript", "application/json"):
                    media += "; charset=utf-8"
                table[name] = (entry.read_bytes(), media)

    walk(resources.files(__package__) / "static", "")
    return table


def _add_static(app: FastAPI) -> None:
    assets: dict[str, tuple[bytes, str]] = app.state.assets

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        body, media = assets["index.html"]
        return Response(body, media_type=media, headers={"Cache-Control": "no-cache"})

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in assets:
            raise HTTPException(404, f"no static file {name!r}")
        body, media = assets[name]
        cache = "public, max-age=86400" if name.startswith("vendor/") else "no-cache"
        return Response(body, media_type=media, headers={"Cache-Control": cache})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """The API's reference, rendered from its OpenAPI description (no Swagger UI bundle, no inline script)."""
        return pages.api_docs(app.openapi())


# ---- errors and headers -------------------------------------------------------------------------------


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    return pages.error_page(status, message)


def _add_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed here; the API is read-only (GET)"
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
        return _error(request, 422, "; ".join(problems))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        return _error(request, 500, f"internal error ({type(exc).__name__}); see the server's log")


def _add_headers(app: FastAPI) -> None:
    app.add_middleware(AnswerCache)
    app.add_middleware(SecurityHeaders)


class AnswerCache:
    """Keeps the latest successful ``GET /api/...`` answers (not exports) and replays them for the same URL.

    This is safe because the store cannot change while it is served: the server holds it open read-only, and
    DuckDB lets no process write a file that another has open. At most ``ENTRIES`` answers and ``BYTES`` bytes
    are kept, least recently used dropped first.
    """

    ENTRIES = 1024
    BYTES = 64 * 1024 * 1024

    def __init__(self, app: Any):
        self.app = app
        self.answers: OrderedDict[bytes, tuple[dict[str, Any], bytes]] = OrderedDict()
        self.size = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or not path.startswith("/api/") \
                or path == "/api/export":
            await self.app(scope, receive, send)
            return
        key = path.encode() + b"?" + scope.get("query_string", b"")
        if key in self.answers:
            self.answers.move_to_end(key)
            start, body = self.answers[key]
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self._add(key, start, b"".join(parts))
            await send(message)

        await self.app(scope, receive, keep)

    def _add(self, key: bytes, start: dict[str, Any], body: bytes) -> None:
        if len(body) > self.BYTES // 8:
            return
        self.answers[key] = ({**start, "headers": list(start.get("headers", []))}, body)
        self.size += len(body)
        while len(self.answers) > self.ENTRIES or self.size > self.BYTES:
            _, (_, dropped) = self.answers.popitem(last=False)
            self.size -= len(dropped)


class SecurityHeaders:
    """Adds the security headers to every answer (plain ASGI: no per-request task, unlike ``@app.middleware``)."""

    HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
               ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"))

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.HEADERS:
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
