"""GET /healthz and GET /metrics: what an operator's probe and Prometheus read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.routing import Route

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.migrate import head_revision
from storage.models import OutboxMessage
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import a_person
from tests.web.conftest import Web
from web.health import healthz


@asynccontextmanager
async def probe(db: Database, assistant: Assistant) -> AsyncIterator[httpx.AsyncClient]:
    """A client of /healthz alone (no Telegram side, so no outbox job changes the counts meanwhile)."""
    app = Starlette(routes=[Route("/healthz", healthz(db, assistant.clock))])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        yield client


async def test_healthz_ready_with_backlog(db: Database, assistant: Assistant) -> None:
    async with db.unit_of_work() as session:
        person = await a_person(session, 777)
        now = assistant.clock()
        for n, status in enumerate(("pending", "pending", "failed", "sent")):
            session.add(
                OutboxMessage(
                    person_id=person.id,
                    kind="renewal_reminder",
                    payload={"cover": "c2s", "end": "2027-01-31"},
                    due_at=now - timedelta(minutes=1),
                    idempotency_key=f"h{n}",
                    status=status,
                    created_at=now,
                )
            )
    async with probe(db, assistant) as client:
        answer = await client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "database": "reachable",
        "schema": {"current": head_revision(), "expected": head_revision()},
        "outbox": {"backlog": 2, "failed": 1},
    }


async def test_healthz_503_when_migrations_are_behind(web: Web, db: Database) -> None:
    async with db.unit_of_work() as session:
        await session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    answer = await web.client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["schema"] == {"current": "0001", "expected": head_revision()}


async def test_healthz_503_when_the_database_is_unreachable(assistant: Assistant) -> None:
    nowhere = Database("postgresql+asyncpg://faire@127.0.0.1:9/none")  # nothing listens on port 9
    try:
        async with probe(nowhere, assistant) as client:
            answer = await client.get("/healthz")
    finally:
        await nowhere.dispose()
    assert answer.status_code == 503
    assert answer.json()["database"] == "unreachable"


async def test_metrics_count_updates_latency_and_outbox(web: Web, api: FakeBotAPI) -> None:
    await web.client.post("/telegram", content=b"not json", headers={"X-Telegram-Bot-Api-Secret-Token": "web-secret"})
    answer = await web.client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    body = answer.text
    assert 'faire_lien_updates_total{outcome="rejected"}' in body
    for name in (
        "faire_lien_handler_seconds_bucket",
        "faire_lien_errors_total",
        "faire_lien_sends_total",
        "faire_lien_outbox_backlog 0.0",
        "faire_lien_outbox_failed 0.0",
        "faire_lien_database_up 1.0",
    ):
        assert name in body
