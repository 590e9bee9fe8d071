"""Each kind of queued message has its renderer; each says its text, keeps its buttons, and drops what is moot."""

from __future__ import annotations

from datetime import timedelta
from typing import get_args

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import translator
from faire_lien.outbox.registry import RENDERERS, render
from faire_lien.sessions.reminders import announce_change, schedule_reminders
from storage.db import Database
from storage.meetings import cancel, cancel_meeting, register
from storage.models import OutboxMessage
from storage.outbox import schedule
from storage.statuses import OutboxKind
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person

FR = translator("fr")


def test_every_kind_has_a_renderer() -> None:
    assert set(RENDERERS) == set(get_args(OutboxKind))


async def test_renewal_reminder(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = await a_person(session, 1)
        good, _ = await schedule(
            session,
            person.id,
            kind="renewal_reminder",
            due_at=NOW,
            payload={"cover": "ame", "end": "2027-01-31"},
            key="r1",
            now=NOW,
        )
        unknown, _ = await schedule(
            session, person.id, kind="renewal_reminder", due_at=NOW, payload={"cover": "x"}, key="r2", now=NOW
        )
        reply = await render(session, good, FR, NOW)
        assert reply is not None and reply.text.startswith("⏰ Rappel : vos droits à l'AME prennent fin le 31 janvier")
        assert await render(session, unknown, FR, NOW) is None


async def test_meeting_reminders_with_their_buttons(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = await a_person(session, 2)
        meeting = await a_meeting(session, NOW + timedelta(days=5), kind="checkup")
        booking = await register(session, meeting.id, person.id, NOW)
        assert booking.registration is not None
        registration = booking.registration
        await schedule_reminders(session, registration, meeting, NOW)
        await session.flush()
        confirm, details = sorted(await _messages(session), key=lambda m: m.due_at)
        asked = await render(session, confirm, FR, NOW)
        assert asked is not None and asked.text.startswith("⏰ Rappel : « Réunion C2S », ")
        assert [[b.action for b in row] for row in asked.buttons] == [
            [f"come:{registration.id}"],
            [f"cancel:{registration.id}:ask"],
        ]
        practical = await render(session, details, FR, details.due_at)  # as it goes out, the day before
        assert practical is not None and practical.text.startswith("📍 C'est demain : « Réunion C2S »")
        assert "Venez à jeun" in practical.text  # a check-up says how to prepare
        await cancel(session, registration, NOW)  # a reminder already claimed says nothing once cancelled
        assert await render(session, confirm, FR, NOW) is None
        assert await render(session, details, FR, NOW + timedelta(days=6)) is None


async def test_a_cancelled_meeting_is_announced_but_a_move_is_dropped(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = await a_person(session, 3)
        meeting = await a_meeting(session)
        booking = await register(session, meeting.id, person.id, NOW)
        assert booking.registration is not None
        await announce_change(session, booking.registration, "meeting_moved", NOW, meeting.starts_at)
        await cancel_meeting(session, meeting, NOW)
        await announce_change(session, booking.registration, "meeting_cancelled", NOW, meeting.starts_at)
        moved, cancelled = sorted(await _messages(session), key=lambda m: m.kind, reverse=True)
        assert await render(session, moved, FR, NOW) is None
        told = await render(session, cancelled, FR, NOW)
        assert told is not None and told.text.startswith("❌ « Réunion C2S », prévue ")


async def _messages(session: AsyncSession) -> list[OutboxMessage]:
    return list((await session.execute(select(OutboxMessage))).scalars())
