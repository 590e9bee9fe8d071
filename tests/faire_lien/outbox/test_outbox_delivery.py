"""Around a send: who gets what (or it is cancelled), then sent, retried, failed or uncertain; invitations follow."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.outbox.delivery import MAX_ATTEMPTS, SENT, Outcome, prepare, settle, shown_in_terminal
from faire_lien.sessions.reminders import announce_offer
from storage.db import Database
from storage.meetings import OFFER_HOURS, cancel, register
from storage.models import OutboxMessage, Registration, SurveyInvitation
from storage.outbox import get_message, schedule
from storage.surveys import get_invitation, invite
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person

RENEWAL = {"cover": "c2s", "end": "2027-01-31"}


async def renewal(session: AsyncSession, person_id: int, key: str, payload: dict[str, str] = RENEWAL) -> int:
    message, _ = await schedule(
        session, person_id, kind="renewal_reminder", due_at=NOW, payload=payload, key=key, now=NOW
    )
    return message.id


async def message(db: Database, message_id: int) -> OutboxMessage:
    async with db.unit_of_work() as session:
        found = await get_message(session, message_id)
        assert found is not None
        return found


async def registration(session: AsyncSession, registration_id: int) -> Registration:
    found = await session.get(Registration, registration_id)
    assert found is not None
    return found


async def test_prepare_renders_or_cancels(db: Database) -> None:
    async with db.unit_of_work() as session:
        reachable = (await a_person(session, 41, "en")).id
        no_chat = (await a_person(session, None)).id
        refused = (await a_person(session, 42, consent="refused")).id
        ids = [
            await renewal(session, reachable, "ok"),
            await renewal(session, no_chat, "no chat"),
            await renewal(session, refused, "refused"),
            await renewal(session, reachable, "moot", {"cover": "unknown"}),
        ]
    async with db.unit_of_work() as session:
        ready = await prepare(session, ids[0], NOW)
        assert ready is not None and ready.chat_id == 41
        assert ready.reply.text.startswith("⏰ Reminder: your C2S rights end on January 31, 2027.")
        for message_id in ids[1:]:
            assert await prepare(session, message_id, NOW) is None
    reasons = [((m := await message(db, i)).status, m.last_error) for i in ids]
    assert reasons == [
        ("pending", None),
        ("cancelled", "no Telegram chat or no consent"),
        ("cancelled", "no Telegram chat or no consent"),
        ("cancelled", "no longer applies"),
    ]


async def test_settle_sent_retry_failed_and_uncertain(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = (await a_person(session, 43)).id
        sent, later, worn, blocked, unknown = [await renewal(session, person, key) for key in ("s", "l", "w", "b", "u")]
        worn_out = await get_message(session, worn)
        assert worn_out is not None
        worn_out.attempts = MAX_ATTEMPTS
    at = NOW + timedelta(seconds=30)
    async with db.unit_of_work() as session:
        assert await settle(session, sent, SENT, NOW) == "sent"
        assert await settle(session, later, Outcome("retry", at, "rate limited"), NOW) == "pending"
        assert await settle(session, worn, Outcome("retry", at, "TimedOut"), NOW) == "failed"
        assert await settle(session, blocked, Outcome("failed", None, "the person blocked the bot"), NOW) == "failed"
        assert await settle(session, unknown, Outcome("uncertain", None, "no answer"), NOW) == "uncertain"
    assert ((m := await message(db, unknown)).status, m.last_error, m.due_at) == ("uncertain", "no answer", NOW)
    done = await message(db, sent)
    assert (done.status, done.sent_at) == ("sent", NOW)
    again = await message(db, later)
    assert (again.status, again.due_at, again.last_error) == ("pending", at, "rate limited")
    assert ((m := await message(db, worn)).status, m.last_error) == ("failed", "TimedOut")
    assert ((m := await message(db, blocked)).status, m.last_error) == ("failed", "the person blocked the bot")


async def test_survey_invitations_follow_their_message(db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting = (await a_meeting(session, NOW - timedelta(days=1))).id
        invitations: list[SurveyInvitation] = []
        for telegram_id in (44, 45, 46, 47):
            person = (await a_person(session, telegram_id)).id
            invitation = await invite(session, person, "hot_evaluation", meeting, NOW, NOW)
            assert invitation is not None
            invitations.append(invitation)
        invitations[2].status = "answered"
        keys = [f"survey:{i.id}" for i in invitations]
    async with db.unit_of_work() as session:
        by_key = {m.idempotency_key: m.id for m in (await session.execute(select(OutboxMessage))).scalars()}
        await settle(session, by_key[keys[0]], SENT, NOW)
        await settle(session, by_key[keys[1]], Outcome("failed", None, "the person blocked the bot"), NOW)
        await settle(session, by_key[keys[2]], SENT, NOW)
        await settle(session, by_key[keys[3]], Outcome("uncertain", None, "no answer"), NOW)
    async with db.unit_of_work() as session:
        statuses = [(await get_invitation(session, i.id)) for i in invitations]
    assert [i.status for i in statuses if i] == ["sent", "unreachable", "answered", "invited"]  # uncertain: not told


async def offer_to_second(db: Database, second: int | None, **extra: str) -> tuple[int, int]:
    """A full meeting whose one seat is freed and offered to the second person: (registration, message)."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=1)
        people = [(await a_person(session, 48)).id, (await a_person(session, second, **extra)).id]
        bookings = [await register(session, meeting.id, p, NOW) for p in people]
        assert bookings[0].registration is not None
        offered = await cancel(session, bookings[0].registration, NOW)
        assert offered is not None
        await announce_offer(session, offered, meeting, NOW)
        return offered.id, (await session.execute(select(OutboxMessage))).scalar_one().id


async def test_a_seat_offers_deadline_starts_when_it_goes_out(db: Database) -> None:
    offered, offer = await offer_to_second(db, 49)
    morning = NOW + timedelta(hours=21)  # queued on Sunday at 11:00 in Paris, sent on Monday at 08:00
    async with db.unit_of_work() as session:
        ready = await prepare(session, offer, morning)
        assert ready is not None and "jusqu'au 24 novembre 2026 08:00" in ready.reply.text
        assert (await registration(session, offered)).offered_until == morning + timedelta(hours=OFFER_HOURS)


async def test_the_terminal_shows_what_is_due_even_at_night(db: Database) -> None:
    offered, _ = await offer_to_second(db, None, terminal_user="night")
    night = NOW + timedelta(hours=12)  # 23:00 in Paris
    async with db.unit_of_work() as session:
        person = (await registration(session, offered)).person_id
        (shown,) = await shown_in_terminal(session, person, night)
        assert "jusqu'au 23 novembre 2026 23:00" in shown.text  # 24 hours from when it was shown
        assert (await registration(session, offered)).offered_until == night + timedelta(hours=OFFER_HOURS)


async def test_nothing_goes_to_someone_who_blocked_the_bot(db: Database) -> None:
    """Falling due while the person has the bot blocked: a reminder is dropped, a survey invitation leaves them
    unreachable for the facilitator; neither is rendered for sending."""
    async with db.unit_of_work() as session:
        meeting = (await a_meeting(session, NOW - timedelta(days=1))).id
        person = await a_person(session, 49)
        person.blocked_at = NOW - timedelta(hours=1)
        invitation = await invite(session, person.id, "hot_evaluation", meeting, NOW, NOW)
        assert invitation is not None
        reminder = await renewal(session, person.id, "blocked")
    async with db.unit_of_work() as session:
        by_key = {m.idempotency_key: m.id for m in (await session.execute(select(OutboxMessage))).scalars()}
        assert await prepare(session, by_key[f"survey:{invitation.id}"], NOW) is None
        assert await prepare(session, reminder, NOW) is None
    assert ((await message(db, reminder)).status, (await message(db, reminder)).last_error) == (
        "cancelled",
        "the person blocked the bot; not sent",
    )
    async with db.unit_of_work() as session:
        found = await get_invitation(session, invitation.id)
        assert found is not None and found.status == "unreachable"
