"""Telling staff about cases in Telegram, and passing messages to the person, through the outbox."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.cases.kinds import HANDLED_BY, REMINDED
from faire_lien.core.quiet import QuietHours
from storage.cases import Recipient, last_staff_line, recipient, recipients
from storage.facilitators import following_person
from storage.models import Case, CaseMessage
from storage.outbox import reached, schedule, send_held_now

Event = Literal[
    "new",
    "reminder",
    "withdrawn",
    "released",
    "late",
    "late_escalated",
    "reply_late",
    "reply_late_escalated",
    "delivered",
    "wrote",
    "closed_for",
]
"""What a staff notice says: a new case, a reminder that nobody took it, the person withdrew it, its holder
lost their role and it is back in the queue, its holder has not answered by the due time (to the holder, then
to the other coordinators), the person wrote back and has had no answer in the promised time (to the holder,
then to the other coordinators), the message the case was opened for reached the person after all and the bot closed
it (to the holder), the person wrote in a case nobody took yet (to those told of the new case, once), a coordinator
closed a case a colleague held (to that holder)."""
HOLDER_EVENTS: frozenset[Event] = frozenset({"withdrawn", "late", "reply_late", "delivered", "closed_for"})
ESCALATED: frozenset[Event] = frozenset({"late_escalated", "reply_late_escalated"})

LIVE = timedelta(hours=1)
"""A reply to a person who wrote less than this long ago goes out even in quiet hours."""


async def tell_staff(
    session: AsyncSession,
    case: Case,
    event: Event,
    now: datetime,
    *,
    key: str = "",
    message: int | None = None,
    by: int | None = None,
) -> int:
    """A short notice (no health details) to each staff member concerned; how many were queued.

    New case, and the person wrote in it before anyone took it: every active staff member whose role handles its
    kind (a request to meet the facilitator: the
    facilitators of the person's sessions, when known, and the coordinators). Reminder, released: the coordinators.
    Withdrawn, late, delivered after all: the holder only. Late, escalated: the coordinators other than the holder.
    `key` tells apart notices of the same event that may happen again (a case released by one holder, then by
    another; a case late with one holder, then with the next). `message`: the person's message a late reply is
    about. `by`: the staff member (their staff number) who closed a colleague's case.
    """
    if event in HOLDER_EVENTS:
        one = await recipient(session, case.holder_id) if case.holder_id is not None else None
        targets = [one] if one is not None else []
    elif event in ESCALATED:
        targets = [r for r in await recipients(session, REMINDED) if r.member.id != case.holder_id]
    elif event == "new" and case.kind == "facilitator":
        targets = await _facilitators_of_person(session, case)
    else:
        targets = await recipients(session, REMINDED if event in ("reminder", "released") else HANDLED_BY[case.kind])
    payload: dict[str, object] = {"case": case.id, "event": event}
    if event in ("late", "reply_late") or event in ESCALATED:
        payload["holder"] = case.holder  # the notice is dropped if the case changed hands before it goes out
    if message is not None:
        payload["message"] = message
    if by is not None:
        payload["by"] = by
    for target in targets:
        await schedule(
            session,
            target.person_id,
            kind="case_notice",
            due_at=now,
            payload={**payload, "staff": target.member.id},
            key=f"case:{case.id}:{event}:{key + ':' if key else ''}{target.member.id}",
            now=now,
        )
    return len(targets)


async def _facilitators_of_person(session: AsyncSession, case: Case) -> list[Recipient]:
    """Who hears of a request to meet the facilitator: the facilitators of the sessions the person is registered
    in (or was present at) and the coordinators; every facilitator and coordinator when no session names one."""
    everyone = await recipients(session, HANDLED_BY[case.kind])
    followers = await following_person(session, case.person_id, HANDLED_BY[case.kind])
    if not followers:
        return everyone
    return [r for r in everyone if r.member.id in followers or r.member.role in REMINDED]


async def tell_holder(session: AsyncSession, case: Case, line: CaseMessage, now: datetime) -> bool:
    """The person's message relayed to the staff member holding the case; False when they have no chat.

    Quiet hours hold it unless that staff member wrote in the case less than an hour ago.
    """
    target = await recipient(session, case.holder_id) if case.holder_id is not None else None
    if target is None:
        return False
    wrote = await last_staff_line(session, case.id)
    await schedule(
        session,
        target.person_id,
        kind="case_reply",
        due_at=now,
        payload={"case": case.id, "message": line.id, "urgent": wrote is not None and now - wrote < LIVE},
        key=f"case:{case.id}:reply:{line.id}",
        now=now,
    )
    return True


def live(case: Case, now: datetime) -> bool:
    """Whether the person wrote in this case less than an hour ago (then quiet hours do not hold a reply)."""
    return case.person_wrote_at is not None and now - case.person_wrote_at < LIVE


def held_until(case: Case, now: datetime, quiet: QuietHours) -> datetime | None:
    """When a staff message written now reaches the person: None for at once, else when quiet hours end (sooner if
    the person writes meanwhile: `send_held`)."""
    if live(case, now) or not quiet.is_quiet(now):
        return None
    return quiet.next_open(now)


def _messages(case: Case) -> str:
    """The start of the outbox key of every staff message of this case."""
    return f"case:{case.id}:message:"


async def tell_person(session: AsyncSession, case: Case, line: CaseMessage, now: datetime) -> None:
    """A staff member's message to the person, from the bot, in their chat."""
    await schedule(
        session,
        case.person_id,
        kind="case_message",
        due_at=now,
        payload={"case": case.id, "message": line.id, "urgent": live(case, now)},
        key=f"{_messages(case)}{line.id}",
        now=now,
    )


async def send_held(session: AsyncSession, case: Case) -> int:
    """The person wrote: the staff messages of this case that quiet hours held go now, oldest first, before any
    written later; how many."""
    return await send_held_now(session, case.person_id, _messages(case))


async def reached_person(session: AsyncSession, case: Case) -> bool:
    """Whether a staff message of this case went out to the person (not one still held by quiet hours)."""
    return await reached(session, case.person_id, _messages(case))


async def tell_erased(session: AsyncSession, case: Case, now: datetime) -> bool:
    """The holder of an open request told it was withdrawn because the person erased their data: its number, nothing
    else; False when nobody holds it or the holder has no chat.

    Queued before the erasure, under a key the erasure keeps (it deletes every `case:N:` row), and worded from the
    payload alone: the case is gone when it goes out.
    """
    target = await recipient(session, case.holder_id) if case.holder_id is not None else None
    if target is None or case.status == "closed":
        return False
    await schedule(
        session,
        target.person_id,
        kind="case_notice",
        due_at=now,
        payload={"case": case.id, "event": "erased", "staff": target.member.id},
        key=f"erased:{case.id}:{target.member.id}",
        now=now,
    )
    return True


async def tell_closed(session: AsyncSession, case: Case, now: datetime) -> None:
    """The person told their request is closed, with their usual menu back."""
    await schedule(
        session,
        case.person_id,
        kind="case_closed",
        due_at=now,
        payload={"case": case.id, "urgent": live(case, now)},
        key=f"case:{case.id}:closed",
        now=now,
    )
