"""A session's poll counts: « en attente » only what the send queue still holds, « envoyés » only what it delivered,
« incertains » what may have arrived."""

from __future__ import annotations

from sqlalchemy import select

from storage.db import Database
from storage.models import OutboxMessage, SurveyInvitation
from storage.surveys import Progress, invite, progress
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person

HOT = "hot_evaluation"


async def four_invitations(db: Database) -> int:
    """One invitation queued, one delivered, one whose delivery is uncertain, one to someone with no chat."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session)
        for telegram_id in (74_001, 74_002, 74_003, None):
            person = await a_person(session, telegram_id)
            await invite(session, person.id, HOT, meeting.id, NOW, NOW)
        messages = list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())
        assert [m.status for m in messages] == ["pending", "pending", "pending", "cancelled"]
        return meeting.id


async def delivered_and_uncertain(db: Database) -> None:
    """The second invitation delivered, the third's delivery uncertain, as the outbox records them."""
    async with db.unit_of_work() as session:
        messages = list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())
        messages[1].status, messages[1].sent_at = "sent", NOW
        messages[2].status = "uncertain"  # the invitation stays « invited » (faire_lien/outbox/delivery.py)
        invitation = await session.get(SurveyInvitation, messages[1].payload["invitation"])
        assert invitation is not None
        invitation.status = "sent"


async def counted(db: Database) -> None:
    meeting_id = await four_invitations(db)
    async with db.unit_of_work() as session:
        assert await progress(session, meeting_id, HOT) == Progress(4, 0, 1, 0, 3)
    await delivered_and_uncertain(db)
    async with db.unit_of_work() as session:
        # The uncertain one may have arrived: neither counted sent nor said to wait in the queue, but counted apart.
        assert await progress(session, meeting_id, HOT) == Progress(4, 1, 1, 0, 1, 1)


async def test_queued_and_delivered_apart_sqlite(db: Database) -> None:
    await counted(db)


async def test_queued_and_delivered_apart_postgresql(pg_db: Database) -> None:
    await counted(pg_db)
