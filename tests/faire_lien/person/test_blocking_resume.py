"""After unblocking the bot: what the person missed and is still to come reaches them once, nothing about the past."""

from __future__ import annotations

from datetime import datetime, timedelta

from faire_lien.outbox.delivery import SENT, Outcome, prepare, settle
from faire_lien.person.blocking import bot_blocked, bot_unblocked
from faire_lien.sessions.reminders import schedule_reminders
from faire_lien.sessions.service import cancel_session, move_session
from storage.db import Database
from storage.meetings import register
from storage.outbox import claim_due, schedule
from tests.conftest import NOW
from tests.support.records import OPERATOR, a_meeting, a_person

CHAT = 61


async def delivered(db: Database, at: datetime, refused: bool = False) -> list[str]:
    """What the sender sends at `at`, as the outbox sender does it (claim, prepare, settle), minus Telegram."""
    async with db.unit_of_work() as session:
        claimed = [m.id for m in await claim_due(session, at, limit=100)]
    texts: list[str] = []
    for message_id in claimed:
        async with db.unit_of_work() as session:
            ready = await prepare(session, message_id, at)
            if ready is None:
                continue
            outcome = Outcome("failed", None, "the person blocked the bot", blocked=True) if refused else SENT
            await settle(session, message_id, outcome, at)
            if not refused:
                texts.append(ready.reply.text.split("\n")[0])
    return texts


async def booked(db: Database, person_id: int, starts: timedelta, title: str) -> int:
    """A registration for a session `starts` after NOW, its reminders queued; the session's number."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + starts, title={"fr": title}, place="CPAM")
        booking = await register(session, meeting.id, person_id, NOW)
        assert booking.registration is not None
        await schedule_reminders(session, booking.registration, meeting, NOW)
        return meeting.id


async def test_changes_and_reminders_missed_while_blocked_come_once_and_only_the_latest(db: Database) -> None:
    """While the bot is blocked a session is moved closer twice (its reminders follow it), another is cancelled and a
    third, cancelled too, would have been held by the time the person unblocks: once unblocked, they get the move,
    the new date's reminders (not the old date's), the cancellation still ahead, and nothing twice."""
    async with db.unit_of_work() as session:
        person_id = (await a_person(session, CHAT)).id
    moved = await booked(db, person_id, timedelta(days=5), "Réunion C2S")
    called_off = await booked(db, person_id, timedelta(days=6), "Atelier")
    past = await booked(db, person_id, timedelta(days=2), "Café santé")
    async with db.unit_of_work() as session:
        await bot_blocked(session, CHAT, NOW)
    hour = NOW + timedelta(hours=1)
    async with db.unit_of_work() as session:
        await move_session(session, moved, NOW + timedelta(days=4), NOW + timedelta(days=4, hours=2), OPERATOR, hour)
        await cancel_session(session, called_off, OPERATOR, hour)
        await cancel_session(session, past, OPERATOR, hour)
    assert await delivered(db, hour) == []
    again = hour + timedelta(hours=1)
    async with db.unit_of_work() as session:  # moved once more: one message says where it is now
        await move_session(session, moved, NOW + timedelta(days=3), NOW + timedelta(days=3, hours=2), OPERATOR, again)
    assert await delivered(db, again) == []
    later = NOW + timedelta(days=2, hours=3)
    assert await delivered(db, later) == []
    async with db.unit_of_work() as session:
        await bot_unblocked(session, CHAT, later)
    assert sorted(await delivered(db, later)) == [
        "⏰ Rappel : « Réunion C2S », mercredi 25 novembre 2026, 11:00–13:00, CPAM. Viendrez-vous ?",
        "❌ « Atelier », prévue samedi 28 novembre 2026, 11:00–13:00, est annulée. Vous pouvez regarder les autres "
        "dates, ou demander à parler à un travailleur social.",
        "📍 C'est demain : « Réunion C2S », mercredi 25 novembre 2026, 11:00–13:00.",
        "🔁 « Réunion C2S » change de date : mercredi 25 novembre 2026, 11:00–13:00, CPAM. Votre inscription est "
        "gardée.",
    ]
    async with db.unit_of_work() as session:
        await bot_unblocked(session, CHAT, later)
    assert await delivered(db, later + timedelta(minutes=1)) == []


async def test_a_reminder_refused_with_403_comes_again_after_unblocking(db: Database) -> None:
    """The first reminder after the person blocked the bot is refused (403, the block learnt that way); once they
    unblock it, it comes, once; a renewal whose date passed meanwhile does not."""
    async with db.unit_of_work() as session:
        person_id = (await a_person(session, CHAT)).id
        for key, end in (("ahead", "2027-01-31"), ("gone by", "2026-11-23")):
            payload = {"cover": "c2s", "end": end}
            await schedule(session, person_id, kind="renewal_reminder", due_at=NOW, payload=payload, key=key, now=NOW)
    assert await delivered(db, NOW, refused=True) == []
    back = NOW + timedelta(days=2)
    async with db.unit_of_work() as session:
        await bot_unblocked(session, CHAT, back)
    assert await delivered(db, back) == [
        "⏰ Rappel : vos droits à la C2S prennent fin le 31 janvier 2027. C'est le moment de demander leur "
        "renouvellement sur votre compte ameli ou à votre CPAM."
    ]
    async with db.unit_of_work() as session:
        await bot_unblocked(session, CHAT, back)
    assert await delivered(db, back) == []
