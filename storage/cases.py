"""Repository functions for cases (what needs a human) and their conversations."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Answer, Case, CaseMessage, OutboxMessage, Person, Response, StaffMember
from storage.people import case_opened
from storage.statuses import CaseAuthor, CaseKind, CaseOutcome, CaseStatus, StaffRole

OPEN: tuple[CaseStatus, ...] = ("new", "claimed", "waiting")


def add_case(
    session: AsyncSession,
    person: Person,
    kind: CaseKind,
    now: datetime,
    due_at: datetime,
    remind_at: datetime | None,
    *,
    response_id: int | None = None,
    origin_response_id: int | None = None,
    context: dict[str, Any] | None = None,
) -> Case:
    """A new case, nobody holding it yet."""
    case = Case(
        person_id=person.id,
        kind=kind,
        language=person.language,
        status="new",
        response_id=response_id,
        origin_response_id=origin_response_id,
        context=context or {},
        created_at=now,
        due_at=due_at,
        remind_at=remind_at,
    )
    session.add(case)
    case_opened(session, person.id)
    return case


CARDS = "cards"
"""The `context` key of the result cards whose answers the person added to an open request (its 📞 pressed again)."""


def cards_added(case: Case) -> list[tuple[int, datetime]]:
    """The cards added to a request after it was made, as (their check, when), oldest first."""
    found = case.context.get(CARDS) if isinstance(case.context, dict) else None
    if not isinstance(found, list):
        return []
    return [
        (int(card["response"]), datetime.fromisoformat(str(card["at"])))
        for card in found
        if isinstance(card, dict) and isinstance(card.get("response"), int) and card.get("at")
    ]


def add_card(case: Case, response_id: int, now: datetime) -> bool:
    """Add a card's check to an open request (kept in its `context`: no new column); False when it is already
    there, as the card the request was made from or added before."""
    if case.origin_response_id == response_id or any(found == response_id for found, _ in cards_added(case)):
        return False
    added = [{"response": found, "at": at.isoformat()} for found, at in cards_added(case)]
    case.context = {**case.context, CARDS: [*added, {"response": response_id, "at": now.isoformat()}]}
    return True


async def own_response(session: AsyncSession, person_id: int, response_id: int) -> Response | None:
    """A finished flow of this person (None once erased or made anonymous by retention)."""
    found = await session.get(Response, response_id)
    return found if found is not None and found.person_id == person_id else None


async def get_case(session: AsyncSession, case_id: int) -> Case | None:
    """One case by number."""
    return await session.get(Case, case_id)


async def claim(session: AsyncSession, case_id: int, staff_id: int | None, label: str, now: datetime) -> bool:
    """Take a new case: one conditional UPDATE, so of two staff pressing at once exactly one gets it."""
    query = (
        update(Case)
        .where(Case.id == case_id, Case.status == "new")
        .values(
            status="claimed",
            holder_id=staff_id,
            holder=label,
            claimed_at=now,
            late_reminded_at=None,
            late_escalated_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    taken: bool = (await session.execute(query)).rowcount == 1  # type: ignore[attr-defined]
    if taken:
        found = await session.get(Case, case_id)
        if found is not None:
            await session.refresh(found)
    return taken


async def add_message(
    session: AsyncSession,
    case: Case,
    author: CaseAuthor,
    text: str,
    now: datetime,
    staff_id: int | None = None,
    staff: str | None = None,
) -> CaseMessage:
    """One line of the case's conversation (flushed, so it has its number)."""
    line = CaseMessage(case_id=case.id, author=author, staff_id=staff_id, staff=staff, text=text, at=now)
    session.add(line)
    await session.flush()
    return line


async def get_message(session: AsyncSession, message_id: int) -> CaseMessage | None:
    """One line of a conversation by number."""
    return await session.get(CaseMessage, message_id)


async def conversation(session: AsyncSession, case_id: int) -> list[CaseMessage]:
    """The case's conversation, oldest first."""
    query = select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(CaseMessage.at, CaseMessage.id)
    return list((await session.execute(query)).scalars())


async def last_staff_line(session: AsyncSession, case_id: int) -> datetime | None:
    """When staff last wrote in this case (None: never)."""
    query = select(func.max(CaseMessage.at)).where(CaseMessage.case_id == case_id, CaseMessage.author == "staff")
    found: datetime | None = (await session.execute(query)).scalar_one_or_none()
    return None if found is None else found.replace(tzinfo=found.tzinfo or UTC)


async def close(session: AsyncSession, case: Case, outcome: CaseOutcome, now: datetime) -> None:
    """Close a case; a staff member writing in it goes back to their menus.

    The person talking in it stays pointed at it until they type or press something, so that their next
    message is answered "this conversation is closed" rather than taken for a questionnaire answer;
    a person who cancelled it themselves goes back at once.
    """
    case.status, case.outcome, case.closed_at = "closed", outcome, now
    who = Person.in_case == case.id
    await session.execute(
        update(Person)
        .where(who if outcome == "withdrawn" else and_(who, Person.id != case.person_id))
        .values(in_case=None)
        .execution_options(synchronize_session="fetch")
    )


async def open_case_for_response(session: AsyncSession, response_id: int) -> Case | None:
    """The open case a finished request flow made, or the open one following this check."""
    query = select(Case).where(
        or_(Case.response_id == response_id, Case.origin_response_id == response_id), Case.status.in_(OPEN)
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


async def open_of_kind(session: AsyncSession, person_id: int, kind: CaseKind) -> list[Case]:
    """A person's open cases of one kind, oldest first."""
    query = select(Case).where(Case.person_id == person_id, Case.kind == kind, Case.status.in_(OPEN))
    return list((await session.execute(query.order_by(Case.id))).scalars())


async def of_person(session: AsyncSession, person_id: int, *, closed_since: datetime | None = None) -> list[Case]:
    """A person's open cases, and those closed since a date, newest first."""
    shown: ColumnElement[bool] = Case.status.in_(OPEN)
    if closed_since is not None:
        shown = or_(shown, Case.closed_at >= closed_since)
    query = select(Case).where(Case.person_id == person_id, shown).order_by(Case.created_at.desc(), Case.id.desc())
    return list((await session.execute(query)).scalars())


@dataclass(frozen=True)
class Listing:
    """Which cases an inbox shows: open or closed, held by someone, of some kinds, in a language."""

    kinds: Collection[CaseKind]
    closed: bool = False
    holder_id: int | None = None
    holder: str | None = None
    """Held by this actor label (the server's operator has no staff row, hence no holder_id)."""
    language: str | None = None
    limit: int = 50
    offset: int = 0


async def listing(session: AsyncSession, which: Listing) -> tuple[list[Case], int]:
    """One page of cases (open ones oldest first, closed ones newest first) and how many there are in all."""
    where = [Case.kind.in_(tuple(which.kinds)), Case.status == "closed" if which.closed else Case.status.in_(OPEN)]
    if which.holder_id is not None:
        where.append(Case.holder_id == which.holder_id)
    if which.holder is not None:
        where.append(Case.holder == which.holder)
    if which.language is not None:
        where.append(Case.language == which.language)
    order = (Case.closed_at.desc(), Case.id.desc()) if which.closed else (Case.created_at, Case.id)
    total = (await session.execute(select(func.count()).select_from(Case).where(*where))).scalar_one()
    rows = await session.execute(select(Case).where(*where).order_by(*order).limit(which.limit).offset(which.offset))
    return list(rows.scalars()), int(total)


async def count_new(session: AsyncSession, kinds: Collection[CaseKind]) -> int:
    """How many cases of these kinds nobody has taken yet."""
    if not kinds:
        return 0
    query = select(func.count()).select_from(Case).where(Case.status == "new", Case.kind.in_(tuple(kinds)))
    return int((await session.execute(query)).scalar_one())


async def answered(session: AsyncSession, case_ids: Collection[int]) -> set[int]:
    """Which of these cases a staff member has already written in (the promised answer was given)."""
    if not case_ids:
        return set()
    query = select(CaseMessage.case_id).where(CaseMessage.case_id.in_(tuple(case_ids)), CaseMessage.author == "staff")
    return {int(case_id) for (case_id,) in (await session.execute(query.distinct())).all()}


async def unclaimed_due_reminder(session: AsyncSession, now: datetime) -> list[Case]:
    """New cases nobody took whose reminder time has come and that were not reminded yet."""
    query = select(Case).where(
        Case.status == "new", Case.remind_at.is_not(None), Case.remind_at <= now, Case.reminded_at.is_(None)
    )
    return list((await session.execute(query.order_by(Case.remind_at, Case.id))).scalars())


async def held_by_someone_gone(
    session: AsyncSession, handled_by: Mapping[CaseKind, Collection[StaffRole]]
) -> list[Case]:
    """Open cases whose holder's role was revoked, or changed to one that no longer handles their kind."""
    lost_role = or_(*(and_(Case.kind == kind, StaffMember.role.not_in(tuple(r))) for kind, r in handled_by.items()))
    query = (
        select(Case)
        .join(StaffMember, StaffMember.id == Case.holder_id)
        .where(Case.status.in_(OPEN), or_(StaffMember.revoked_at.is_not(None), lost_role))
    )
    return list((await session.execute(query.order_by(Case.id))).scalars())


async def taken_unanswered(session: AsyncSession, now: datetime, *, reminded: bool) -> list[Case]:
    """Cases someone took, past their due time, with no staff message yet: not yet reminded, or reminded but
    not yet brought to the coordinators (`reminded`)."""
    staff_wrote = select(CaseMessage.id).where(CaseMessage.case_id == Case.id, CaseMessage.author == "staff")
    step = (
        and_(Case.late_reminded_at.is_not(None), Case.late_escalated_at.is_(None))
        if reminded
        else Case.late_reminded_at.is_(None)
    )
    query = select(Case).where(Case.status == "claimed", Case.due_at <= now, step, ~staff_wrote.exists())
    query = query.order_by(Case.due_at, Case.id).with_for_update(skip_locked=True)  # two workers: one reminds
    return list((await session.execute(query)).scalars())


async def reply_unanswered(session: AsyncSession, *, reminded: bool) -> list[tuple[Case, CaseMessage]]:
    """Taken cases staff have written in whose person wrote since, with the person's first message staff have
    not answered: not yet reminded, or reminded but not yet brought to the coordinators (`reminded`)."""
    staff_line, person_line = aliased(CaseMessage), aliased(CaseMessage)
    staff_at = (
        select(func.max(staff_line.at))
        .where(staff_line.case_id == Case.id, staff_line.author == "staff")
        .correlate(Case)
        .scalar_subquery()
    )
    first = (
        select(func.min(person_line.id))
        .where(person_line.case_id == Case.id, person_line.author == "person", person_line.at > staff_at)
        .correlate(Case)
        .scalar_subquery()
    )
    step = (
        and_(Case.late_reminded_at.is_not(None), Case.late_escalated_at.is_(None))
        if reminded
        else Case.late_reminded_at.is_(None)
    )
    query = (
        select(Case, first.label("first"))
        .where(Case.status == "claimed", Case.holder.is_not(None), staff_at.is_not(None), step)
        .order_by(Case.id)
        .with_for_update(of=Case, skip_locked=True)  # two workers: one reminds
    )
    found = [(case, int(line_id)) for case, line_id in (await session.execute(query)).all() if line_id is not None]
    return [(case, line) for case, line_id in found if (line := await session.get(CaseMessage, line_id)) is not None]


def forget_late(case: Case) -> None:
    """The case was answered or changed hands: the late reminders start again for whoever holds it next."""
    case.late_reminded_at, case.late_escalated_at = None, None


def release(case: Case, remind_at: datetime) -> None:
    """Back to the cases nobody holds (claimed or waiting alike: the new holder reads the conversation); the
    coordinators are reminded again at `remind_at` if nobody takes it by then."""
    case.status, case.holder, case.holder_id, case.claimed_at = "new", None, None, None
    case.remind_at, case.reminded_at = remind_at, None
    forget_late(case)


@dataclass(frozen=True)
class Recipient:
    """A staff member who can be told about a case in Telegram: their row, their chat's person, their language."""

    member: StaffMember
    person_id: int
    language: str


async def recipients(session: AsyncSession, roles: Collection[StaffRole]) -> list[Recipient]:
    """Active staff members with these roles who talk to the bot (a consented chat)."""
    query = (
        select(StaffMember, Person.id, Person.language)
        .join(Person, Person.telegram_id == StaffMember.telegram_id)
        .where(StaffMember.revoked_at.is_(None), StaffMember.role.in_(tuple(roles)), Person.consent == "accepted")
        .order_by(StaffMember.id)
    )
    return [Recipient(m, pid, language) for m, pid, language in (await session.execute(query)).all()]


async def recipient(session: AsyncSession, staff_id: int) -> Recipient | None:
    """One active staff member's chat, if they talk to the bot."""
    query = (
        select(StaffMember, Person.id, Person.language)
        .join(Person, Person.telegram_id == StaffMember.telegram_id)
        .where(StaffMember.id == staff_id, StaffMember.revoked_at.is_(None), Person.consent == "accepted")
    )
    row = (await session.execute(query)).first()
    return None if row is None else Recipient(row[0], row[1], row[2])


async def staff_member(session: AsyncSession, staff_id: int | None) -> StaffMember | None:
    """A staff member by row number (None for none)."""
    return None if staff_id is None else await session.get(StaffMember, staff_id)


async def request_answers(session: AsyncSession, response_id: int | None) -> Response | None:
    """The finished flow a case refers to."""
    return None if response_id is None else await session.get(Response, response_id)


async def erase_for_person(session: AsyncSession, person_id: int) -> None:
    """Everything about a person's cases: the staff notifications about them, the conversations, the cases."""
    ids = select(Case.id).where(Case.person_id == person_id)
    for (case_id,) in (await session.execute(ids)).all():
        await session.execute(delete(OutboxMessage).where(OutboxMessage.idempotency_key.like(f"case:{case_id}:%")))
    await session.execute(delete(CaseMessage).where(CaseMessage.case_id.in_(ids)))
    await session.execute(delete(Case).where(Case.person_id == person_id))


async def purge_cases(session: AsyncSession, cutoff: datetime) -> int:
    """Delete the cases opened before the cutoff with their conversations (retention); how many cases."""
    old = select(Case.id).where(Case.created_at < cutoff)
    await session.execute(delete(CaseMessage).where(CaseMessage.case_id.in_(old)))
    result = await session.execute(delete(Case).where(Case.created_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def leave_case(session: AsyncSession, person_id: int, case_id: int) -> None:
    """Typed messages back to the bot, unless the person is already talking in another case."""
    query = update(Person).where(Person.id == person_id, Person.in_case == case_id).values(in_case=None)
    await session.execute(query.execution_options(synchronize_session="fetch"))


async def set_in_case(session: AsyncSession, person_id: int, case_id: int | None) -> None:
    """Send this person's typed messages to a case's conversation (None: back to their questionnaires)."""
    await session.execute(
        update(Person)
        .where(Person.id == person_id)
        .values(in_case=case_id)
        .execution_options(synchronize_session="fetch")
    )


async def answers_of(session: AsyncSession, response_id: int) -> dict[str, Any]:
    """The answers of a finished flow, by step id."""
    rows = await session.execute(select(Answer.step_id, Answer.value).where(Answer.response_id == response_id))
    return {row.step_id: row.value for row in rows}
