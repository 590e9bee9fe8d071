"""Scheduled messages about a registration: the reminders before a meeting, a freed seat (and its lapse), a changed
meeting.

What each queued message says when it goes out is written by its renderer in `faire_lien/outbox/`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from storage.meetings import OFFER_LAST_HOUR, drop_unsent_notice, roster
from storage.models import Meeting, Registration
from storage.outbox import URGENT, schedule
from storage.statuses import OutboxKind
from storage.types import PARIS

CONFIRM_DAYS_BEFORE = 2
DETAILS_DAYS_BEFORE = 1
REMINDERS: tuple[tuple[OutboxKind, int], ...] = (
    ("meeting_confirm", CONFIRM_DAYS_BEFORE),
    ("meeting_details", DETAILS_DAYS_BEFORE),
)
"""Each reminder and how many days before the session it goes, at the session's own time of day (Paris time)."""
Change = Literal["meeting_cancelled", "meeting_confirmed", "meeting_moved", "meeting_relocated"]


async def schedule_reminders(
    session: AsyncSession, registration: Registration, meeting: Meeting, now: datetime
) -> None:
    """Two days before: "will you come?"; the day before: practical details. Only reminders still ahead."""
    start = meeting.starts_at.isoformat()
    for kind, days in REMINDERS:
        due = days_before(meeting.starts_at, days)
        if due > now:
            await schedule(
                session,
                registration.person_id,
                kind=kind,
                due_at=due,
                payload={"registration": registration.id},
                key=f"reg:{registration.id}:{kind}:{start}",
                now=now,
            )


def days_before(moment: datetime, days: int) -> datetime:
    """The same time of day (Paris wall clock) `days` days earlier, in UTC: 14:00 stays 14:00 across a clock change."""
    local = moment.astimezone(PARIS)
    return datetime.combine(local.date() - timedelta(days=days), local.time(), tzinfo=PARIS).astimezone(UTC)


async def announce_offer(
    session: AsyncSession,
    offered: Registration,
    meeting: Meeting,
    now: datetime,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
) -> None:
    """Tell the first person waiting that a seat is theirs if they take it in time (sent by the outbox).

    During the `quiet` hours it goes at once when waiting for them to end would leave less than `OFFER_LAST_HOUR`
    before the start (a seat freed at night for a 07:30 session): otherwise the offer would come too late to use.
    """
    urgent = before_morning(quiet, now, meeting.starts_at - OFFER_LAST_HOUR)
    await _announce(session, offered, "seat_offered", now, urgent=urgent)


async def announce_lapsed(session: AsyncSession, lapsed: Registration, now: datetime) -> None:
    """Tell someone who let an offered seat go by that the time passed (sent by the outbox, once per expiry)."""
    await _announce(session, lapsed, "offer_lapsed", now)


async def announce_lost(session: AsyncSession, lost: Registration, now: datetime) -> bool:
    """Tell someone the bot could not reach that the seat offered to them went to the next person (sent by the
    outbox, once per loss); True when newly queued."""
    when = (lost.offer_lost_at or now).isoformat()
    _, queued = await schedule(
        session,
        lost.person_id,
        kind="offer_lost",
        due_at=now,
        payload={"registration": lost.id},
        key=f"reg:{lost.id}:offer_lapsed:lost:{when}",  # the key it always had: a notice queued before stays once
        now=now,
    )
    return queued


async def _announce(
    session: AsyncSession,
    registration: Registration,
    kind: Literal["seat_offered", "offer_lapsed"],
    now: datetime,
    *,
    urgent: bool = False,
) -> None:
    """A message about this registration's seat, queued now, once per moment it is decided (`urgent`: during quiet
    hours too)."""
    payload: dict[str, object] = {"registration": registration.id}
    if urgent:
        payload[URGENT] = True
    await schedule(
        session,
        registration.person_id,
        kind=kind,
        due_at=now,
        payload=payload,
        key=f"reg:{registration.id}:{kind}:{now.isoformat()}",
        now=now,
    )


async def announce_change(
    session: AsyncSession,
    registration: Registration,
    kind: Change,
    now: datetime,
    when: datetime,
    *,
    urgent: bool = False,
) -> None:
    """Tell a registered or waiting person that staff cancelled, moved or relocated the meeting (sent by the outbox);
    the same notice not sent yet (a second move during quiet hours) is replaced: they read the latest once.

    `urgent` (see `before_morning`): it goes out during quiet hours too, as the person may set off before they end.
    """
    await drop_unsent_notice(session, registration.id, kind)
    payload: dict[str, object] = {"registration": registration.id, "when": when.isoformat()}
    if urgent:
        payload[URGENT] = True
    await schedule(
        session,
        registration.person_id,
        kind=kind,
        due_at=now,
        payload=payload,
        key=f"change:{registration.id}:{kind}:{now.isoformat()}",
        now=now,
    )


def before_morning(quiet: QuietHours, now: datetime, *starts: datetime) -> bool:
    """Whether one of these starts comes before the bot may write again (quiet hours now, the session early next
    morning): a change to it cannot wait until quiet hours end, or the person would find out on the doorstep."""
    return any(start <= quiet.next_open(now) for start in starts)


async def announce_confirmed(session: AsyncSession, meeting: Meeting, now: datetime, but: int | None = None) -> int:
    """The group is big enough: everyone registered gets their reminders and is told (but registration `but`)."""
    told = 0
    for registration in await roster(session, meeting.id):
        if registration.status != "registered":
            continue
        await schedule_reminders(session, registration, meeting, now)
        if registration.id != but:
            await announce_change(session, registration, "meeting_confirmed", now, meeting.starts_at)
            told += 1
    return told
