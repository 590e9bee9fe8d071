"""Repository functions for meetings and registrations; seats are counted by the database itself.

A seat is taken with one conditional UPDATE (`taken = taken + 1 WHERE taken < capacity`), which
the database applies atomically: two people racing for the last seat cannot both get it, on
SQLite (one writer at a time) as on PostgreSQL (row lock). A CHECK constraint keeps `taken`
within the capacity whatever the code does. Waiting-list numbers come from the same kind of
UPDATE on `waiting_seq`, so ranks are unique and in arrival order.

Every function that changes a meeting, an attendance mark or a marked registration ends by refreshing what
the meeting adds to the yearly report (`storage/year_totals.py`), in the same transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import String, cast, func, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.facilitators import followed_by
from storage.models import Meeting, OutboxMessage, Registration
from storage.statuses import Attendance, RegistrationStatus
from storage.survey_totals import refresh as refresh_surveys
from storage.year_totals import marked_changed, refresh

CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
"""Letters and digits nobody confuses when reading a code aloud or off a phone (no 0/O, 1/I/L, 2/Z, 5/S, 8/B)."""
CODE_LENGTH = 6
CODE_ATTEMPTS = 5
OFFER_HOURS = 24
"""How long a person offered a freed seat has to take it before it goes to the next one, from when the offer is sent."""
OFFER_LAST_HOUR = timedelta(hours=1)
"""A seat freed later than this before the start is offered to nobody: too little time to read the offer, answer and
come (and check-in opens then: staff at the door let in whoever comes). It goes back to the session, free to take,
by the people waiting too (`take_free_seat`)."""

Outcome = Literal["registered", "waiting", "already", "closed"]


@dataclass(frozen=True)
class Booking:
    """What registering did, and the registration row."""

    outcome: Outcome
    registration: Registration | None


async def get_meeting(session: AsyncSession, meeting_id: int) -> Meeting | None:
    """One meeting by number, whatever its status."""
    return await session.get(Meeting, meeting_id)


async def get_registration(session: AsyncSession, registration_id: int) -> Registration | None:
    """One registration by number, whatever its status."""
    return await session.get(Registration, registration_id)


async def same_meeting(session: AsyncSession, meeting: Meeting) -> int | None:
    """The number of a scheduled meeting its author published with the same kind, title, times and place as this one
    (not saved), if any."""
    query = select(Meeting).where(
        Meeting.status == "scheduled",
        Meeting.created_by == meeting.created_by,
        Meeting.kind == meeting.kind,
        Meeting.starts_at == meeting.starts_at,
        Meeting.ends_at == meeting.ends_at,
        Meeting.place == meeting.place,
        Meeting.address == meeting.address,
    )
    found = (await session.execute(query.order_by(Meeting.id))).scalars()
    return next((same.id for same in found if same.title == meeting.title), None)


async def add_meetings(session: AsyncSession, meetings: list[Meeting]) -> list[int]:
    """Publish new meetings in the caller's unit of work; their numbers."""
    session.add_all(meetings)
    await session.flush()
    await refresh(session, [meeting.id for meeting in meetings])
    return [meeting.id for meeting in meetings]


async def last_of_series(session: AsyncSession, series: str) -> Meeting | None:
    """The scheduled meeting of a series that ends last."""
    query = (
        select(Meeting)
        .where(Meeting.series == series, Meeting.status == "scheduled")
        .order_by(Meeting.ends_at.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def upcoming(
    session: AsyncSession, now: datetime, kind: str | None = None, followed_by_staff: int | None = None
) -> list[Meeting]:
    """Scheduled meetings that have not started, soonest first (of one kind; followed by one staff member)."""
    query = select(Meeting).where(Meeting.status == "scheduled", Meeting.starts_at > now).order_by(Meeting.starts_at)
    if kind is not None:
        query = query.where(Meeting.kind == kind)
    if followed_by_staff is not None:
        query = query.where(followed_by(followed_by_staff))
    return list((await session.execute(query)).scalars())


async def register(session: AsyncSession, meeting_id: int, person_id: int, now: datetime) -> Booking:
    """Take a seat if one is left, else join the waiting list; never twice for the same person."""
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None or meeting.status != "scheduled" or meeting.starts_at <= now:
        return Booking("closed", None)
    existing = await _registration(session, meeting_id, person_id)
    if existing is not None and existing.status != "cancelled":
        return Booking("already", existing)
    for _attempt in range(CODE_ATTEMPTS):
        row = existing or Registration(meeting_id=meeting_id, person_id=person_id, created_at=now)
        row.code = row.code or booking_code()
        try:
            async with session.begin_nested():  # the row first: a second tap by the same person stops here
                row.status, row.rank, row.offered_until, row.updated_at = "waiting", None, None, now
                row.offer_lost_at = None
                session.add(row)
                await session.flush()
                row.status, row.rank = await _seat_or_rank(session, meeting_id)
                await session.flush()
            break
        except IntegrityError:  # the same person registered from another update at the same instant
            again = await _registration(session, meeting_id, person_id)
            if again is not None:
                return Booking("already", again)
            existing = None  # another registration of this session drew the same code: draw again
    else:
        raise RuntimeError("no free booking code after several draws")
    await marked_changed(session, [row])  # a registration cancelled after a mark, registering again
    await session.refresh(meeting)
    return Booking("registered" if row.status == "registered" else "waiting", row)


def booking_code() -> str:
    """A short random code the person shows at the door ("K7MXRA"); unique within its session."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def by_code(session: AsyncSession, meeting_id: int, code: str) -> Registration | None:
    """The registration of this session with this booking code (typed in any case, spaces ignored)."""
    wanted = "".join(code.split()).upper()
    query = select(Registration).where(Registration.meeting_id == meeting_id, Registration.code == wanted)
    return (await session.execute(query)).scalar_one_or_none()


async def _seat_or_rank(session: AsyncSession, meeting_id: int) -> tuple[RegistrationStatus, int | None]:
    """Take a seat with one atomic conditional UPDATE, else hand out the next waiting-list number."""
    seat = await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id, Meeting.taken < Meeting.capacity)
        .values(taken=Meeting.taken + 1)
        .returning(Meeting.taken)
    )
    if seat.first() is not None:
        return "registered", None
    number = await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id)
        .values(waiting_seq=Meeting.waiting_seq + 1)
        .returning(Meeting.waiting_seq)
    )
    return "waiting", number.scalar_one()


async def _registration(session: AsyncSession, meeting_id: int, person_id: int) -> Registration | None:
    query = select(Registration).where(Registration.meeting_id == meeting_id, Registration.person_id == person_id)
    return (await session.execute(query)).scalar_one_or_none()


async def own_registration(session: AsyncSession, meeting_id: int, person_id: int) -> Registration | None:
    """The person's registration for the meeting (cancelled or not), if any."""
    return await _registration(session, meeting_id, person_id)


async def waiting_position(session: AsyncSession, registration: Registration) -> int:
    """1 for the first person waiting, and so on."""
    query = select(Registration.id).where(
        Registration.meeting_id == registration.meeting_id,
        Registration.status == "waiting",
        Registration.rank <= (registration.rank or 0),
    )
    return len((await session.execute(query)).all())


async def cancel(session: AsyncSession, registration: Registration, now: datetime) -> Registration | None:
    """Cancel a registration, drop its pending reminders, and offer a freed seat to the next person.

    Returns the registration the seat was offered to, if any. All in the caller's transaction.
    """
    held_seat = registration.status in ("registered", "offered")
    registration.status, registration.updated_at, registration.offered_until = "cancelled", now, None
    await drop_reminders(session, registration.id)
    offered = await pass_seat_on(session, registration.meeting_id, now) if held_seat else None
    await marked_changed(session, [registration, offered])
    return offered


async def pass_seat_on(session: AsyncSession, meeting_id: int, now: datetime) -> Registration | None:
    """Offer a freed seat to the first person waiting, or give it back to the meeting."""
    query = (
        select(Registration)
        .where(Registration.meeting_id == meeting_id, Registration.status == "waiting")
        .order_by(Registration.rank)
        .limit(1)
    )
    first = (await session.execute(query)).scalar_one_or_none()
    meeting = await session.get(Meeting, meeting_id)
    if first is None or meeting is None or meeting.starts_at - now < OFFER_LAST_HOUR:  # nobody, or too late to come
        await session.execute(update(Meeting).where(Meeting.id == meeting_id).values(taken=Meeting.taken - 1))
        return None
    # A first deadline, for someone no offer can reach (no chat); one sent restarts it (`start_offer_clock`).
    first.status, first.offered_until, first.updated_at = "offered", offer_deadline(meeting, now), now
    return first


def offer_deadline(meeting: Meeting, now: datetime) -> datetime:
    """OFFER_HOURS from now, but never past the session's start."""
    return min(now + timedelta(hours=OFFER_HOURS), meeting.starts_at)


async def start_offer_clock(session: AsyncSession, registration_id: int, now: datetime) -> None:
    """The offer goes out now: the person has OFFER_HOURS from now to take the seat (until the start at the latest)."""
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.status != "offered":
        return
    meeting = await session.get(Meeting, registration.meeting_id)
    if meeting is not None:
        registration.offered_until = offer_deadline(meeting, now)


async def _offer_clock(session: AsyncSession, registration: Registration) -> datetime:
    """When the time to take an offered seat began: when its offer went out (`start_offer_clock`), else when the seat
    was offered (an offer still to go out starts again when it is sent)."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.kind == "seat_offered",
            OutboxMessage.idempotency_key.like(f"reg:{registration.id}:seat_offered:%"),
        )
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    offer = (await session.execute(query)).scalar_one_or_none()
    if offer is not None and offer.status in ("sending", "sent", "uncertain"):
        return offer.sent_at or offer.due_at
    return registration.updated_at


async def accept_offer(session: AsyncSession, registration: Registration, now: datetime) -> bool:
    """Take the offered seat before the deadline."""
    if registration.status != "offered" or registration.offered_until is None or registration.offered_until < now:
        return False
    registration.status, registration.offered_until, registration.rank, registration.updated_at = (
        "registered",
        None,
        None,
        now,
    )
    await marked_changed(session, [registration])
    return True


async def take_free_seat(session: AsyncSession, meeting: Meeting, registration: Registration, now: datetime) -> bool:
    """Someone waiting takes a seat left free (one freed in the last hour, offered to nobody), with the conditional
    UPDATE of every registration: whoever presses first gets it; False when none is free any more."""
    if registration.status != "waiting" or registration.meeting_id != meeting.id:
        return False
    await session.flush()
    seat = await session.execute(
        update(Meeting)
        .where(
            Meeting.id == meeting.id,
            Meeting.status == "scheduled",
            Meeting.starts_at > now,
            Meeting.taken < Meeting.capacity,
        )
        .values(taken=Meeting.taken + 1)
        .returning(Meeting.taken)
        .execution_options(synchronize_session=False)
    )
    taken = seat.first() is not None
    if taken:
        registration.status, registration.rank, registration.updated_at = "registered", None, now
        await marked_changed(session, [registration])
    await session.refresh(meeting)
    return taken


async def expire_offers(session: AsyncSession, now: datetime) -> list[tuple[Registration, Registration | None]]:
    """Offers past their deadline go to the next person: (expired, newly offered or None).

    An offer whose message still waits to go out (quiet hours, a retry) does not expire: its deadline
    starts when it is sent.
    """
    unsent = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.kind == "seat_offered",
            OutboxMessage.status.in_(("pending", "sending")),
            OutboxMessage.idempotency_key.like(
                literal("reg:") + cast(Registration.id, String) + literal(":seat_offered:%")
            ),
        )
        .exists()
    )
    query = select(Registration).where(Registration.status == "offered", Registration.offered_until < now, ~unsent)
    moved: list[tuple[Registration, Registration | None]] = []
    for expired in (await session.execute(query)).scalars().all():
        expired.status, expired.offered_until, expired.updated_at = "cancelled", None, now
        moved.append((expired, await pass_seat_on(session, expired.meeting_id, now)))
    await marked_changed(session, [r for pair in moved for r in pair])
    return moved


async def withdraw_offer(
    session: AsyncSession, registration_id: int, now: datetime
) -> tuple[Registration, Registration | None] | None:
    """An offer its person cannot receive (blocked bot, chat not found): withdrawn now and the seat offered to the
    next person; (withdrawn, newly offered or None), or None when that registration holds no offer."""
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.status != "offered":
        return None
    registration.status, registration.offered_until, registration.updated_at = "cancelled", None, now
    registration.offer_lost_at = now  # the person can see it went on, and join the list again
    await drop_reminders(session, registration.id)
    offered = await pass_seat_on(session, registration.meeting_id, now)
    await marked_changed(session, [registration, offered])
    return registration, offered


async def lost_offers(session: AsyncSession, person_id: int, now: datetime) -> list[tuple[Registration, Meeting]]:
    """The person's offered seats that went to the next person because the bot could not reach them, on sessions
    still to begin (they may register again), soonest first."""
    query = (
        select(Registration, Meeting)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(
            Registration.person_id == person_id,
            Registration.status == "cancelled",
            Registration.offer_lost_at.is_not(None),
            Meeting.status == "scheduled",
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at)
    )
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def offers_held_by(session: AsyncSession, person_id: int) -> list[int]:
    """The registrations through which this person is offered a seat."""
    query = select(Registration.id).where(Registration.person_id == person_id, Registration.status == "offered")
    return [int(i) for i in (await session.execute(query)).scalars()]


REMINDER_KINDS = ("meeting_confirm", "meeting_details")
"""The reminders before a meeting, which follow its date."""


async def drop_reminders(session: AsyncSession, registration_id: int, *, only_reminders: bool = False) -> None:
    """Cancel the pending messages of a registration (same transaction as the cancellation); `only_reminders`: the
    reminders before the meeting, not a seat offer still to go out."""
    query = update(OutboxMessage).where(
        OutboxMessage.idempotency_key.like(f"reg:{registration_id}:%"), OutboxMessage.status == "pending"
    )
    if only_reminders:
        query = query.where(OutboxMessage.kind.in_(REMINDER_KINDS))
    await session.execute(query.values(status="cancelled"))


async def drop_unsent_notice(session: AsyncSession, registration_id: int, kind: str) -> None:
    """Cancel a notice of this kind about this registration still waiting to go out (a newer one replaces it)."""
    query = update(OutboxMessage).where(
        OutboxMessage.idempotency_key.like(f"change:{registration_id}:{kind}:%"),
        OutboxMessage.kind == kind,
        OutboxMessage.status == "pending",
    )
    await session.execute(query.values(status="cancelled", last_error="replaced by a newer notice"))


async def registrations_of(session: AsyncSession, person_id: int, now: datetime) -> list[tuple[Registration, Meeting]]:
    """A person's active registrations on meetings to come, soonest first."""
    query = (
        select(Registration, Meeting)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(
            Registration.person_id == person_id,
            Registration.status.in_(("registered", "waiting", "offered")),
            Meeting.ends_at > now,
        )
        .order_by(Meeting.starts_at)
    )
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def roster(session: AsyncSession, meeting_id: int) -> list[Registration]:
    """Everyone registered or waiting for a meeting: registered first, then the waiting list in order."""
    query = (
        select(Registration)
        .where(Registration.meeting_id == meeting_id, Registration.status != "cancelled")
        .order_by(Registration.status != "registered", Registration.rank, Registration.created_at)
    )
    return list((await session.execute(query)).scalars())


async def active_registrations(session: AsyncSession, meeting_id: int) -> list[Registration]:
    """Registered, offered and waiting people of a meeting."""
    query = select(Registration).where(
        Registration.meeting_id == meeting_id, Registration.status.in_(("registered", "offered", "waiting"))
    )
    return list((await session.execute(query)).scalars())


async def cancel_meeting(session: AsyncSession, meeting: Meeting, now: datetime) -> list[Registration]:
    """Staff cancel a meeting: every registration ends and loses its reminders; returns who to inform."""
    affected = await active_registrations(session, meeting.id)
    meeting.status = "cancelled"
    for registration in affected:
        await drop_reminders(session, registration.id)
        registration.status, registration.offered_until, registration.updated_at = "cancelled", None, now
    meeting.taken = 0
    await refresh(session, [meeting.id])
    return affected


async def move_meeting(
    session: AsyncSession, meeting: Meeting, starts_at: datetime, ends_at: datetime
) -> list[Registration]:
    """Staff move a meeting: old reminders go (the caller schedules new ones), a seat offer's deadline follows the
    new start; returns who to inform."""
    affected = await active_registrations(session, meeting.id)
    for registration in affected:
        await drop_reminders(session, registration.id, only_reminders=True)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    for registration in affected:
        if registration.status == "offered":
            registration.offered_until = offer_deadline(meeting, await _offer_clock(session, registration))
    await refresh(session, [meeting.id])  # its yearly figures follow it to its new day and year
    await refresh_surveys(session, meeting.id)  # its survey figures follow it to its new month
    return affected


async def set_attendance(session: AsyncSession, registration: Registration, attendance: Attendance) -> None:
    """Note whether a registered person came: present, absent or excused."""
    registration.attendance = attendance
    await refresh(session, [registration.meeting_id])


async def present_in_series(session: AsyncSession, person_id: int, series: str) -> bool:
    """Whether the person is marked present at some meeting of this series."""
    query = (
        select(Registration.id)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(
            Meeting.series == series,
            Registration.person_id == person_id,
            Registration.status == "registered",
            Registration.attendance == "present",
        )
        .limit(1)
    )
    return (await session.execute(query)).first() is not None


async def attendance_counts(session: AsyncSession, meeting_id: int) -> dict[str, int]:
    """How many registered people were marked present, absent, excused, or not yet marked."""
    rows = await roster(session, meeting_id)
    counts = {"present": 0, "absent": 0, "excused": 0, "unmarked": 0}
    for r in rows:
        if r.status == "registered":
            counts[r.attendance or "unmarked"] += 1
    return counts


async def present_count(session: AsyncSession, meeting_id: int) -> int:
    """How many people registered for a meeting were marked present at the door."""
    query = select(func.count()).where(
        Registration.meeting_id == meeting_id,
        Registration.status == "registered",
        Registration.attendance == "present",
    )
    return int(await session.scalar(query) or 0)


async def confirm_if_enough(session: AsyncSession, meeting: Meeting, now: datetime) -> bool:
    """Confirm a gathering meeting once it has `min_size` registered people; True only the first time."""
    if meeting.min_size is None or meeting.confirmed_at is not None:
        return False
    registered = await session.scalar(
        select(func.count()).where(Registration.meeting_id == meeting.id, Registration.status == "registered")
    )
    if (registered or 0) < meeting.min_size:
        return False
    done = await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id, Meeting.confirmed_at.is_(None))
        .values(confirmed_at=now)
        .returning(Meeting.id)
    )
    confirmed = done.first() is not None
    await session.refresh(meeting)
    return confirmed


async def registered_count(session: AsyncSession, meeting_id: int) -> int:
    """How many people hold a seat."""
    count = await session.scalar(
        select(func.count()).where(Registration.meeting_id == meeting_id, Registration.status == "registered")
    )
    return int(count or 0)


async def registration_counts(session: AsyncSession, meeting_id: int) -> dict[RegistrationStatus, int]:
    """How many registrations of a meeting are registered, offered a seat, waiting and cancelled."""
    query = (
        select(Registration.status, func.count())
        .where(Registration.meeting_id == meeting_id)
        .group_by(Registration.status)
    )
    counts: dict[RegistrationStatus, int] = {"registered": 0, "offered": 0, "waiting": 0, "cancelled": 0}
    for status, count in (await session.execute(query)).all():
        counts[status] = int(count)
    return counts


async def set_capacity(session: AsyncSession, meeting: Meeting, capacity: int) -> bool:
    """Change the number of seats, never below the seats held: one conditional UPDATE, as a registration's."""
    await session.flush()
    changed = await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id, Meeting.taken <= capacity)
        .values(capacity=capacity)
        .returning(Meeting.id)
        .execution_options(synchronize_session=False)
    )
    done = changed.first() is not None
    await session.refresh(meeting)
    return done


async def fill_from_waiting(session: AsyncSession, meeting: Meeting, now: datetime) -> list[Registration]:
    """Free seats go to the people waiting, first come first served, offered as a freed seat is (24 hours)."""
    await session.flush()
    offered: list[Registration] = []
    while True:
        seat = await session.execute(
            update(Meeting)
            .where(Meeting.id == meeting.id, Meeting.taken < Meeting.capacity)
            .values(taken=Meeting.taken + 1)
            .returning(Meeting.taken)
            .execution_options(synchronize_session=False)
        )
        if seat.first() is None:
            break
        first = await pass_seat_on(session, meeting.id, now)  # nobody waiting: the seat goes back
        if first is None:
            break
        offered.append(first)
        await session.flush()
    await marked_changed(session, offered)
    await session.refresh(meeting)
    return offered


async def booking_codes(session: AsyncSession, registration_ids: list[int]) -> dict[int, str]:
    """The booking code of each of these registrations still stored (the code people show at the door)."""
    if not registration_ids:
        return {}
    query = select(Registration.id, Registration.code).where(Registration.id.in_(registration_ids))
    return {int(number): code for number, code in (await session.execute(query)).all() if code}
