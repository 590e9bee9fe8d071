"""GET /healthz and GET /metrics: what an operator's probe and Prometheus read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from prometheus_client import CONTENT_TYPE_LATEST, Gauge, generate_latest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from faire_lien.core.health import check
from storage.db import Database

OUTBOX_BACKLOG = Gauge("faire_lien_outbox_backlog", "Outbox messages due and not yet gone out.")
OUTBOX_FAILED = Gauge("faire_lien_outbox_failed", "Outbox messages given up or of unknown outcome, for staff.")
DATABASE_UP = Gauge("faire_lien_database_up", "1 when the database answered at the expected schema.")

Endpoint = Callable[[Request], Awaitable[Response]]


def healthz(db: Database, now: Callable[[], datetime]) -> Endpoint:
    """200 with the readings when ready; 503 with the same readings when not."""

    async def endpoint(_request: Request) -> Response:
        health = await check(db, now())
        return JSONResponse(health.as_dict(), status_code=200 if health.ok else 503)

    return endpoint


def metrics(db: Database, now: Callable[[], datetime]) -> Endpoint:
    """This worker's counters in Prometheus' text format, with the outbox gauges read at scrape time."""

    async def endpoint(_request: Request) -> Response:
        health = await check(db, now())
        DATABASE_UP.set(1 if health.ok else 0)
        if health.outbox_backlog is not None and health.outbox_failed is not None:
            OUTBOX_BACKLOG.set(health.outbox_backlog)
            OUTBOX_FAILED.set(health.outbox_failed)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return endpoint
