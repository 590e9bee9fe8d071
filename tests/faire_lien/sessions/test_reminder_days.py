"""Reminders go at the session's own time of day across a clock change, and say "today", "tomorrow" or "in N days"
as seen on the day they actually go out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from dialogs.i18n import available_languages, translator
from faire_lien.outbox.delivery import prepare
from faire_lien.outbox.registry import render
from faire_lien.sessions.reminders import schedule_reminders
from storage.db import Database
from storage.meetings import register
from storage.models import OutboxMessage
from storage.outbox import send_again
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person


async def reminders_for(db: Database, starts: datetime) -> dict[str, OutboxMessage]:
    """One person registered for a session starting at `starts`: their reminders by kind."""
    async with db.unit_of_work() as session:
        person = await a_person(session, 1)
        meeting = await a_meeting(session, starts)
        booking = await register(session, meeting.id, person.id, NOW)
        assert booking.registration is not None
        await schedule_reminders(session, booking.registration, meeting, NOW)
        await session.flush()
        return {m.kind: m for m in (await session.execute(select(OutboxMessage))).scalars()}


async def test_reminders_keep_the_time_of_day_when_clocks_go_forward(db: Database) -> None:
    sunday = datetime(2027, 3, 28, 12, 0, tzinfo=UTC)  # 14:00 in Paris, the day clocks go forward
    reminders = await reminders_for(db, sunday)
    assert reminders["meeting_details"].due_at == datetime(2027, 3, 27, 13, 0, tzinfo=UTC)  # Saturday 14:00 in Paris
    assert reminders["meeting_confirm"].due_at == datetime(2027, 3, 26, 13, 0, tzinfo=UTC)  # Friday 14:00 in Paris


async def test_reminders_keep_the_time_of_day_when_clocks_go_back(db: Database) -> None:
    sunday = datetime(2027, 10, 31, 9, 0, tzinfo=UTC)  # 10:00 in Paris, the day clocks go back
    reminders = await reminders_for(db, sunday)
    assert reminders["meeting_details"].due_at == datetime(2027, 10, 30, 8, 0, tzinfo=UTC)  # Saturday 10:00 in Paris


async def test_the_day_before_reminder_sent_again_on_the_day_says_today(db: Database) -> None:
    starts = NOW + timedelta(days=3)  # Wednesday 25 November, 11:00 in Paris
    details = (await reminders_for(db, starts))["meeting_details"]
    async with db.unit_of_work() as session:
        message = await session.get(OutboxMessage, details.id)
        assert message is not None
        message.status = "failed"  # it did not go out on Tuesday
        on_the_day = starts - timedelta(hours=3)  # staff send it again on Wednesday morning
        assert await send_again(session, details.id, on_the_day) is not None
        ready = await prepare(session, details.id, on_the_day)
        assert ready is not None and ready.reply.text.startswith("📍 C'est aujourd'hui : « Réunion C2S »")


async def test_the_day_before_reminder_says_when_it_is_in_every_language(db: Database) -> None:
    starts = NOW + timedelta(days=3)
    details = (await reminders_for(db, starts))["meeting_details"]
    async with db.unit_of_work() as session:
        message = await session.get(OutboxMessage, details.id)
        assert message is not None
        en = translator("en")
        early = await render(session, message, en, NOW)
        tomorrow = await render(session, message, en, starts - timedelta(days=1))
        today = await render(session, message, en, starts - timedelta(hours=2))
        french = await render(session, message, translator("fr"), NOW)
        others = [
            await render(session, message, translator(code), at)
            for at in (NOW, starts - timedelta(hours=2))
            for code in available_languages()
            if code != "fr"
        ]
    assert early is not None and early.text.startswith("📍 It is in 3 days: “C2S meeting”")
    assert tomorrow is not None and tomorrow.text.startswith("📍 It is tomorrow: “C2S meeting”")
    assert today is not None and today.text.startswith("📍 It is today: “C2S meeting”")
    assert french is not None and french.text.startswith("📍 C'est dans 3 jours : « Réunion C2S »")
    assert len(others) == 18 and all(other is not None and "C'est" not in other.text for other in others)
