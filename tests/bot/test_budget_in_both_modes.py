"""The bot as it runs, in webhook and polling mode, on SQLite and PostgreSQL: replies and the outbox share one budget.

Each reply and each outbox message books a slot of the one `send_budget` row, so the row's next free slot
moves on with every message, whichever sent it: here a person's reply, then a reminder from the outbox.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import time as dt_time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bot.app import build_application
from faire_lien.assistant import Assistant
from faire_lien.config import Settings
from storage.db import Database
from storage.models import Person, SendBudget
from storage.outbox import schedule
from tests.bot.conftest import TOKEN, BotProcess
from tests.conftest import NOW
from tests.support.db import fresh
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.postgres import PostgresServer
from web.app import create_app
from web.console.context import Console

SECRET = "budget-secret"
WRITER, REMINDED = 4301, 4302

Mode = Callable[[FakeBotAPI, Database, Assistant, Path], AsyncIterator[None]]


async def next_free_slot(db: Database) -> float:
    """Where the shared row's next free slot starts (0 until a message booked one)."""
    async with db.unit_of_work() as session:
        found = await session.scalar(select(SendBudget.next_at))
    assert found is not None
    return found


async def wait_for(check: Callable[[], Awaitable[bool]]) -> None:
    """Until `check` holds, 30 s at most."""
    for _ in range(600):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not seen within 30 s")


async def queue_reminder(db: Database, telegram_id: int) -> None:
    """A person who agreed earlier, and a renewal reminder due at once for them."""
    async with db.unit_of_work() as session:
        person = Person(telegram_id=telegram_id, language="fr", consent="accepted", consent_at=NOW, consent_version="v")
        session.add(person)
        await session.flush()
        await schedule(
            session,
            person.id,
            kind="renewal_reminder",
            due_at=NOW,
            payload={"cover": "c2s", "end": "2027-01-31"},
            key="both-modes",
            now=NOW,
        )


async def webhook(api: FakeBotAPI, db: Database, assistant: Assistant, _folder: Path) -> AsyncIterator[None]:
    """`faire-lien webhook`'s application in this process; /start posted as Telegram posts it."""
    settings = Settings(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        database_url=db.url,
        webhook_url="https://bot.example.org/telegram",
        webhook_secret=SECRET,
        outbox_interval=0.2,
        quiet_from=dt_time(0, 0),  # the test runs on the real clock: no quiet hours, whatever the hour
        quiet_until=dt_time(0, 0),
    )
    console = Console(settings, db, assistant.clock, assistant.flows, assistant.languages)
    app = create_app(settings, build_application(settings, assistant, db), console)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            update = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": int(time.time()),
                    "chat": {"id": WRITER, "type": "private"},
                    "from": {"id": WRITER, "is_bot": False, "first_name": "Jeanne", "language_code": "fr"},
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                },
            }
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            assert (await client.post("/telegram", json=update, headers=headers)).status_code == 200
            yield


async def polling(api: FakeBotAPI, db: Database, _assistant: Assistant, folder: Path) -> AsyncIterator[None]:
    """`faire-lien run` as a process of its own, polling the fake Bot API; /start sent as a person would."""
    process = BotProcess(api, folder)
    process.env["DATABASE_URL"] = db.url
    process.start()
    try:
        api.send_text(api.user(WRITER, first_name="Jeanne", language_code="fr"), "/start")
        yield
    finally:
        process.stop()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("mode", [webhook, polling], ids=["webhook", "polling"])
async def test_a_reply_and_a_reminder_book_slots_of_the_one_budget(
    mode: Mode, backend: str, api: FakeBotAPI, assistant: Assistant, tmp_path: Path, postgres: PostgresServer
) -> None:
    db = await fresh(backend, tmp_path, postgres)
    api.user(WRITER, first_name="Jeanne", language_code="fr")
    api.user(REMINDED, language_code="fr")
    try:
        assert await next_free_slot(db) == 0.0  # as the migration leaves it
        running = mode(api, db, assistant, tmp_path)
        await anext(running)
        await wait_for(lambda: asyncio.sleep(0, bool(api.messages(WRITER))))
        after_reply = await next_free_slot(db)
        assert after_reply > 0.0  # the reply booked a slot

        await queue_reminder(db, REMINDED)
        await wait_for(lambda: asyncio.sleep(0, bool(api.messages(REMINDED))))
        (reminder,) = api.messages(REMINDED)
        assert reminder.text.startswith("⏰ Rappel")
        assert await next_free_slot(db) > after_reply  # the outbox booked the next one, in the same row
        await running.aclose()
    finally:
        await db.dispose()
