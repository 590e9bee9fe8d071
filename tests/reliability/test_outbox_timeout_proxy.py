"""Issue 15, item 3: a reminder whose answer from Telegram was lost is never sent a second time.

The real outbox sender (`bot.outbox.drain`, three at once on one PostgreSQL database, as three workers
would) talks to the fake Bot API through a proxy (`tests/support/lossy_proxy.py`). The proxy forwards
sendMessage, so the fake posts the reminder, then loses the answer: withheld past the bot's read
timeout, the connection reset, or a 502 of its own. Each of ten people gets the reminder once, and
`faire-lien outbox failed` shows each one as uncertain. When the proxy proves nothing was sent
(connection refused, 429), the reminder is sent again and arrives once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from prometheus_client import REGISTRY
from telegram import Bot
from telegram.ext import Application, ApplicationBuilder

from bot.budget import SharedBudget
from bot.outbox import drain
from bot.rate_limiter import BudgetRateLimiter
from bot.signing import Signer
from storage.db import Database
from storage.models import OutboxMessage
from storage.outbox import schedule
from tests.bot.conftest import TOKEN
from tests.conftest import NOW
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.lossy_proxy import Fault, LossyProxy
from tests.support.records import a_person

SIGNER = Signer("test secret")
PEOPLE = 10
READ_TIMEOUT = 1.0
"""The bot's read timeout in these tests (5 s by default): the proxy withholds answers past it."""


@pytest.fixture
async def proxy(api: FakeBotAPI) -> AsyncIterator[LossyProxy]:
    lossy = await LossyProxy(api.port).start()
    yield lossy
    await lossy.stop()


@pytest.fixture
async def bot(proxy: LossyProxy, api: FakeBotAPI, pg_db: Database) -> AsyncIterator[Bot]:
    """The bot as `bot/app.py` builds it (the shared budget's rate limiter retrying 429s), talking through the proxy."""
    app: Application = (  # type: ignore[type-arg]
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(proxy.base_url)
        .base_file_url(api.base_file_url)
        .rate_limiter(BudgetRateLimiter(SharedBudget.open(pg_db.url, 28.5)))
        .read_timeout(READ_TIMEOUT)
        .build()
    )
    await app.initialize()
    yield app.bot
    await app.shutdown()


async def due_reminders(db: Database, api: FakeBotAPI, first_id: int) -> list[int]:
    """A consenting person per Telegram id, each with a renewal reminder due now; their Telegram ids."""
    ids = [first_id + n for n in range(PEOPLE)]
    async with db.unit_of_work() as session:
        for telegram_id in ids:
            api.user(telegram_id)
            person = await a_person(session, telegram_id)
            payload = {"cover": "c2s", "end": "2027-01-31"}
            key = f"renewal:{telegram_id}"
            await schedule(session, person.id, kind="renewal_reminder", due_at=NOW, payload=payload, key=key, now=NOW)
    return ids


async def three_workers(bot: Bot, db: Database, at: datetime) -> int:
    """Three senders draining the outbox together, as three bot processes on one database do; messages sent."""
    others = [Database(db.url), Database(db.url)]
    budgets = [SharedBudget.open(db.url, 28.5) for _ in range(3)]
    try:
        pairs = zip([db, *others], budgets, strict=True)
        sent = await asyncio.gather(*(drain(bot, worker, budget, lambda: at, SIGNER) for worker, budget in pairs))
    finally:
        for worker in others:
            await worker.dispose()
        for budget in budgets:
            await budget.close()
    return sum(sent)


def sends(result: str) -> float:
    """The outbox's `faire_lien_sends_total` counter for one result, in this process."""
    return REGISTRY.get_sample_value("faire_lien_sends_total", {"kind": "outbox", "result": result}) or 0.0


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("withhold", "pas de réponse de Telegram après l'envoi"),
        ("reset", "connexion coupée après l'envoi"),
        ("bad_gateway", "Telegram a répondu par une erreur après l'avoir reçu"),
    ],
)
async def test_item_3_reminder_not_sent_twice_when_telegrams_answer_is_lost(
    fault: Fault, reason: str, pg_db: Database, api: FakeBotAPI, proxy: LossyProxy, bot: Bot, run_cli: RunCli
) -> None:
    people = await due_reminders(pg_db, api, 3000)
    proxy.fail("sendMessage", fault, times=PEOPLE)
    uncertain_before = sends("uncertain")

    assert await three_workers(bot, pg_db, NOW) == 0  # none confirmed
    for later in (timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)):  # later passes send nothing
        assert await three_workers(bot, pg_db, NOW + later) == 0

    assert proxy.forwarded.count("sendMessage") == PEOPLE  # every reminder reached Telegram…
    for telegram_id in people:  # …and each person has it exactly once
        (reminder,) = api.messages(telegram_id)
        assert reminder.text.startswith("⏰ Rappel : vos droits à la C2S prennent fin le 31 janvier 2027.")
    assert {(m.status, m.attempts) for m in await rows(pg_db, OutboxMessage)} == {("uncertain", 1)}
    assert sends("uncertain") - uncertain_before == PEOPLE

    listed = run_cli("outbox", "failed", "--staff", "test", env={"DATABASE_URL": pg_db.url}).check().splitlines()
    assert listed[0] == f"📮 Messages à suivre — non remis : 0 ; incertains : {PEOPLE}."
    for line in listed[1 : PEOPLE + 1]:
        assert "Rappel de renouvellement" in line and "❓ incertain, peut-être reçu" in line and reason in line
    assert listed[PEOPLE + 1].startswith("❓ Incertain : ") and "Vérifiez avec la personne" in listed[PEOPLE + 1]


async def test_item_3_reminder_sent_again_when_telegram_proves_it_was_not_sent(
    pg_db: Database, api: FakeBotAPI, proxy: LossyProxy, bot: Bot, run_cli: RunCli
) -> None:
    (telegram_id, *_) = await due_reminders(pg_db, api, 4000)
    await proxy.stop()  # connection refused: the request never left
    assert await three_workers(bot, pg_db, NOW) == 0
    assert api.calls_of("sendMessage") == []
    ((status, attempts, reason),) = {(m.status, m.attempts, m.last_error) for m in await rows(pg_db, OutboxMessage)}
    assert (status, attempts) == ("pending", 1)
    assert reason == "Telegram not reached (ConnectError); nothing was sent"

    await proxy.start()
    # 429 four times: the rate limiter waits and tries again three times, then the outbox retries later.
    proxy.fail("sendMessage", "too_many", times=4 * PEOPLE)
    assert await three_workers(bot, pg_db, NOW + timedelta(minutes=1)) == 0
    assert {(m.status, m.attempts) for m in await rows(pg_db, OutboxMessage)} == {("pending", 2)}
    assert proxy.forwarded.count("sendMessage") == 0

    assert await three_workers(bot, pg_db, NOW + timedelta(minutes=2)) == PEOPLE
    assert await three_workers(bot, pg_db, NOW + timedelta(hours=1)) == 0
    assert proxy.forwarded.count("sendMessage") == PEOPLE
    for person in range(telegram_id, telegram_id + PEOPLE):
        assert len(api.messages(person)) == 1
    assert {(m.status, m.attempts) for m in await rows(pg_db, OutboxMessage)} == {("sent", 3)}
    listed = run_cli("outbox", "failed", "--staff", "test", env={"DATABASE_URL": pg_db.url}).check()
    assert listed.splitlines() == ["📮 Aucun message non remis ni incertain."]
