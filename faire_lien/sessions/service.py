"""Staff operations on sessions, shared by the bot's /staff screens, the command line and the console.

Each returns plain data (or None when the session or registration is not there) and never a reply.
Each takes the `Staff` acting: a facilitator reaches only the sessions they published or are assigned
to (`faire_lien/sessions/access.py` raises `NotYourSessionError` otherwise), a coordinator all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.core.roles import Staff
from faire_lien.sessions.access import check_follows, followed_filter, require
from faire_lien.sessions.reminders import (
    announce_change,
    announce_confirmed,
    announce_offer,
    before_morning,
    schedule_reminders,
)
from faire_lien.sessions.spec import MeetingInput, MeetingSpec
from faire_lien.sessions.timing import (
    is_over,
    require_check_in_open,
    require_nobody_welcomed,
    require_not_over,
    require_start_allowed,
)
from faire_lien.surveys.invitations import (
    follow_moved,
    schedule_impact,
    withdraw_impact,
    withdraw_impact_of_cancelled,
    withdraw_poll,
)
from storage.audit import record
from storage.facilitators import assign, facilitators_of, unassign
from storage.meetings import (
    active_registrations,
    add_meetings,
    attendance_counts,
    by_code,
    cancel_meeting,
    confirm_if_enough,
    fill_from_waiting,
    get_meeting,
    get_registration,
    move_meeting,
    present_count,
    registration_counts,
    roster,
    same_meeting,
    set_attendance,
    set_capacity,
    upcoming,
)
from storage.models import Meeting, Registration, StaffMember
from storage.people import telegram_ids
from storage.reports import SessionSeats, count_sessions_to_come
from storage.reports import sessions_over as over
from storage.reports import sessions_to_come as to_come
from storage.staff import active_member
from storage.statuses import Attendance

EDITABLE = frozenset({"title", "description", "languages", "access_notes", "place", "address", "capacity", "min_size"})
"""What `edit_session` changes; the kind, dates and series stay (a move changes the dates)."""

Assignment = Literal["assigned", "already", "unassigned", "not_assigned", "no_session", "not_facilitator"]
"""What assigning or unassigning a facilitator did."""


@dataclass(frozen=True)
class RosterLine:
    """One registration on the roster, with the person's Telegram id when they have one."""

    registration: Registration
    telegram_id: int | None


@dataclass(frozen=True)
class Roster:
    """Who registered (registered first, then the waiting list in order) and how attendance stands."""

    meeting: Meeting
    lines: list[RosterLine]
    attendance: dict[str, int]
    """present, absent, excused and unmarked among registered people."""

    @property
    def waiting(self) -> int:
        """How many people are on the waiting list."""
        return sum(line.registration.status == "waiting" for line in self.lines)


@dataclass(frozen=True)
class Overview:
    """One session for staff: the meeting, how its registrations stand, and who follows it."""

    meeting: Meeting
    registered: int
    offered: int
    """People offered a freed seat, who have not taken it yet (they hold it)."""
    waiting: int
    facilitators: list[StaffMember]
    present: int = 0
    """People marked present at the door: once it has started, the session can no longer be cancelled nor moved."""

    @property
    def to_tell(self) -> int:
        """How many people a cancellation or a move informs: registered, offered a seat, or waiting."""
        return self.registered + self.offered + self.waiting


class EditRefusedError(ValueError):
    """An edit that would break what people were promised: fewer seats than held, a minimum added too late."""

    def __init__(self, reason: Literal["seats_taken", "minimum_too_late"], taken: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.taken = taken


@dataclass(frozen=True)
class Edited:
    """What saving a session's changes set off, beyond the new texts."""

    offered: int
    """People waiting who were offered one of the new seats."""
    relocated: int
    """People registered, offered a seat or waiting, told of the new place."""
    confirmed: int
    """People registered, told the date is confirmed (the minimum group was lowered or removed)."""


async def publish(session: AsyncSession, specs: list[MeetingInput], staff: Staff, now: datetime) -> list[int]:
    """Publish meetings checked as typed, each followed by the staff member who published it; their numbers.

    Raises `StartRefusedError` when one starts before `now` or more than two years ahead: none is published.
    """
    require(staff, "publish")
    for spec in specs:
        require_start_allowed(spec.start, now)
    ids = await add_meetings(session, [spec.to_meeting(staff.label, now) for spec in specs])
    if staff.member_id is not None:
        for meeting_id in ids:
            await assign(session, meeting_id, staff.member_id, staff.label, now)
    return ids


async def already_published(session: AsyncSession, spec: MeetingSpec, staff: Staff, now: datetime) -> int | None:
    """The number of a session this staff member published already like this one (kind, title, times, place), if any."""
    require(staff, "publish")
    return await same_meeting(session, spec.to_meeting(staff.label, now))


async def sessions_to_come(
    session: AsyncSession, staff: Staff, now: datetime, *, limit: int | None = None, offset: int = 0
) -> list[SessionSeats]:
    """The sessions this staff member follows not over yet (cancelled too), soonest first, with their waiting lists;
    with `limit`, one page of them (`offset` skipped first)."""
    return await to_come(session, now, followed_filter(staff), limit=limit, offset=offset)


async def how_many_to_come(session: AsyncSession, staff: Staff, now: datetime) -> int:
    """How many sessions `sessions_to_come` lists for this staff member in all."""
    return await count_sessions_to_come(session, now, followed_filter(staff))


async def sessions_followed(session: AsyncSession, staff: Staff, since: datetime) -> list[Meeting]:
    """Scheduled sessions this staff member follows starting after `since`, soonest first."""
    return await upcoming(session, since, followed_by_staff=followed_filter(staff))


async def sessions_over(session: AsyncSession, staff: Staff, now: datetime, since: datetime) -> list[SessionSeats]:
    """The sessions this staff member follows that are over and started after `since`, latest first."""
    return await over(session, now, since, followed_filter(staff))


async def session_overview(session: AsyncSession, meeting_id: int, staff: Staff) -> Overview | None:
    """One session the staff member follows, with counts only (no names: not an audited read)."""
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None:
        return None
    counts = await registration_counts(session, meeting.id)
    facilitators = await facilitators_of(session, meeting.id)
    present = await present_count(session, meeting.id)
    return Overview(meeting, counts["registered"], counts["offered"], counts["waiting"], facilitators, present)


async def session_roster(
    session: AsyncSession, meeting_id: int, staff: Staff, now: datetime, via: str | None = None
) -> Roster | None:
    """The roster of one session the staff member follows; reading it leaves an audit row (it is personal data).

    `via` names the adapter in the audit row when it is not the bot or the command line ("console").
    """
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None:
        return None
    registrations = await roster(session, meeting.id)
    detail: dict[str, object] = {"meeting": meeting.id} if via is None else {"via": via, "meeting": meeting.id}
    record(session, actor=staff.label, action="read_roster", at=now, detail=detail)
    counts = await attendance_counts(session, meeting.id)
    ids = await telegram_ids(session, sorted({r.person_id for r in registrations}))
    lines = [RosterLine(r, ids.get(r.person_id)) for r in registrations]
    return Roster(meeting, lines, counts)


async def mark_attendance(
    session: AsyncSession, registration_id: int, attendance: Attendance, staff: Staff, now: datetime
) -> Registration | None:
    """Mark a registered person present, absent or excused (audited); present schedules the impact survey, and a
    mark corrected from present takes back the surveys not sent yet.

    Raises `CheckInNotOpenError` more than an hour before the session starts.
    """
    registration = await get_registration(session, registration_id)
    if registration is None:
        followed_filter(staff)  # a mediator is refused even for a registration that does not exist
        return None
    await check_follows(session, staff, registration.meeting_id)
    meeting = await get_meeting(session, registration.meeting_id)
    if meeting is None:
        return None
    require_check_in_open(meeting, now)
    if registration.status != "registered":
        return None
    was_present = registration.attendance == "present"
    await set_attendance(session, registration, attendance)
    if attendance == "present":
        await schedule_impact(session, registration, meeting, now)
    elif was_present:  # marked present by mistake: no "how was it?" nor "three months ago, you took part" for them
        await withdraw_poll(session, registration, meeting)
        await withdraw_impact(session, registration, meeting)
    record(
        session,
        actor=staff.label,
        action="mark_attendance",
        at=now,
        person_id=registration.person_id,
        detail={"registration": registration.id, "attendance": attendance},
    )
    return registration


async def check_in_by_code(
    session: AsyncSession, meeting_id: int, code: str, staff: Staff, now: datetime
) -> Registration | None:
    """Mark present the registration of this session with this booking code (any case, spaces ignored).

    Returns the registration found (None: no such code for this session); it was marked only when its
    status is "registered". Raises `CheckInNotOpenError` more than an hour before the start.
    """
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None:
        return None
    require_check_in_open(meeting, now)
    registration = await by_code(session, meeting.id, code)
    if registration is not None:
        await mark_attendance(session, registration.id, "present", staff, now)
    return registration


async def mark_roster(
    session: AsyncSession, meeting_id: int, marks: Mapping[int, Attendance], staff: Staff, now: datetime
) -> int | None:
    """Mark several registered people of one session at once (registration number → mark); how many changed.

    Numbers that are not registered people of this session are ignored; each change is audited. None: no such
    session. Raises `CheckInNotOpenError` more than an hour before the start.
    """
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None:
        return None
    require_check_in_open(meeting, now)
    changed = 0
    for registration in await roster(session, meeting.id):
        wanted = marks.get(registration.id)
        if wanted is None or registration.status != "registered" or registration.attendance == wanted:
            continue
        await mark_attendance(session, registration.id, wanted, staff, now)
        changed += 1
    return changed


async def session_facilitators(session: AsyncSession, meeting_id: int, staff: Staff) -> list[StaffMember]:
    """The facilitators following one session the staff member follows."""
    await check_follows(session, staff, meeting_id)
    return await facilitators_of(session, meeting_id)


async def assign_facilitator(
    session: AsyncSession, meeting_id: int, telegram_id: int, staff: Staff, now: datetime, *, on: bool = True
) -> Assignment:
    """A coordinator assigns a facilitator to a session (`on`) or takes them off it; each change is audited."""
    require(staff, "assign")
    if await get_meeting(session, meeting_id) is None:
        return "no_session"
    member = await active_member(session, telegram_id)
    if member is None or (on and member.role != "facilitator"):
        return "not_facilitator"
    changed = (
        await assign(session, meeting_id, member.id, staff.label, now)
        if on
        else await unassign(session, meeting_id, member.id)
    )
    if not changed:
        return "already" if on else "not_assigned"
    record(
        session,
        actor=staff.label,
        action="assign_facilitator" if on else "unassign_facilitator",
        at=now,
        detail={"meeting": meeting_id, "telegram_id": telegram_id},
    )
    return "assigned" if on else "unassigned"


async def cancel_session(
    session: AsyncSession, meeting_id: int, staff: Staff, now: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS
) -> int | None:
    """A staff member following the session cancels it: reminders dropped, the impact surveys about it taken back
    (`withdraw_impact_of_cancelled`), everyone registered or waiting told; how many (None: nothing to cancel). Audited.

    The notice goes out during the `quiet` hours too when the session starts before they end. Raises
    `NotYourSessionError` for a session the staff member does not follow, `SessionOverError` for a session that
    has ended: it was held, and nobody is told it is cancelled; `PeopleWelcomedError` once it has started with someone
    marked present: it is being held (a wrong mark is corrected first).
    """
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None or meeting.status == "cancelled":
        return None
    require_not_over(meeting, now)
    require_nobody_welcomed(meeting, await present_count(session, meeting.id), now)
    urgent = before_morning(quiet, now, meeting.starts_at)
    affected = await cancel_meeting(session, meeting, now)
    await withdraw_impact_of_cancelled(session, meeting, now)
    for registration in affected:
        await announce_change(session, registration, "meeting_cancelled", now, meeting.starts_at, urgent=urgent)
    detail = {"meeting": meeting.id, "told": len(affected)}
    record(session, actor=staff.label, action="cancel_session", at=now, detail=detail)
    return len(affected)


async def move_session(
    session: AsyncSession,
    meeting_id: int,
    start: datetime | str,
    end: datetime | time | str,
    staff: Staff,
    now: datetime,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
) -> int | None:
    """A staff member following the session moves it (Paris time): reminders and impact surveys not sent yet follow,
    everyone is told; how many (None: nothing to move). Audited.

    The notice goes out during the `quiet` hours too when the old or the new start comes before they end.

    Raises `NotYourSessionError` for a session the staff member does not follow, pydantic's `ValidationError` when
    the new times do not make a valid session (its texts are not checked again: a title longer than today's limit,
    stored before it, does not stop a move), `StartRefusedError` when the new start has passed or is more than two
    years ahead (nothing is changed, nobody is told), `SessionOverError` when the session has ended (it was held),
    `PeopleWelcomedError` once it has started with someone marked present (it is being held).
    """
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None or meeting.status == "cancelled":
        return None
    require_not_over(meeting, now)
    require_nobody_welcomed(meeting, await present_count(session, meeting.id), now)
    spec = MeetingSpec.model_validate({**_spec_fields(meeting), "start": start, "end": end})
    assert isinstance(spec.end, datetime)
    require_start_allowed(spec.start, now)
    urgent = before_morning(quiet, now, meeting.starts_at, spec.start)
    was = meeting.starts_at
    affected = await move_meeting(session, meeting, spec.start, spec.end)
    await follow_moved(session, meeting, now)  # the impact survey keeps to three months after the series' end
    for registration in affected:
        if registration.status == "registered":
            await schedule_reminders(session, registration, meeting, now)
        await announce_change(session, registration, "meeting_moved", now, meeting.starts_at, urgent=urgent)
    moved = {"from": was.astimezone(UTC).isoformat(), "to": meeting.starts_at.astimezone(UTC).isoformat()}
    detail = {"meeting": meeting.id, **moved, "told": len(affected)}
    record(session, actor=staff.label, action="move_session", at=now, detail=detail)
    return len(affected)


async def edit_session(
    session: AsyncSession,
    meeting_id: int,
    changes: dict[str, object],
    staff: Staff,
    now: datetime,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
) -> Edited | None:
    """Change a session's texts, place, seats or minimum group (None: no such session still to hold).

    New seats go to the people waiting (offered, as a freed seat is); a new place or address is told to
    everyone registered or waiting; a minimum group lowered to what is reached, or removed, confirms the
    date to everyone registered. Raises pydantic's `ValidationError` for values a new session could not
    have (a text the session already has is kept whatever its length: only a new one is held to its limit),
    `EditRefusedError` for fewer seats than are held or a minimum added once people registered without one.
    Nothing is changed when it raises.
    """
    await check_follows(session, staff, meeting_id)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    meeting = await get_meeting(session, meeting_id)
    if meeting is None or meeting.status == "cancelled" or is_over(meeting, now):
        return None
    spec = MeetingInput.keeping({**_all_fields(meeting), **changes}, meeting)
    counts = await registration_counts(session, meeting.id)
    if meeting.min_size is None and spec.min_size is not None and counts["registered"] + counts["offered"]:
        raise EditRefusedError("minimum_too_late")
    if spec.capacity != meeting.capacity and not await set_capacity(session, meeting, spec.capacity):
        raise EditRefusedError("seats_taken", meeting.taken)
    relocated = (spec.place, spec.address) != (meeting.place, meeting.address)
    gathering = meeting.min_size is not None and meeting.confirmed_at is None
    meeting.title, meeting.description, meeting.languages = spec.title, spec.description, spec.languages
    meeting.access_notes, meeting.place, meeting.address = spec.access_notes, spec.place, spec.address
    meeting.min_size = spec.min_size
    offered = await fill_from_waiting(session, meeting, now)
    for registration in offered:
        await announce_offer(session, registration, meeting, now, quiet)
    told = await active_registrations(session, meeting.id) if relocated else []
    urgent = before_morning(quiet, now, meeting.starts_at)  # a new address the night before an early session
    for registration in told:
        await announce_change(session, registration, "meeting_relocated", now, meeting.starts_at, urgent=urgent)
    confirmed = 0
    if gathering and spec.min_size is None:
        meeting.confirmed_at = now
        confirmed = await announce_confirmed(session, meeting, now)
    elif gathering and await confirm_if_enough(session, meeting, now):
        confirmed = await announce_confirmed(session, meeting, now)
    return Edited(len(offered), len(told), confirmed)


def _all_fields(meeting: Meeting) -> dict[str, object]:
    """A session as a `MeetingSpec` would describe it, to check edits with the rules of a new one."""
    return {
        **_spec_fields(meeting),
        "description": meeting.description,
        "start": meeting.starts_at,
        "end": meeting.ends_at,
        "access_notes": meeting.access_notes,
        "min_size": meeting.min_size,
        "languages": meeting.languages,
        "series": meeting.series,
    }


def _spec_fields(meeting: Meeting) -> dict[str, object]:
    return {
        "kind": meeting.kind,
        "title": meeting.title,
        "place": meeting.place,
        "address": meeting.address,
        "capacity": meeting.capacity,
    }
