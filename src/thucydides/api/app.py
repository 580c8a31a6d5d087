"""create_app(): the REST API over one DuckDB file, and the web page that uses it.

Read-only: nothing here writes. Every list is JSON, CSV (ACLED columns), GeoJSON or JSON Lines; page
sizes are bounded by EventQuery; request bodies over MAX_BODY are refused.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import asdict
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BeforeValidator, ValidationError

from thucydides import __version__
from thucydides.event import Event
from thucydides.export.acled import ACLED_COLUMNS, acled_row
from thucydides.export.geojson import feature_collection
from thucydides.export.jsonl import event_json
from thucydides.store import Store
from thucydides.store.query import MAX_PAGE, EventQuery

MAX_BODY = 64 * 1024
DB_VARIABLE = "THUCYDIDES_SERVE_DB"
# Rendered /events pages kept per server process (at most 500 records of about 1 KB each).
PAGE_CACHE = 128
Format = Literal["json", "csv", "geojson", "jsonl"]


def _iso_only(value: object) -> object:
    """Dates as YYYY-MM-DD only: lax parsing would read '0' as 1970-01-01."""
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("dates are YYYY-MM-DD")
    return value


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IsoDate = Annotated[date, BeforeValidator(_iso_only)]
BBOX_PATTERN = r"^\s*-?\d{1,3}(\.\d+)?\s*(,\s*-?\d{1,3}(\.\d+)?\s*){3}$"


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Four numbers (the pattern guarantees it), clamped to WGS84; south and north in order."""
    if value is None:
        return None
    west, south, east, north = (float(p) for p in value.split(","))
    west, east = (max(-180.0, min(180.0, v)) for v in (west, east))
    south, north = sorted(max(-90.0, min(90.0, v)) for v in (south, north))
    return west, south, east, north


async def event_query(
    bbox: Annotated[
        str | None,
        Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100, pattern=BBOX_PATTERN),
    ] = None,
    start: IsoDate | None = None,
    end: IsoDate | None = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Annotated[str | None, Query(max_length=100)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Literal["date", "-date", "fatalities", "confidence", "sources"] = "date",
) -> EventQuery:
    try:
        return EventQuery(
            bbox=_bbox(bbox),
            start=start,
            end=end,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            country=country,
            admin1=admin1,
            min_fatalities=min_fatalities,
            min_confidence=min_confidence,
            q=q,
            limit=limit,
            offset=offset,
            sort=sort,
        )
    except ValidationError as exc:
        detail = exc.errors(include_url=False, include_context=False, include_input=False)
        raise HTTPException(422, detail) from None


def _csv(events: list[Event]) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = int(datetime.now(UTC).timestamp())
    for event in events:
        writer.writerow(acled_row(event, stamp))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


class BodyLimit:
    """Refuse request bodies over MAX_BODY before anything reads them (plain ASGI: cheap)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            length = dict(scope["headers"]).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                response = JSONResponse(
                    {"detail": f"request body over {MAX_BODY} bytes"}, status_code=413
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(db: str | Path) -> FastAPI:
    # Handlers are async and DuckDB answers in milliseconds: the event loop runs one query at
    # a time on the one connection, with no thread hop per request.
    store = Store(db, read_only=True)
    static = Path(str(resources.files("thucydides.web").joinpath("static")))
    app = FastAPI(
        title="thucydides",
        version=__version__,
        description="Conflict events read from news reports, every field with its evidence.",
    )

    app.add_middleware(BodyLimit)

    # The database is open read-only and DuckDB lets no process write it meanwhile, so a
    # rendered page stays right for as long as the server runs.
    @lru_cache(maxsize=PAGE_CACHE)
    def page(key: str, format: Literal["json", "geojson"]) -> str:
        query = EventQuery.model_validate_json(key)
        texts, total = store.query_event_json(query)
        if format == "geojson":
            collection = feature_collection(json.loads(text) for text in texts)
            collection["total"] = total
            return json.dumps(collection, ensure_ascii=False)
        # The records are stored as JSON text: the page is spliced from them, never re-encoded.
        head = json.dumps({"total": total, "limit": query.limit, "offset": query.offset})
        return f'{head[:-1]}, "events": [{", ".join(texts)}]}}'

    @app.get(
        "/events",
        summary="Events matching the filters, one page at a time",
        description="format=json (default), csv (ACLED's 31 columns), geojson (RFC 7946) or"
        " jsonl (one full event a line, with sources and evidence). CSV and JSON Lines carry"
        " how many events match in all in the X-Total-Count header.",
        responses={
            200: {
                "content": {
                    "application/json": {},
                    "text/csv": {},
                    "application/geo+json": {},
                    "application/x-ndjson": {},
                }
            }
        },
    )
    async def list_events(
        query: Annotated[EventQuery, Depends(event_query)], format: Format = "json"
    ):
        if format in ("csv", "jsonl"):
            events, total = store.query_events(query)
            response = (
                _csv(events)
                if format == "csv"
                else Response(
                    "".join(event_json(e) + "\n" for e in events),
                    media_type="application/x-ndjson",
                )
            )
            response.headers["X-Total-Count"] = str(total)
            return response
        media_type = "application/geo+json" if format == "geojson" else "application/json"
        return Response(page(query.model_dump_json(), format), media_type=media_type)

    @app.get(
        "/events/{event_id}",
        summary="One event with its sources and evidence",
        responses={404: {"description": "No such event"}},
    )
    async def get_event(event_id: Annotated[str, PathParam(max_length=64)]) -> Event:
        event = store.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        return event

    @app.get(
        "/events/{event_id}/history",
        summary="The records an event had before each change (new sources, corrections), oldest first",
        responses={404: {"description": "No such event"}},
    )
    async def get_event_history(event_id: Annotated[str, PathParam(max_length=64)]) -> dict:
        history = store.history(event_id)
        if not history and store.event(event_id) is None:
            raise HTTPException(404, f"no event {event_id}")
        return {
            "event_id": event_id,
            "versions": [
                {"replaced_at": at.isoformat(), "changed": changed, "record": record}
                for at, changed, record in history
            ],
        }

    @app.get(
        "/articles/{article_id}",
        summary="A source report: raw text (evidence offsets point here) and clean text",
        responses={404: {"description": "No such article"}},
    )
    async def get_article(article_id: Annotated[str, PathParam(max_length=128)]) -> dict:
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return article

    @app.get(
        "/stats",
        summary="Events and fatalities per day, per type, per country, and per day and type",
    )
    async def stats(query: Annotated[EventQuery, Depends(event_query)]) -> dict:
        return store.stats(query)

    @app.get(
        "/feeds",
        summary="The feeds `thucydides watch` follows: validators, last success and error, items per status",
    )
    async def list_feeds() -> dict:
        return {
            "last_updated": store.last_updated(),
            "feeds": [{**asdict(state), "items": items} for state, items in store.feeds.feeds()],
        }

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(static / "index.html")

    app.mount("/static", StaticFiles(directory=static), name="static")
    return app


def app_from_environment() -> FastAPI:
    """The app for `thucydides serve --workers N`, whose processes import it by name."""
    return create_app(os.environ[DB_VARIABLE])
