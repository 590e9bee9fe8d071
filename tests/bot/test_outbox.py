"""The outbox sender against the fake Bot API: due messages go out once, in the person's language, with retries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from telegram import Bot
from telegram.ext import ApplicationBuilder

from bot.budget import SharedBudget
from bot.outbox import drain
from bot.rate_limiter import BudgetRateLimiter
from bot.signing import Signer
from faire_lien.core.quiet import QuietHours
from faire_lien.sessions.reminders import announce_offer, schedule_reminders
from storage.db import Database
from storage.meetings import cancel, register
from storage.models import OutboxMessage, Person, Registration
from storage.outbox import give_up_interrupted, schedule
from tests.bot.conftest import TOKEN
from tests.conftest import NOW
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import a_meeting

PARIS = ZoneInfo("Europe/Paris")

SIGNER = Signer("test secret")
NEVER_QUIET = QuietHours(time(0), time(0))
"""For the test on the real clock, which may run at night."""

SEND_RATE = 28.5
"""The default SEND_RATE, under the fake's limit of 30 per second."""


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    telegram = Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
    await telegram.initialize()
    yield telegram
    await telegram.shutdown()


async def add_person(db: Database, api: FakeBotAPI, telegram_id: int, language: str = "fr") -> int:
    api.user(telegram_id, language_code=language)
    async with db.unit_of_work() as session:
        person = Person(
            telegram_id=telegram_id, language=language, consent="accepted", consent_at=NOW, consent_version="v"
        )
        session.add(person)
        await session.flush()
        return person.id


async def queue_renewal(db: Database, person_id: int, due: Any, key: str) -> None:
    async with db.unit_of_work() as session:
        await schedule(
            session,
            person_id,
            kind="renewal_reminder",
            due_at=due,
            payload={"cover": "c2s", "end": "2027-01-31"},
            key=key,
            now=NOW,
        )


async def statuses(db: Database) -> list[str]:
    async with db.unit_of_work() as session:
        return [m.status for m in (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()]


async def test_due_messages_go_out_once_in_the_persons_language(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    french = await add_person(db, api, 501)
    english = await add_person(db, api, 502, "en")
    await queue_renewal(db, french, NOW - timedelta(minutes=1), "a")
    await queue_renewal(db, english, NOW, "b")
    await queue_renewal(db, french, NOW + timedelta(days=1), "later")
    assert await drain(bot, db, budget, lambda: NOW, SIGNER) == 2
    assert await drain(bot, db, budget, lambda: NOW, SIGNER) == 0  # never twice
    assert await statuses(db) == ["sent", "sent", "pending"]
    (fr,) = api.messages(501)
    assert fr.text.startswith("⏰ Rappel : vos droits à la C2S prennent fin le 31 janvier 2027.")
    (en,) = api.messages(502)
    assert en.text.startswith("⏰ Reminder: your C2S rights end on January 31, 2027.")


async def test_blocked_people_and_rate_limits(db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget) -> None:
    blocked = await add_person(db, api, 503)
    limited = await add_person(db, api, 504)
    api.block(503)
    await queue_renewal(db, blocked, NOW, "blocked")
    await drain(bot, db, budget, lambda: NOW, SIGNER)
    assert await statuses(db) == ["failed"]
    await queue_renewal(db, limited, NOW, "limited")
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    assert await drain(bot, db, budget, lambda: NOW, SIGNER) == 0
    async with db.unit_of_work() as session:
        message = (
            await session.execute(select(OutboxMessage).where(OutboxMessage.idempotency_key == "limited"))
        ).scalar_one()
        assert (message.status, message.due_at, message.attempts) == ("pending", NOW + timedelta(seconds=7), 1)
    assert await drain(bot, db, budget, lambda: NOW + timedelta(seconds=8), SIGNER) == 1
    assert len(api.messages(504)) == 1


async def test_an_expired_seat_offer_moves_to_the_next_person(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    people = [await add_person(db, api, 510 + i) for i in range(3)]
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            NOW + timedelta(days=5),
            kind="info_meeting",
            title={"fr": "Réunion C2S"},
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=1,
        )
        for p in people:
            await register(session, meeting.id, p, NOW)
        first = (await session.execute(select(Registration).where(Registration.person_id == people[0]))).scalar_one()
        offered = await cancel(session, first, NOW)
        assert offered is not None
        await announce_offer(session, offered, meeting, NOW)
    assert await drain(bot, db, budget, lambda: NOW, SIGNER) == 1
    (offer,) = api.messages(511)
    assert offer.text.startswith("🎉 Une place s'est libérée pour « Réunion C2S »")
    assert offer.labels == ["✅ Je prends la place", "✖ Je ne peux pas"]
    assert await drain(bot, db, budget, lambda: NOW + timedelta(hours=25), SIGNER) == 2  # nobody answered: next in line
    (next_offer,) = api.messages(512)
    assert next_offer.text.startswith("🎉 Une place s'est libérée")
    (_, lapsed) = api.messages(511)  # and the one who let it go is told, with a way back onto the list
    assert lapsed.text.startswith("Désolé, le délai pour prendre cette place est passé.\n\n📅 Réunion d'information")
    assert lapsed.labels == ["✅ M'inscrire", "☰ Menu"]


async def test_a_message_interrupted_while_sending_is_not_sent_again(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    person = await add_person(db, api, 520)
    await queue_renewal(db, person, NOW, "x")
    async with db.unit_of_work() as session:
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
        message.status = "sending"
    async with db.unit_of_work() as session:
        assert await give_up_interrupted(session) == 1
    assert await drain(bot, db, budget, lambda: NOW, SIGNER) == 0
    assert api.messages(520) == []


async def test_capacity_staff_move_then_cancel_tell_everyone_and_reschedule_reminders(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget, run_cli: RunCli
) -> None:
    now = datetime.now(UTC)  # the command line uses the real clock
    seated, waiting = await add_person(db, api, 530), await add_person(db, api, 531, "en")
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            now + timedelta(days=10),
            kind="info_meeting",
            title={"fr": "Réunion C2S", "en": "C2S meeting"},
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=1,
        )
        booking = await register(session, meeting.id, seated, now)
        assert booking.registration is not None
        await schedule_reminders(session, booking.registration, meeting, now)
        await register(session, meeting.id, waiting, now)
        meeting_id = meeting.id

    new_day = (now + timedelta(days=20)).astimezone(PARIS).date()
    new_start = datetime.combine(new_day, time(9, 0), tzinfo=PARIS)
    env = {"DATABASE_URL": db.url}
    move = ("sessions", "move", str(meeting_id), "--start", f"{new_day} 09:00", "--end", "11:00")
    assert run_cli(*move, env=env).check().strip() == f"session {meeting_id} moved; 2 person(s) will be told"
    async with db.unit_of_work() as session:
        reminders = list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())
    assert [(m.kind, m.status) for m in reminders[:2]] == [
        ("meeting_confirm", "cancelled"),
        ("meeting_details", "cancelled"),
    ]
    rescheduled = {m.kind: m.due_at for m in reminders[2:] if m.kind in ("meeting_confirm", "meeting_details")}
    assert rescheduled == {
        "meeting_confirm": new_start - timedelta(days=2),
        "meeting_details": new_start - timedelta(days=1),
    }
    later = now + timedelta(minutes=1)
    assert await drain(bot, db, budget, lambda: later, SIGNER, quiet=NEVER_QUIET) == 2
    assert api.messages(530)[-1].text.startswith("🔁 « Réunion C2S » change de date :")
    assert "09:00–11:00" in api.messages(530)[-1].text
    assert api.messages(531)[-1].text.startswith("🔁 “C2S meeting” has a new date:")

    cancelled = run_cli("sessions", "cancel", str(meeting_id), env=env).check().strip()
    assert cancelled == f"session {meeting_id} cancelled; 2 person(s) will be told"
    assert await drain(bot, db, budget, lambda: now + timedelta(minutes=2), SIGNER, quiet=NEVER_QUIET) == 2
    assert api.messages(530)[-1].text.startswith("❌ « Réunion C2S », prévue ")
    async with db.unit_of_work() as session:
        left = (await session.execute(select(OutboxMessage).where(OutboxMessage.status == "pending"))).scalars().all()
        regs = (await session.execute(select(Registration.status))).scalars().all()
    assert left == []
    assert set(regs) == {"cancelled"}


async def test_broadcast_under_a_rate_limit_loses_nothing(db: Database) -> None:
    with FakeBotAPI(global_rate_limit=30) as limited:
        people = [await add_person(db, limited, 700 + i) for i in range(45)]
        for person in people:
            await queue_renewal(db, person, NOW, f"b{person}")
        budget = SharedBudget.open(db.url, SEND_RATE)  # on the real clock: the fake's limit is in real time
        app = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(limited.base_url)
            .base_file_url(limited.base_file_url)
            .rate_limiter(BudgetRateLimiter(budget))
            .build()
        )
        await app.initialize()
        sent = 0
        for _ in range(20):  # a few passes at most: retried messages come back due later
            sent += await drain(app.bot, db, budget, lambda: NOW + timedelta(minutes=5), SIGNER)
            if sent == len(people):
                break
        await app.shutdown()
        assert sum(len(limited.messages(700 + i)) for i in range(45)) == 45
        assert limited.rejected_429 == 0
    assert set(await statuses(db)) == {"sent"}


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    """A Paris wall-clock time in November 2026 (winter time), as the UTC instant the sender gets."""
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


async def test_a_reminder_falling_at_23_00_goes_out_at_08_00(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    person = await add_person(db, api, 540)
    await queue_renewal(db, person, paris(23, 23, 0), "night")
    for night in (paris(23, 23, 0), paris(24, 0, 30), paris(24, 7, 59)):
        assert await drain(bot, db, budget, lambda at=night: at, SIGNER) == 0
    assert await statuses(db) == ["pending"]
    assert api.messages(540) == []
    assert await drain(bot, db, budget, lambda: paris(24, 8, 0), SIGNER) == 1
    (reminder,) = api.messages(540)
    assert reminder.text.startswith("⏰ Rappel : vos droits à la C2S prennent fin le 31 janvier 2027.")
    async with db.unit_of_work() as session:
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
    assert (message.status, message.due_at, message.sent_at) == ("sent", paris(23, 23, 0), paris(24, 8, 0))


async def test_an_urgent_message_goes_at_23_00(db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget) -> None:
    person = await add_person(db, api, 541)
    await queue_renewal(db, person, paris(23, 22, 0), "waits")
    async with db.unit_of_work() as session:
        urgent = {"cover": "c2s", "end": "2027-01-31", "urgent": True}
        await schedule(
            session, person, kind="renewal_reminder", due_at=paris(23, 23, 0), payload=urgent, key="now", now=NOW
        )
    assert await drain(bot, db, budget, lambda: paris(23, 23, 0), SIGNER) == 1
    assert await statuses(db) == ["pending", "sent"]
    assert len(api.messages(541)) == 1


async def test_configured_quiet_hours_are_the_senders(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    person = await add_person(db, api, 542)
    await queue_renewal(db, person, paris(23, 12, 0), "lunch")
    lunch = QuietHours(time(12, 0), time(14, 0))
    assert await drain(bot, db, budget, lambda: paris(23, 13, 0), SIGNER, quiet=lunch) == 0
    assert await drain(bot, db, budget, lambda: paris(23, 23, 0), SIGNER, quiet=lunch) == 1


async def test_a_seat_offered_at_22_00_is_held_24_hours_from_08_00(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    people = [await add_person(db, api, 550 + i) for i in range(3)]
    evening, morning = paris(22, 22, 0), paris(23, 8, 0)
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), title={"fr": "Réunion C2S"}, capacity=1)
        for p in people:
            await register(session, meeting.id, p, NOW)
        first = (await session.execute(select(Registration).where(Registration.person_id == people[0]))).scalar_one()
        offered = await cancel(session, first, evening)
        assert offered is not None
        await announce_offer(session, offered, meeting, evening)
        offered_id = offered.id
    assert await drain(bot, db, budget, lambda: evening, SIGNER) == 0
    assert await drain(bot, db, budget, lambda: morning, SIGNER) == 1
    (offer,) = api.messages(551)
    assert "jusqu'au 24 novembre 2026 08:00" in offer.text
    async with db.unit_of_work() as session:
        registration = await session.get(Registration, offered_id)
        assert registration is not None
        assert (registration.status, registration.offered_until) == ("offered", paris(24, 8, 0))
    assert (
        await drain(bot, db, budget, lambda: paris(23, 22, 30), SIGNER) == 0
    )  # 24 hours after it was queued: still held
    assert api.messages(552) == []
    assert (
        await drain(bot, db, budget, lambda: paris(24, 8, 1), SIGNER) == 2
    )  # 24 hours after it was sent: next in line (and the one who let it go is told)
    (next_offer,) = api.messages(552)
    assert next_offer.text.startswith("🎉 Une place s'est libérée")
