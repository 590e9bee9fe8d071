"""What the outbox tells cases: a staff message reached the person; a message to a person could not be delivered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.cases.notify import tell_staff
from faire_lien.cases.policy import CasePolicy
from faire_lien.cases.service import open_case
from storage.audit import record
from storage.cases import close, get_case, leave_case, open_of_kind, set_in_case
from storage.models import OutboxMessage
from storage.people import get_person
from storage.statuses import OutboxKind

STAFF_KINDS: frozenset[OutboxKind] = frozenset({"case_notice", "case_reply"})
"""Messages to staff: one that cannot be delivered opens no case (staff see the case in the console anyway)."""
DELIVERED_LATER = "outbox"
"""The journal's actor when a message reaches the person after all and closes its undelivered-message case."""


async def entered_conversation(session: AsyncSession, message: OutboxMessage) -> None:
    """The person received a staff message: what they type next goes to that staff member."""
    case = await get_case(session, int(message.payload.get("case", 0)))
    if case is not None and case.status != "closed":
        await set_in_case(session, case.person_id, case.id)


async def left_conversation(session: AsyncSession, message: OutboxMessage) -> None:
    """A staff message that could not reach the person: what they type goes to the bot again."""
    case = await get_case(session, int(message.payload.get("case", 0)))
    if case is not None:
        await leave_case(session, case.person_id, case.id)


async def read_in_telegram(session: AsyncSession, message: OutboxMessage, now: datetime) -> None:
    """The person's words reached the holder's Telegram chat: a read of the case, audited like one in the console."""
    case = await get_case(session, int(message.payload.get("case", 0)))
    if case is None or case.holder is None:
        return
    detail = {"case": case.id, "via": "telegram"}
    record(session, actor=case.holder, action="read_case", at=now, person_id=case.person_id, detail=detail)


async def undelivered(session: AsyncSession, message: OutboxMessage, now: datetime, policy: CasePolicy) -> None:
    """A message the bot gave up sending to a person becomes a case for the coordinators (they may phone), due in
    the configured answer time."""
    person = await get_person(session, message.person_id)
    if person is None:
        return
    context = {"message": message.id, "kind": message.kind}
    await open_case(session, person, "undelivered", now, policy, context=context)


async def delivered_after_all(session: AsyncSession, message: OutboxMessage, now: datetime) -> None:
    """A message given up earlier (the bot blocked) reached the person after all, sent again after they unblocked it
    or by staff: the undelivered-message case opened for it is closed, « plus besoin » (audited), and the staff member
    who had taken it is told in Telegram, so that nobody phones the person for nothing."""
    if message.kind in STAFF_KINDS:
        return
    for case in await open_of_kind(session, message.person_id, "undelivered"):
        if (case.context or {}).get("message") != message.id:
            continue
        await close(session, case, "not_needed", now)
        detail = {"case": case.id, "outcome": "not_needed", "message": message.id}
        record(session, actor=DELIVERED_LATER, action="close_case", at=now, person_id=case.person_id, detail=detail)
        if case.holder_id is not None:
            await tell_staff(session, case, "delivered", now)
