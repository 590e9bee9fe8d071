"""When staff may act on a session: check-in opens an hour before the start, the poll once the session has ended.

The one place the rule lives: the services (`mark_attendance`, `send_poll`) raise these refusals, and each
adapter (the bot's /staff screens, the command line, the console) says when the door opens.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.models import Meeting

CHECK_IN_AHEAD = timedelta(hours=1)
"""How long before the start staff may mark people present, absent or excused."""


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
