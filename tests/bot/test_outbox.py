"""The outbox sender against the fake Bot API: due messages go out once, in the person's language, with retries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.outbox import drain
from storage.db import Database
from storage.meetings import register
from storage.models import Meeting, OutboxMessage, Person, Registration
from storage.outbox import give_up_interrupted, schedule
from tests.bot.conftest import TOKEN
from tests.conftest import NOW
from tests.support.fake_bot_api import FakeBotAPI


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


async def test_due_messages_go_out_once_in_the_persons_language(db: Database, api: FakeBotAPI, bot: Bot) -> None:
    french = await add_person(db, api, 501)
    english = await add_person(db, api, 502, "en")
    await queue_renewal(db, french, NOW - timedelta(minutes=1), "a")
    await queue_renewal(db, english, NOW, "b")
    await queue_renewal(db, french, NOW + timedelta(days=1), "later")
    assert await drain(bot, db, lambda: NOW) == 2
    assert await drain(bot, db, lambda: NOW) == 0  # never twice
    assert await statuses(db) == ["sent", "sent", "pending"]
    (fr,) = api.messages(501)
    assert fr.text.startswith("⏰ Rappel : vos droits à la C2S prennent fin le 31 janvier 2027.")
    (en,) = api.messages(502)
    assert en.text.startswith("⏰ Reminder: your C2S rights end on January 31, 2027.")


async def test_blocked_people_and_rate_limits(db: Database, api: FakeBotAPI, bot: Bot) -> None:
    blocked = await add_person(db, api, 503)
    limited = await add_person(db, api, 504)
    api.block(503)
    await queue_renewal(db, blocked, NOW, "blocked")
    await drain(bot, db, lambda: NOW)
    assert await statuses(db) == ["failed"]
    await queue_renewal(db, limited, NOW, "limited")
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    assert await drain(bot, db, lambda: NOW) == 0
    async with db.unit_of_work() as session:
        message = (
            await session.execute(select(OutboxMessage).where(OutboxMessage.idempotency_key == "limited"))
        ).scalar_one()
        assert (message.status, message.due_at, message.attempts) == ("pending", NOW + timedelta(seconds=7), 1)
    assert await drain(bot, db, lambda: NOW + timedelta(seconds=8)) == 1
    assert len(api.messages(504)) == 1


async def test_an_expired_seat_offer_moves_to_the_next_person(db: Database, api: FakeBotAPI, bot: Bot) -> None:
    people = [await add_person(db, api, 510 + i) for i in range(3)]
    async with db.unit_of_work() as session:
        meeting = Meeting(
            kind="info_meeting",
            title={"fr": "Réunion C2S"},
            starts_at=NOW + timedelta(days=5),
            ends_at=NOW + timedelta(days=5, hours=2),
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=1,
            created_by="t",
            created_at=NOW,
        )
        session.add(meeting)
        await session.flush()
        for p in people:
            await register(session, meeting.id, p, NOW)
        first = (await session.execute(select(Registration).where(Registration.person_id == people[0]))).scalar_one()
        from faire_lien.reminders import announce_offer
        from storage.meetings import cancel

        offered = await cancel(session, first, NOW)
        assert offered is not None
        await announce_offer(session, offered, meeting, NOW)
    assert await drain(bot, db, lambda: NOW) == 1
    (offer,) = api.messages(511)
    assert offer.text.startswith("🎉 Une place s'est libérée pour « Réunion C2S »")
    assert offer.labels == ["✅ Je prends la place", "✖ Je ne peux pas"]
    assert await drain(bot, db, lambda: NOW + timedelta(hours=25)) == 1  # nobody answered: next in line
    (next_offer,) = api.messages(512)
    assert next_offer.text.startswith("🎉 Une place s'est libérée")


async def test_a_message_interrupted_while_sending_is_not_sent_again(db: Database, api: FakeBotAPI, bot: Bot) -> None:
    person = await add_person(db, api, 520)
    await queue_renewal(db, person, NOW, "x")
    async with db.unit_of_work() as session:
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
        message.status = "sending"
    async with db.unit_of_work() as session:
        assert await give_up_interrupted(session) == 1
    assert await drain(bot, db, lambda: NOW) == 0
    assert api.messages(520) == []
