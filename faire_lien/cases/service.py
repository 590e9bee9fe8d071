"""Cases from request to closing, the same for the bot, the console and the command line; every read audited."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.cases.kinds import CONVERSES, CONVERSES_WHEN, HANDLED_BY, ONE_OPEN, handles, kinds_for
from faire_lien.cases.limits import too_long
from faire_lien.cases.notify import send_held, tell_closed, tell_erased, tell_holder, tell_person, tell_staff
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.roles import Staff
from faire_lien.staff.names import colleague
from storage import cases as store
from storage.audit import record
from storage.models import Case, CaseMessage, Person, StaffMember
from storage.outbox import has_chat
from storage.statuses import CASE_KINDS, AuditAction, CaseKind, CaseOutcome

log = logging.getLogger(__name__)


async def already_open(session: AsyncSession, person_id: int, kind: CaseKind) -> Case | None:
    """The open request of this kind the person already has (`ONE_OPEN`): a second one would be refused."""
    if kind not in ONE_OPEN:
        return None
    found = await store.open_of_kind(session, person_id, kind)
    return found[0] if found else None


async def open_case(
    session: AsyncSession,
    person: Person,
    kind: CaseKind,
    now: datetime,
    policy: CasePolicy,
    *,
    response_id: int | None = None,
    origin_response_id: int | None = None,
    context: dict[str, Any] | None = None,
) -> Case:
    """A new case for staff, with the promised answer time, and a notice to every staff member concerned; for a
    request of a kind the person already has open (`already_open`, which the doors ask first to say so), that one:
    nothing opened, nobody told."""
    existing = await already_open(session, person.id, kind)
    if existing is not None:
        return existing
    case = store.add_case(
        session,
        person,
        kind,
        now,
        policy.due(now),
        policy.remind(now),
        response_id=response_id,
        origin_response_id=origin_response_id,
        context=context,
    )
    await session.flush()
    if await tell_staff(session, case, "new", now) == 0:
        log.warning(
            "case %s (%s) opened but nobody was told: no active staff member of its roles uses the bot",
            case.id,
            kind,
        )
    return case


async def add_card(session: AsyncSession, case: Case, response_id: int, now: datetime) -> bool:
    """A result card's 📞 pressed while this request is open: the card's answers join the request, for whoever reads
    it (`read`); False when they were already there (the same card pressed twice). Nobody is told: the notice of
    the new request went out when it was made, and its reader finds the answers on it."""
    if case.status == "closed" or await store.own_response(session, case.person_id, response_id) is None:
        return False
    return store.add_card(case, response_id, now)


async def converses(session: AsyncSession, case: Case) -> bool:
    """Whether this open request promised the person they could write here (asking a person; a call-back or the
    facilitator's meeting « Par message, ici »): what they type reaches it before staff wrote."""
    if case.status == "closed":
        return False
    if case.kind in CONVERSES:
        return True
    if case.kind not in CONVERSES_WHEN or case.response_id is None:
        return False
    step, value = CONVERSES_WHEN[case.kind]
    return (await store.answers_of(session, case.response_id)).get(step) == value


async def nobody_told(session: AsyncSession, kind: CaseKind) -> bool:
    """Whether no active staff member whose role handles this kind talks to the bot (then nobody hears of it)."""
    return not await store.recipients(session, HANDLED_BY[kind])


async def unattended_kinds(session: AsyncSession) -> list[CaseKind]:
    """The kinds of case nobody would be told about now (for the console's inbox)."""
    return [kind for kind in CASE_KINDS if await nobody_told(session, kind)]


TakeResult = Literal["taken", "yours", "held", "closed", "missing", "gone"]


@dataclass(frozen=True)
class Taken:
    """What pressing "Take it" did, and who holds the case now."""

    result: TakeResult
    case: Case | None
    holder: str | None = None
    """How the holder is named (display name, Telegram first name, or the operator's name)."""


async def take(session: AsyncSession, case_id: int, staff: Staff, now: datetime) -> Taken:
    """Take a new case; of two staff pressing at once one gets it and the other learns who did (audited). What the
    person wrote before is relayed to the new holder's chat, as their later messages will be."""
    case = await store.get_case(session, case_id)
    if case is None:  # erased with the person's data (/forget, retention)
        return Taken("gone", None)
    if not handles(staff.role, case.kind):
        return Taken("missing", None)
    if case.status == "closed":
        return Taken("closed", case, await holder_name(session, case))
    if case.status == "new" and await store.claim(session, case.id, staff.member_id, staff.label, now):
        record(
            session, actor=staff.label, action="take_case", at=now, person_id=case.person_id, detail={"case": case.id}
        )
        for line in await store.conversation(session, case.id):  # written before anyone took it
            if line.author == "person":
                await tell_holder(session, case, line, now)
        return Taken("taken", case, await holder_name(session, case))
    await session.refresh(case)
    if case.holder == staff.label:
        return Taken("yours", case, await holder_name(session, case))
    return Taken("held", case, await holder_name(session, case))


async def holder_name(session: AsyncSession, case: Case) -> str | None:
    """How the holder of a case is named: as colleagues know them (faire_lien/staff/names.py), else the operator's
    name."""
    if case.holder is None:
        return None
    return name_of(await store.staff_member(session, case.holder_id), case.holder)


def name_of(member: StaffMember | None, label: str) -> str:
    """A staff member's display name, else their Telegram first name, else "Telegram <number>"; without a staff row
    (the server's operator), the label the audit log uses."""
    if member is None:
        return label.split(":", 1)[-1]
    return colleague(member)


WriteResult = Literal["sent", "not_holder", "closed", "empty", "too_long", "no_chat"]


async def write(session: AsyncSession, case: Case, staff: Staff, text: str, now: datetime) -> WriteResult:
    """A staff member's message to the person: stored, queued to their chat, the case waiting for them (audited).

    A case nobody held is taken by whoever writes; one held by someone else is refused.
    """
    text = text.strip()
    if case.status == "closed":
        return "closed"
    if not text:
        return "empty"
    if too_long(text):
        return "too_long"
    if not await has_chat(session, case.person_id):
        return "no_chat"  # a mediator asked for someone without Telegram: staff phone them
    if case.status == "new":
        if not await store.claim(session, case.id, staff.member_id, staff.label, now):
            return "not_holder"
        await session.refresh(case)
        record(
            session, actor=staff.label, action="take_case", at=now, person_id=case.person_id, detail={"case": case.id}
        )
    if case.holder != staff.label:
        return "not_holder"
    line = await store.add_message(session, case, "staff", text, now, staff.member_id, staff.label)
    case.status = "waiting"
    store.forget_late(case)
    await tell_person(session, case, line, now)
    _audit(session, staff, "write_case", case, now)
    return "sent"


async def person_writes(
    session: AsyncSession, person: Person, case: Case, text: str, now: datetime, policy: CasePolicy
) -> CaseMessage:
    """The person's message in their case: stored, relayed to the staff member holding it (nobody holds it yet: those
    told of the new case are told it has a message, and whoever takes it gets it relayed). Staff messages that quiet
    hours held go out now, in order: the conversation is live again.

    A holder who lost their role since (revoked from the command line, before the next reminder pass) gets
    nothing: the case goes back to the queue at once and the coordinators are told, as at a revocation.
    """
    line = await store.add_message(session, case, "person", text.strip(), now)  # `too_long` was refused before
    case.person_wrote_at = now
    await send_held(session, case)  # the conversation is live again: what quiet hours held goes first
    if case.status == "waiting":
        case.status = "claimed"
    if case.holder is None:  # nobody took it yet: those told of the new case learn it has a message (once)
        await tell_staff(session, case, "wrote", now)
    elif not await tell_holder(session, case, line, now) and case.holder_id is not None:
        await release_orphans(session, now, policy)
    return line


CloseResult = Literal["closed", "not_holder", "already"]


def close_refused(case: Case, staff: Staff) -> Literal["not_holder", "already"] | None:
    """Why this staff member may not close the case (already closed, held by a colleague), or None when they may."""
    if case.status == "closed":
        return "already"
    if case.holder is not None and case.holder != staff.label and staff.role != "coordinator":
        return "not_holder"
    return None


async def close(session: AsyncSession, case: Case, staff: Staff, outcome: CaseOutcome, now: datetime) -> CloseResult:
    """Close a case with its outcome; the person is told and gets their menu back (audited).

    The holder closes it; a coordinator may close any case (a colleague away, a duplicate): then the holder is told
    in Telegram, and the audit row names them.
    """
    refused = close_refused(case, staff)
    if refused is not None:
        return refused
    if case.holder is None:
        case.holder, case.holder_id = staff.label, staff.member_id
    await store.close(session, case, outcome, now)
    await tell_closed(session, case, now)
    holder = await store.staff_member(session, case.holder_id) if case.holder != staff.label else None
    if holder is None:
        _audit(session, staff, "close_case", case, now, outcome=outcome)
        return "closed"
    told = await tell_staff(session, case, "closed_for", now, by=staff.member_id) > 0
    _audit(session, staff, "close_case", case, now, outcome=outcome, holder=holder.telegram_id, holder_told=told)
    return "closed"


async def withdraw(session: AsyncSession, person: Person, case_id: int, now: datetime) -> Case | None:
    """The person cancels their own open request; the holder is told. None when there is nothing to cancel."""
    case = await store.get_case(session, case_id)
    if case is None or case.person_id != person.id or case.status == "closed":
        return None
    await store.close(session, case, "withdrawn", now)
    if case.holder_id is not None:
        await tell_staff(session, case, "withdrawn", now)
    return case


async def withdraw_request(session: AsyncSession, person_id: int, response_id: int, now: datetime) -> bool:
    """Withdraw the open case a request flow made (the card's "Cancel my request"); False when none is open."""
    case = await store.open_case_for_response(session, response_id)
    if case is None or case.response_id != response_id or case.person_id != person_id:
        return False
    await store.close(session, case, "withdrawn", now)
    if case.holder_id is not None:
        await tell_staff(session, case, "withdrawn", now)
    return True


async def erasing(session: AsyncSession, person_id: int, now: datetime) -> int:
    """Before the person's data is erased (/forget): the holder of each of their open requests is told it was
    withdrawn, as for a cancellation (its number only); how many were told."""
    told = 0
    for case in await store.of_person(session, person_id):
        told += await tell_erased(session, case, now)
    return told


async def remind_unclaimed(session: AsyncSession, now: datetime) -> int:
    """Remind the coordinators of each case nobody took within CASE_REMIND_HOURS; how many cases."""
    found = await store.unclaimed_due_reminder(session, now)
    for case in found:
        key = f"{case.remind_at:%Y%m%dT%H%M%S}" if case.remind_at is not None else ""  # again after a release
        case.reminded_at = now
        await tell_staff(session, case, "reminder", now, key=key)
    return len(found)


async def remind_late(session: AsyncSession, now: datetime, policy: CasePolicy) -> int:
    """Cases someone took but did not answer by the due time: the holder is reminded (not before CASE_REMIND_HOURS
    after taking it), then, CASE_REMIND_HOURS later, the other coordinators; how many notices were decided.

    A holder with no Telegram chat (the server's operator, who took it from the command line) cannot be reminded:
    the other coordinators are told at once.
    """
    done = 0
    for case in await store.taken_unanswered(session, now, reminded=False):
        if case.claimed_at is None or policy.remind(case.claimed_at) > now:
            continue
        await _remind_holder(session, case, "late", now, _holder_key(case))
        done += 1
    for case in await store.taken_unanswered(session, now, reminded=True):
        if case.late_reminded_at is None or policy.remind(case.late_reminded_at) > now:
            continue
        await _escalate(session, case, "late_escalated", now, _holder_key(case))
        done += 1
    return done + await remind_replies(session, now, policy)


async def remind_replies(session: AsyncSession, now: datetime, policy: CasePolicy) -> int:
    """Cases where the person wrote back and staff did not answer within the promised time (counted from the
    person's first unanswered message): the holder is reminded, then, CASE_REMIND_HOURS later, the other
    coordinators (at once when the holder has no Telegram chat); once each per unanswered message, as in
    `remind_late`. How many notices were decided.
    """
    done = 0
    for case, line in await store.reply_unanswered(session, reminded=False):
        if policy.due(line.at) > now:
            continue
        await _remind_holder(session, case, "reply_late", now, f"{_holder_key(case)}:{line.id}", line.id)
        done += 1
    for case, line in await store.reply_unanswered(session, reminded=True):
        if case.late_reminded_at is None or policy.remind(case.late_reminded_at) > now:
            continue
        await _escalate(session, case, "reply_late_escalated", now, f"{_holder_key(case)}:{line.id}", line.id)
        done += 1
    return done


async def _remind_holder(
    session: AsyncSession,
    case: Case,
    event: Literal["late", "reply_late"],
    now: datetime,
    key: str,
    message: int | None = None,
) -> None:
    """The holder reminded; when they cannot be reached (no Telegram chat), the other coordinators at once."""
    case.late_reminded_at = now
    if await tell_staff(session, case, event, now, key=key, message=message) == 0:
        escalated: Literal["late_escalated", "reply_late_escalated"] = (
            "late_escalated" if event == "late" else "reply_late_escalated"
        )
        await _escalate(session, case, escalated, now, key, message)


async def _escalate(
    session: AsyncSession,
    case: Case,
    event: Literal["late_escalated", "reply_late_escalated"],
    now: datetime,
    key: str,
    message: int | None = None,
) -> None:
    """The other coordinators told the holder has not answered either."""
    case.late_escalated_at = now
    await tell_staff(session, case, event, now, key=key, message=message)


def _holder_key(case: Case) -> str:
    """Who held the case, for the notices' idempotency keys: a new holder is reminded afresh, nobody twice."""
    return f"{case.holder_id}" if case.holder_id is not None else f"{case.holder}"


async def release_orphans(session: AsyncSession, now: datetime, policy: CasePolicy) -> int:
    """Cases held by someone whose role was revoked (or no longer handles them) go back to the queue; how many.

    The coordinators are told, as for a reminder, and reminded again CASE_REMIND_HOURS later if nobody takes
    it. Run at each reminder pass (so a role removed from the
    command line, the console or the bot is caught within seconds) and straight after a revocation.
    """
    found = await store.held_by_someone_gone(session, HANDLED_BY)
    for case in found:
        former = case.holder_id
        store.release(case, policy.remind(now))
        await tell_staff(session, case, "released", now, key=f"{former}")
    return len(found)


@dataclass(frozen=True)
class CaseView:
    """A case as staff read it: the case, what the person chose to share, the conversation."""

    case: Case
    shared: dict[str, Any]
    """The request's own answers (how and when to reach them), by step."""
    origin_flow: str | None
    origin_answers: dict[str, Any]
    lines: list[CaseMessage]
    holder: str | None
    request_flow: str | None = None
    """The flow whose answers `shared` holds (the call-back request, a meeting with the facilitator…)."""
    added: tuple[Added, ...] = ()
    """The cards whose 📞 the person pressed while the request was open, latest first: shown above `origin_flow`."""


@dataclass(frozen=True)
class Added:
    """A result card's answers the person added to their open request, and when."""

    flow: str
    answers: dict[str, Any]
    at: datetime


async def read(session: AsyncSession, case_id: int, staff: Staff, now: datetime, via: str) -> CaseView | None:
    """One case for a staff member whose role handles its kind (None otherwise); the read is audited."""
    case = await store.get_case(session, case_id)
    if case is None or not handles(staff.role, case.kind):
        return None
    request = await store.request_answers(session, case.response_id)
    origin = await store.request_answers(session, case.origin_response_id)
    shared = await store.answers_of(session, request.id) if request is not None else {}
    origin_answers = await store.answers_of(session, origin.id) if origin is not None else {}
    record(
        session,
        actor=staff.label,
        action="read_case",
        at=now,
        person_id=case.person_id,
        detail={"case": case.id, "via": via},
    )
    return CaseView(
        case,
        shared,
        origin.flow_id if origin is not None else None,
        origin_answers,
        await store.conversation(session, case.id),
        await holder_name(session, case),
        request.flow_id if request is not None else None,
        await _added(session, case),
    )


async def _added(session: AsyncSession, case: Case) -> tuple[Added, ...]:
    """The cards added to the request, latest first; those erased or made anonymous since are left out."""
    found = []
    for response_id, at in reversed(store.cards_added(case)):
        response = await store.own_response(session, case.person_id, response_id)
        if response is not None:
            found.append(Added(response.flow_id, await store.answers_of(session, response.id), at))
    return tuple(found)


async def inbox(session: AsyncSession, staff: Staff, which: store.Listing) -> tuple[list[Case], int]:
    """The cases of kinds this staff member's role handles (the listing shows no personal data)."""
    allowed = [kind for kind in which.kinds if kind in kinds_for(staff.role)]
    return await store.listing(session, store.Listing(**{**which.__dict__, "kinds": allowed}))


RECENT = timedelta(days=30)
"""How long a closed request stays in the person's "My requests"."""


async def mine(session: AsyncSession, person: Person, now: datetime) -> list[Case]:
    """The person's open requests and those closed in the last 30 days."""
    return await store.of_person(session, person.id, closed_since=now - RECENT)


def _audit(
    session: AsyncSession, staff: Staff, action: AuditAction, case: Case, now: datetime, **detail: str | int | bool
) -> None:
    """One audit row about this case."""
    record(
        session, actor=staff.label, action=action, at=now, person_id=case.person_id, detail={"case": case.id, **detail}
    )
