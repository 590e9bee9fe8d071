"""Around a send: who gets what (or it is cancelled), then sent, retried, failed or uncertain; invitations follow."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.outbox.delivery import MAX_ATTEMPTS, SENT, Outcome, prepare, settle
from storage.db import Database
from storage.models import OutboxMessage, SurveyInvitation
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
