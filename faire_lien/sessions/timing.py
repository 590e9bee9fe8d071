"""When a session may start, and when staff may act on it: check-in an hour before the start, the poll once it ended,
no cancelling nor moving once it is over, or under way with someone marked present.

The one place these rules live: the services (`publish`, `move_session`, `cancel_session`, `mark_attendance`,
`send_poll`) raise these refusals, the import and the forms check a start with `start_refusal`, and each adapter
(the bot's /staff screens, the command line, the console) says why in its own words.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.models import Meeting

CHECK_IN_AHEAD = timedelta(hours=1)
"""How long before the start staff may mark people present, absent or excused."""
YEARS_AHEAD = 2
"""How many years ahead a session may start at most: further is a mistyped year (2062 for 2026, 9999), not a plan.

Nobody publishes a meeting more than two years in advance; people would be invited to something that will not
happen, and reminders would wait for years.
"""
START_PASSED = "this date has passed: choose a date and time to come"
"""Why a start is refused when it is not after now (as `sessions add | import | move` print it)."""
START_TOO_FAR = "this date is more than two years ahead: check the year"
"""Why a start is refused when it is more than `YEARS_AHEAD` years away."""
START_RULES = {START_PASSED: "start_passed", START_TOO_FAR: "start_too_far"}
"""The code of each refusal of a start, as import problems and the console name them."""


class StartRefusedError(ValueError):
    """A session published or moved to a start that has passed or is too far ahead: nothing is done, nobody told."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = START_RULES[reason]


def furthest_start(now: datetime) -> datetime:
    """The latest start allowed: the same day and time `YEARS_AHEAD` years from now (28 February for a 29th)."""
    year = now.year + YEARS_AHEAD
    try:
        return now.replace(year=year)
    except ValueError:  # 29 February, and that year has none
        return now.replace(year=year, day=28)


def start_refusal(start: datetime, now: datetime) -> str | None:
    """Why a session cannot start then (`START_PASSED`, `START_TOO_FAR`), or None: a start to come, within two years."""
    if start <= now:
        return START_PASSED
    if start > furthest_start(now):
        return START_TOO_FAR
    return None


def require_start_allowed(start: datetime, now: datetime) -> None:
    """Raise `StartRefusedError` for a start that has passed or is more than two years ahead."""
    if (reason := start_refusal(start, now)) is not None:
        raise StartRefusedError(reason)


class SessionOverError(Exception):
    """Staff tried to cancel or move a session that has ended: it was held, nobody is told otherwise."""

    def __init__(self, meeting_id: int, ended_at: datetime) -> None:
        super().__init__(f"session {meeting_id}: ended at {ended_at.isoformat()}")
        self.meeting_id = meeting_id
        self.ended_at = ended_at


def is_over(meeting: Meeting, now: datetime) -> bool:
    """Whether the session has ended: it can no longer be cancelled, moved or edited."""
    return meeting.ends_at <= now


def require_not_over(meeting: Meeting, now: datetime) -> None:
    """Raise `SessionOverError` for a session that has ended."""
    if is_over(meeting, now):
        raise SessionOverError(meeting.id, meeting.ends_at)


class PeopleWelcomedError(Exception):
    """Staff tried to cancel or move a session under way where people were marked present: it is being held, and those
    who came would read it was called off or moved (a wrong mark is corrected first)."""

    def __init__(self, meeting_id: int, present: int) -> None:
        super().__init__(f"session {meeting_id}: {present} marked present")
        self.meeting_id = meeting_id
        self.present = present


def held_in_part(meeting: Meeting, present: int, now: datetime) -> bool:
    """Whether the session is being held: it has started and `present` people were marked present at the door.

    Before the start, people checked in early may still be told it is called off (it did not take place).
    """
    return present > 0 and meeting.starts_at <= now


def require_nobody_welcomed(meeting: Meeting, present: int, now: datetime) -> None:
    """Raise `PeopleWelcomedError` for a session under way where `present` people were marked present."""
    if held_in_part(meeting, present, now):
        raise PeopleWelcomedError(meeting.id, present)


class TooEarlyError(Exception):
    """Staff asked for something a session does not allow yet; `opens_at` (UTC) says when it will."""

    def __init__(self, meeting_id: int, opens_at: datetime) -> None:
        super().__init__(f"session {meeting_id}: not before {opens_at.isoformat()}")
        self.meeting_id = meeting_id
        self.opens_at = opens_at


class CheckInNotOpenError(TooEarlyError):
    """Attendance was marked more than an hour before the session starts."""


class PollNotOpenError(TooEarlyError):
    """The satisfaction poll was sent before the session ended."""


def check_in_opens(meeting: Meeting) -> datetime:
    """When staff may start marking attendance: an hour before the start."""
    return meeting.starts_at - CHECK_IN_AHEAD


def poll_opens(meeting: Meeting) -> datetime:
    """When the satisfaction poll may go to the people present: once the session has ended."""
    return meeting.ends_at


def check_in_open(meeting: Meeting, now: datetime) -> bool:
    """Whether attendance can be marked now."""
    return now >= check_in_opens(meeting)


def poll_open(meeting: Meeting, now: datetime) -> bool:
    """Whether the poll can be sent now."""
    return now >= poll_opens(meeting)


def require_check_in_open(meeting: Meeting, now: datetime) -> None:
    """Raise `CheckInNotOpenError` more than an hour before the start."""
    if not check_in_open(meeting, now):
        raise CheckInNotOpenError(meeting.id, check_in_opens(meeting))


def require_poll_open(meeting: Meeting, now: datetime) -> None:
    """Raise `PollNotOpenError` before the session has ended."""
    if not poll_open(meeting, now):
        raise PollNotOpenError(meeting.id, poll_opens(meeting))
