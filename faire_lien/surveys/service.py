"""Survey and report operations for staff, shared by the bot's /staff screens, the command line and the console.

Each returns plain data and leaves the audit rows a read of results or figures requires; none builds a reply.
Polls and results about sessions obey `faire_lien/sessions/access.py`: a facilitator reaches their sessions only.

Reports (results, the yearly report) take the `Database`, not a unit of work: the figures are read in
`Database.read_only` (on SQLite its own connection in a worker thread, never holding the write lock; on
PostgreSQL a READ ONLY transaction), so a report never stalls people talking to the bot. The audit row is
written afterwards, in a unit of work of its own: a read that failed leaves no row, and nothing is returned,
so nothing shown, before the row is committed. The callers must not hold a unit of work meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.schema import Flow
from faire_lien.core.months import Month, bounds
from faire_lien.core.roles import Staff
from faire_lien.sessions.access import check_follows, followed_filter
from faire_lien.sessions.timing import require_poll_open
from faire_lien.surveys.report import Line, yearly
from faire_lien.surveys.results import SurveyReport, counted_steps, from_tally, quoted_steps, whole_groups
from faire_lien.surveys.years import check_year
from storage.audit import record
from storage.db import Database
from storage.meetings import attendance_counts, get_meeting
from storage.models import Meeting
from storage.reports import (
    MeetingSet,
    Months,
    listed,
    selected_meetings,
    survey_tally,
    survey_tally_by_month,
)
from storage.surveys import Progress, invite_present, next_due, progress

T = TypeVar("T")


@dataclass(frozen=True)
class Selection:
    """Which sessions a survey's results cover: one session, or every session of a kind held in whole months.

    `first` and `last` are calendar months, both included (open when None): a period can never be
    narrowed to a few days, so two periods never differ by a day's sessions.
    """

    meeting_id: int | None = None
    kind: str | None = None
    first: Month | None = None
    last: Month | None = None


@dataclass(frozen=True)
class MeetingResults:
    """A survey's results about one session, whether it has gone out to anyone yet and when the next invitation
    waiting does."""

    meeting: Meeting
    report: SurveyReport
    sent: bool = True
    """Whether an invitation went out (answered, sent, tried and found unreachable, or may have arrived: uncertain)."""
    due: datetime | None = None
    """When the first invitation not sent yet goes out (None: none waits)."""
    waiting: int = 0
    """How many invitations wait in the send queue, not delivered yet."""


@dataclass(frozen=True)
class PollFollowUp:
    """Where a session's poll stands: people marked present, and its invitations by status."""

    meeting: Meeting
    flow_id: str
    present: int
    progress: Progress


async def send_poll(session: AsyncSession, meeting_id: int, flow_id: str, staff: Staff, now: datetime) -> int | None:
    """Invite everyone marked present to a survey, once each; how many new invitations (None: no such session).

    Sending again invites only people marked present since. Raises `PollNotOpenError` before the session ends.
    """
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None:
        return None
    require_poll_open(meeting, now)
    return await invite_present(session, meeting, flow_id, now)


async def poll_follow_up(session: AsyncSession, meeting_id: int, flow_id: str, staff: Staff) -> PollFollowUp | None:
    """How a survey about one session is going: invited, still queued, sent, unreachable, and answered in whole
    groups of 5, as results count them (counts only; None: no session)."""
    await check_follows(session, staff, meeting_id)
    meeting = await get_meeting(session, meeting_id)
    if meeting is None:
        return None
    present = (await attendance_counts(session, meeting.id))["present"]
    return PollFollowUp(meeting, flow_id, present, await poll_progress(session, meeting.id, flow_id))


async def poll_progress(session: AsyncSession, meeting_id: int, flow_id: str) -> Progress:
    """Invited, still queued, sent, uncertain, unreachable, and answered in whole groups of 5 as results count them
    (the 6th answer is not seen arriving)."""
    found = await progress(session, meeting_id, flow_id)
    return replace(found, answered=whole_groups(found.answered))


Made = Callable[[T], Sequence[str]]
"""What a caller makes from figures just read, before the read is audited: the format of each file it made (none,
no file); each one gets an export row in the read's unit of work."""


@dataclass(frozen=True)
class Files(Generic[T]):
    """Files made from a read (`Made`), and the channel they were given through (« bot »), as the export rows say."""

    made: Made[T]
    via: str


async def meeting_results(
    db: Database, flow: Flow, meeting_id: int, staff: Staff, now: datetime, files: Files[MeetingResults] | None = None
) -> MeetingResults | None:
    """A survey's results for one session (audited with the session, with each file made from them, e.g. the bot's
    chart); None when there is no such session."""
    found = await _meeting_read(db, (flow,), meeting_id, staff)
    if found is None:
        return None
    formats = files.made(found[0]) if files is not None else ()
    detail = {"survey": flow.id, "meeting": meeting_id, "via": files.via if files is not None else None}
    async with db.unit_of_work() as session:
        record(session, actor=staff.label, action="read_survey_results", at=now, detail={"meeting": meeting_id})
        _record_exports(session, staff.label, now, "export_survey_results", formats, detail)
    return found[0]


async def meeting_surveys_results(
    db: Database, flows: Sequence[Flow], meeting_id: int, staff: Staff, now: datetime
) -> list[MeetingResults] | None:
    """Each survey's results for one session, as one read: one audit row with the session, whatever the number of
    surveys; None when there is no such session."""
    found = await _meeting_read(db, flows, meeting_id, staff)
    if found is not None:
        await _audit_read(db, staff, now, {"meeting": meeting_id})
    return found


async def _meeting_read(
    db: Database, flows: Sequence[Flow], meeting_id: int, staff: Staff
) -> list[MeetingResults] | None:
    """Each survey's results for one session, not audited yet; None when there is no such session."""
    async with db.read_only() as reader:
        await check_follows(reader, staff, meeting_id)
        meeting = await get_meeting(reader, meeting_id)
        if meeting is None:
            return None
        one = selected_meetings(meeting_id=meeting.id, kind=None, since=None, until=None)
        return [
            MeetingResults(
                meeting,
                await _results(reader, flow, one),
                (tried.sent + tried.unreachable + tried.uncertain) > 0,
                await next_due(reader, meeting.id, flow.id),
                tried.waiting,
            )
            for flow in flows
            for tried in [await progress(reader, meeting.id, flow.id)]
        ]


LATEST_COMMENTS = 50
"""Comments a results page shows over a kind and months: the latest ones, from the newest sessions."""


async def survey_results(
    db: Database, flow: Flow, selection: Selection, staff: Staff, now: datetime, comments: int | None = LATEST_COMMENTS
) -> SurveyReport:
    """A survey's results over the selected sessions the staff member follows, each counted only with 5 respondents
    or more (audited with the sessions covered). A page asks for the latest `comments` only (with how many more
    there are); an export asks for every comment (`comments=None`).

    A kind over whole months, for someone who sees every session, is read from the totals kept per month
    (audited with the selection and how many sessions it holds); one session, or a facilitator's own sessions,
    are counted from their rows (audited with the sessions' numbers).
    """
    followed = followed_filter(staff)
    if selection.meeting_id is None and selection.kind is not None and followed is None:
        return await _by_month(db, flow, selection, staff, now, comments)
    since, until = bounds(selection.first, selection.last)
    chosen = selected_meetings(
        meeting_id=selection.meeting_id, kind=selection.kind, since=since, until=until, followed_by_staff=followed
    )
    async with db.read_only() as reader:
        if selection.meeting_id:
            await check_follows(reader, staff, selection.meeting_id)
        meetings = await listed(reader, chosen)
        report = await _results(reader, flow, chosen)
    await _audit_read(db, staff, now, {"survey": flow.id, "meetings": meetings})
    return report


async def _by_month(
    db: Database, flow: Flow, selection: Selection, staff: Staff, now: datetime, comments: int | None
) -> SurveyReport:
    """Results over a kind and whole months, from the monthly totals."""
    first, last = (str(m) if m is not None else None for m in (selection.first, selection.last))
    months = Months(flow.id, selection.kind, first, last)
    async with db.read_only() as reader:
        tally = await survey_tally_by_month(reader, months, counted_steps(flow), quoted_steps(flow), comments)
    selected = {"kind": selection.kind, "first": first, "last": last, "sessions": tally.sessions}
    await _audit_read(db, staff, now, {"survey": flow.id, **selected})
    return from_tally(flow, tally)


async def _audit_read(db: Database, staff: Staff, now: datetime, detail: dict[str, Any]) -> None:
    """The audit row of a staff member reading survey results: who, when, and which results."""
    async with db.unit_of_work() as session:
        record(session, actor=staff.label, action="read_survey_results", at=now, detail=detail)


ExportAction = Literal["export_survey_results", "export_survey_nothing", "export_yearly_report"]
"""A file written (results, the yearly report), or results asked for that had nothing to export (no file)."""


async def audit_exports(
    db: Database, actor: str, now: datetime, action: ExportAction, formats: Sequence[str], **detail: Any
) -> None:
    """The audit rows of files written from results or the yearly report: one per format, with which figures; the
    caller writes the files once this returns (the rows committed first, as for a read)."""
    if not formats:
        return
    async with db.unit_of_work() as session:
        _record_exports(session, actor, now, action, formats, detail)


def _record_exports(
    session: AsyncSession,
    actor: str,
    now: datetime,
    action: ExportAction,
    formats: Sequence[str],
    detail: Mapping[str, Any],
) -> None:
    """One export row per format written, with which figures."""
    for fmt in formats:
        record(session, actor=actor, action=action, at=now, detail={**detail, "format": fmt})


async def _results(session: AsyncSession, flow: Flow, meetings: MeetingSet) -> SurveyReport:
    """A survey's results over these meetings, counted by the database."""
    return from_tally(flow, await survey_tally(session, flow.id, meetings, quoted_steps(flow)))


async def yearly_report(
    db: Database,
    year: int,
    flows: Mapping[str, Flow],
    actor: str,
    now: datetime,
    files: Files[list[Line]] | None = None,
) -> list[Line]:
    """Every indicator of one calendar year for the activity report; the read is audited, with each file made from
    it (the bot's XLSX) in the same unit of work. A year outside the service's life (`report_years`) raises
    `NoSuchYearError`: nothing is read, nothing audited."""
    async with db.read_only() as reader:
        await check_year(reader, year, now)
        lines = await yearly(reader, year, flows, now)
    formats = files.made(lines) if files is not None else ()
    detail = {"year": year, "via": files.via if files is not None else None}
    async with db.unit_of_work() as session:
        record(session, actor=actor, action="read_yearly_report", at=now, detail={"year": year})
        _record_exports(session, actor, now, "export_yearly_report", formats, detail)
    return lines
