"""Report queries for staff: the yearly indicators, which meetings a survey's results cover, a survey's answers
counted per question, sessions to come.

Every figure is computed by the database (GROUP BY, window functions): nothing loads one row per person or answer
into Python, and no query carries one parameter per row. Counts only; hiding groups under 5 people in what is
shown is the caller's job (`faire_lien/surveys/`), except the per-session rule of survey answers, applied here:
a session's answers count in whole groups of 5 respondents (`storage/survey_groups.py`).

The yearly people, sessions and attendance figures here count the rows themselves: the yearly report reads
the totals of `storage/year_totals.py` instead, and these stay as the reference the tests check them against.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from storage.facilitators import followed_by
from storage.models import (
    Answer,
    Meeting,
    Registration,
    Response,
    SurveyErased,
    SurveyErasedAnswer,
    SurveyInvitation,
    SurveyMonth,
    SurveyMonthAnswer,
    SurveyMonthStep,
    SurveySession,
    YearCount,
    YearSession,
)
from storage.survey_groups import NOT_CONCERNED_STORED, answered, counted, erased_whole, in_whole_group, same_group
from storage.survey_totals import FIGURES, SMALL_SESSION, month_start
from storage.types import PARIS

MeetingSet = Select[int]
"""Which meetings a report covers, as a query of meeting ids run inside the report's own query."""


def _held(start: datetime, end: datetime, now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Meetings not cancelled that started in [start, end) and are over."""
    return (Meeting.status == "scheduled", Meeting.starts_at >= start, Meeting.starts_at < end, Meeting.ends_at < now)


async def people_helped(session: AsyncSession, flow_ids: list[str], start: datetime, end: datetime) -> int:
    """Distinct people who finished one of these flows in [start, end)."""
    helped = await session.scalar(
        select(func.count(func.distinct(Response.person_id))).where(
            Response.flow_id.in_(flow_ids), Response.completed_at >= start, Response.completed_at < end
        )
    )
    return int(helped or 0)


async def people_met(session: AsyncSession, start: datetime, end: datetime, now: datetime) -> int:
    """Distinct people marked present at a meeting held in [start, end)."""
    present = await session.scalar(
        select(func.count(func.distinct(Registration.person_id)))
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(*_held(start, end, now), Registration.attendance == "present")
    )
    return int(present or 0)


async def sessions_held(session: AsyncSession, start: datetime, end: datetime, now: datetime) -> list[tuple[str, int]]:
    """Meetings held in [start, end) per kind, by kind."""
    by_kind = await session.execute(
        select(Meeting.kind, func.count()).where(*_held(start, end, now)).group_by(Meeting.kind)
    )
    return sorted((str(kind), int(count)) for kind, count in by_kind.all())


async def attendance_marks(session: AsyncSession, start: datetime, end: datetime, now: datetime) -> dict[str, int]:
    """Registered people of meetings held in [start, end), per attendance mark (unmarked ones left out)."""
    marks = await session.execute(
        select(Registration.attendance, func.count())
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(*_held(start, end, now), Registration.status == "registered", Registration.attendance.is_not(None))
        .group_by(Registration.attendance)
    )
    return {str(k): int(v) for k, v in marks.all()}


def started_between(start: datetime, end: datetime) -> MeetingSet:
    """Meetings (cancelled ones too) that started in [start, end)."""
    return select(Meeting.id).where(Meeting.starts_at >= start, Meeting.starts_at < end)


async def surveyed_meetings(session: AsyncSession, flow_id: str, start: datetime, end: datetime) -> list[int]:
    """Meetings that started in [start, end) with at least one invitation to this survey."""
    query = (
        select(SurveyInvitation.meeting_id)
        .where(SurveyInvitation.flow_id == flow_id)
        .join(Meeting, Meeting.id == SurveyInvitation.meeting_id)
        .where(Meeting.starts_at >= start, Meeting.starts_at < end)
        .distinct()
    )
    return list((await session.execute(query)).scalars().all())


async def meeting_ids(
    session: AsyncSession,
    *,
    meeting_id: int | None,
    kind: str | None,
    since: datetime | None,
    until: datetime | None,
    followed_by_staff: int | None = None,
) -> list[int]:
    """One meeting (when `meeting_id` is given) or every meeting of a kind, started in [since, until).

    With `followed_by_staff`, only the meetings that staff member is assigned to.
    """
    query = selected_meetings(
        meeting_id=meeting_id, kind=kind, since=since, until=until, followed_by_staff=followed_by_staff
    )
    return await listed(session, query)


async def listed(session: AsyncSession, meetings: MeetingSet) -> list[int]:
    """The ids of a set of meetings (for the audit log)."""
    return list((await session.execute(meetings)).scalars())


def selected_meetings(
    *,
    meeting_id: int | None,
    kind: str | None,
    since: datetime | None,
    until: datetime | None,
    followed_by_staff: int | None = None,
) -> MeetingSet:
    """The meetings `meeting_ids` lists, as a query to run inside a report's query."""
    scope = Meeting.id == meeting_id if meeting_id else Meeting.kind == kind
    query = select(Meeting.id).where(scope)
    if followed_by_staff is not None:
        query = query.where(followed_by(followed_by_staff))
    if since:
        query = query.where(Meeting.starts_at >= since)
    if until:
        query = query.where(Meeting.starts_at < until)
    return query


@dataclass(frozen=True)
class SessionSeats:
    """A meeting with how many people wait for a seat."""

    meeting: Meeting
    waiting: int


async def sessions_to_come(
    session: AsyncSession,
    now: datetime,
    followed_by_staff: int | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[SessionSeats]:
    """Every meeting not yet over (cancelled ones too), soonest first, with its waiting list's length.

    With `followed_by_staff`, only the sessions that staff member is assigned to; with `limit`, one page of them
    (`offset` skipped first).
    """
    return await _with_waiting(
        session, (Meeting.ends_at > now,), Meeting.starts_at, followed_by_staff, limit=limit, offset=offset
    )


async def count_sessions_to_come(session: AsyncSession, now: datetime, followed_by_staff: int | None = None) -> int:
    """How many meetings `sessions_to_come` lists in all (to page them)."""
    query = select(func.count()).select_from(Meeting).where(Meeting.ends_at > now)
    if followed_by_staff is not None:
        query = query.where(followed_by(followed_by_staff))
    return int((await session.execute(query)).scalar_one())


async def sessions_over(
    session: AsyncSession, now: datetime, since: datetime, followed_by_staff: int | None = None
) -> list[SessionSeats]:
    """Meetings over that started after `since` (cancelled ones too), latest first, with their waiting lists."""
    over = (Meeting.ends_at <= now, Meeting.starts_at >= since)
    return await _with_waiting(session, over, Meeting.starts_at.desc(), followed_by_staff)


async def _with_waiting(
    session: AsyncSession,
    where: tuple[ColumnElement[bool], ...],
    order: ColumnElement[datetime] | InstrumentedAttribute[datetime],
    followed_by_staff: int | None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[SessionSeats]:
    waiting = (
        select(Registration.meeting_id, func.count().label("n"))
        .where(Registration.status == "waiting")
        .group_by(Registration.meeting_id)
        .subquery()
    )
    query = select(Meeting, waiting.c.n).outerjoin(waiting, waiting.c.meeting_id == Meeting.id).where(*where)
    if followed_by_staff is not None:
        query = query.where(followed_by(followed_by_staff))
    query = query.order_by(order, Meeting.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = (await session.execute(query)).all()
    return [SessionSeats(meeting, int(n or 0)) for meeting, n in rows]


@dataclass(frozen=True)
class AnswerCount:
    """How many counted answers to one question had one value (decoded as the chat stored it)."""

    step_id: str
    value: Any
    count: int


@dataclass(frozen=True)
class SurveyTally:
    """A survey over some meetings as the database counted it: sessions, people, answers per value, quotes.

    Only sessions with at least one invitation are there. A session's respondents count in whole groups of 5, in
    the order they answered (`storage/survey_groups.py`): sessions with respondents but no whole group (1 to 4)
    give their number and respondents only; a session's answers to a question count only when 5 of its
    respondents counted or more answered it. `quotes` are the counted respondents' answers to the quoted
    (free-text) questions asked for.
    """

    invited: int
    respondents: int
    left_out_sessions: int
    left_out_respondents: int
    counted_sessions: int
    counted_invited: int
    counted_respondents: int
    """Respondents in whole groups of 5: the only ones whose answers are counted."""
    answers: list[AnswerCount] = field(default_factory=list)
    quotes: list[tuple[str, Any]] = field(default_factory=list)
    more_quotes: int = 0
    """Quotes left out of `quotes` when only the latest were asked for."""
    sessions: int = 0
    """Sessions with at least one invitation (for the audit log)."""


async def survey_tally(
    session: AsyncSession, flow_id: str, meetings: MeetingSet, quoted: Collection[str] = ()
) -> SurveyTally:
    """A survey's invitations, respondents and answers over these meetings, counted per session then added up."""
    ours = (SurveyInvitation.flow_id == flow_id, SurveyInvitation.meeting_id.in_(meetings))
    members = counted(*ours)
    rows = (
        select(SurveyInvitation.meeting_id, answered().label("answered"), in_whole_group().label("counts"))
        .where(*ours)
        .subquery()
    )
    live = select(
        rows.c.meeting_id,
        func.count().label("invited"),
        func.count(case((rows.c.answered, 1))).label("respondents"),
        func.count(case((rows.c.counts, 1))).label("counted"),
    ).group_by(rows.c.meeting_id)
    theirs = (SurveyErased.flow_id == flow_id, SurveyErased.meeting_id.in_(meetings))
    gone = select(
        SurveyErased.meeting_id,
        SurveyErased.invited,
        SurveyErased.respondents,
        case((erased_whole(), SurveyErased.respondents), else_=literal(0)),
    ).where(*theirs)
    both = union_all(live, gone).subquery()
    per_session = (
        select(
            func.sum(both.c.invited).label("invited"),
            func.sum(both.c.respondents).label("respondents"),
            func.sum(both.c.counted).label("counted"),
        )
        .group_by(both.c.meeting_id)
        .subquery()
    )
    small = and_(per_session.c.respondents >= 1, per_session.c.counted == 0)
    big = per_session.c.counted > 0
    zero = literal(0)
    totals = (
        await session.execute(
            select(
                func.coalesce(func.sum(per_session.c.invited), zero),
                func.coalesce(func.sum(per_session.c.respondents), zero),
                func.count(case((small, 1))),
                func.coalesce(func.sum(case((small, per_session.c.respondents), else_=zero)), zero),
                func.count(case((big, 1))),
                func.coalesce(func.sum(case((big, per_session.c.invited), else_=zero)), zero),
                func.coalesce(func.sum(per_session.c.counted), zero),
                func.count(),
            )
        )
    ).one()
    invited, respondents, left_out, left_out_respondents, big_ones, big_invited, grouped, sessions = map(int, totals)
    figures = (invited, respondents, left_out, left_out_respondents, big_ones, big_invited, grouped)
    if not grouped:
        return SurveyTally(*figures, sessions=sessions)
    stored = cast(Answer.value, String)
    given = (
        select(members.c.meeting_id, Answer.step_id, stored.label("value"), func.count().label("n"))
        .join_from(members, Answer, Answer.response_id == members.c.response_id)
        .where(stored != "null")
        .group_by(members.c.meeting_id, Answer.step_id, stored)
    )
    erased_given = (
        select(
            SurveyErasedAnswer.meeting_id,
            SurveyErasedAnswer.step_id,
            SurveyErasedAnswer.value,
            SurveyErasedAnswer.answers,
        )
        .join(SurveyErased, same_group())
        .where(*theirs, erased_whole())
    )
    every = union_all(given, erased_given).subquery()
    per_value = select(
        every.c.step_id,
        every.c.value,
        func.sum(every.c.n).label("n"),
        func.sum(func.sum(case((every.c.value != NOT_CONCERNED_STORED, every.c.n), else_=0)))
        .over(partition_by=(every.c.meeting_id, every.c.step_id))
        .label("in_session"),
    ).group_by(every.c.meeting_id, every.c.step_id, every.c.value)
    each = per_value.subquery()
    by_value = (
        select(each.c.step_id, each.c.value, func.sum(each.c.n))
        .where(each.c.in_session >= SMALL_SESSION)
        .group_by(each.c.step_id, each.c.value)
    )
    answers = [AnswerCount(step, json.loads(value), int(n)) for step, value, n in await session.execute(by_value)]
    quotes: list[tuple[str, Any]] = []
    if quoted:
        words = (
            select(Answer.step_id, stored)
            .join_from(members, Answer, Answer.response_id == members.c.response_id)
            .where(stored != "null", Answer.step_id.in_(list(quoted)))
        )
        quotes = [(step, json.loads(value)) for step, value in await session.execute(words)]
    return SurveyTally(*figures, answers, quotes, sessions=sessions)


@dataclass(frozen=True)
class Months:
    """A survey's sessions of one kind (every kind when None) started in Paris months `first` to `last`
    ("YYYY-MM", both included; open when None)."""

    flow_id: str
    kind: str | None
    first: str | None
    last: str | None


def _within(model: type[SurveyMonth] | type[SurveyMonthAnswer] | type[SurveyMonthStep], months: Months) -> list[Any]:
    where: list[Any] = [model.flow_id == months.flow_id]
    if months.kind is not None:
        where.append(model.kind == months.kind)
    if months.first is not None:
        where.append(model.month >= months.first)
    if months.last is not None:
        where.append(model.month <= months.last)
    return where


async def survey_tally_by_month(
    session: AsyncSession,
    months: Months,
    steps: Collection[str] | None = None,
    quoted: Collection[str] = (),
    latest: int | None = None,
) -> SurveyTally:
    """What `survey_tally` counts over these months, read from the totals kept per month
    (`storage/survey_totals.py`): a few rows per month. With `steps`, only these questions' answers are read;
    with `latest`, only the latest quotes (from the newest sessions), and how many more there are."""
    zero = literal(0)
    sums = [func.coalesce(func.sum(getattr(SurveyMonth, name)), zero) for name in FIGURES]
    totals = (await session.execute(select(*sums).where(*_within(SurveyMonth, months)))).one()
    invited, respondents, left_out, left_out_respondents, big_ones, big_invited, grouped, sessions = map(int, totals)
    figures = (invited, respondents, left_out, left_out_respondents, big_ones, big_invited, grouped)
    where = _within(SurveyMonthAnswer, months)
    if steps is not None:
        where.append(SurveyMonthAnswer.step_id.in_(list(steps)))
    by_value = (
        select(SurveyMonthAnswer.step_id, SurveyMonthAnswer.value, func.sum(SurveyMonthAnswer.answers))
        .where(*where)
        .group_by(SurveyMonthAnswer.step_id, SurveyMonthAnswer.value_key, SurveyMonthAnswer.value)
    )
    answers = [AnswerCount(step, json.loads(value), int(n)) for step, value, n in await session.execute(by_value)]
    quotes: list[tuple[str, Any]] = []
    more = 0
    if quoted and grouped and latest is None:
        quotes = await _quotes(session, months.flow_id, counted_sessions(months), quoted)
    elif quoted and grouped and latest is not None:
        quotes = await _latest_quotes(session, months, quoted, latest)
        more = await _quotes_given(session, months, quoted) - len(quotes)
    return SurveyTally(*figures, answers, quotes, more, sessions)


QUOTED_SESSIONS = 25
"""Sessions read at a time, newest first, when looking for the latest quotes."""


async def _latest_quotes(
    session: AsyncSession, months: Months, quoted: Collection[str], latest: int
) -> list[tuple[str, Any]]:
    """The `latest` newest answers to the quoted questions: sessions with respondents counted walked newest first
    along their index, a few at a time, until enough are found (not every answer of the period)."""
    newest = (
        select(SurveySession.meeting_id, SurveySession.starts_at)
        .where(*_sessions_within(months), SurveySession.counted >= SMALL_SESSION)
        .order_by(SurveySession.starts_at.desc(), SurveySession.meeting_id.desc())
        .limit(QUOTED_SESSIONS)
    )
    found: list[tuple[str, Any]] = []
    seen: list[int] = []
    query = newest
    while len(found) < latest:
        batch = (await session.execute(query)).all()
        if not batch:
            break
        ids = [meeting_id for meeting_id, _ in batch]
        order = {meeting_id: n for n, meeting_id in enumerate(ids)}
        rows = await _quote_rows(session, months.flow_id, ids, quoted)
        rows.sort(key=lambda row: (order[row[0]], -row[1]))
        found.extend((step, value) for _, _, step, value in rows)
        seen.extend(ids)  # the next sessions: started no later than the last one read, not read yet
        query = newest.where(SurveySession.starts_at <= batch[-1][1], SurveySession.meeting_id.not_in(seen))
    return found[:latest]


async def _quote_rows(
    session: AsyncSession, flow_id: str, meeting_ids: list[int], quoted: Collection[str]
) -> list[tuple[int, int, str, Any]]:
    """(session, answer id, question, value) of the counted respondents' answers to the quoted questions in these
    sessions."""
    stored = cast(Answer.value, String)
    members = counted(SurveyInvitation.flow_id == flow_id, SurveyInvitation.meeting_id.in_(meeting_ids))
    words = (
        select(members.c.meeting_id, Answer.id, Answer.step_id, stored)
        .join_from(members, Answer, Answer.response_id == members.c.response_id)
        .where(Answer.step_id.in_(list(quoted)), stored != "null")
    )
    return [(int(m), int(a), step, json.loads(value)) for m, a, step, value in await session.execute(words)]


async def _quotes_given(session: AsyncSession, months: Months, quoted: Collection[str]) -> int:
    """How many answers to the quoted questions the respondents counted in these months gave."""
    total = await session.scalar(
        select(func.coalesce(func.sum(SurveyMonthStep.given), literal(0))).where(
            *_within(SurveyMonthStep, months), SurveyMonthStep.step_id.in_(list(quoted))
        )
    )
    return int(total or 0)


def _sessions_within(months: Months) -> list[ColumnElement[bool]]:
    """The sessions of a survey and kind started in these months, as bounds on their start (Paris time): the
    same sessions as their `month`, read along the index on (survey, kind, start)."""
    where: list[ColumnElement[bool]] = [SurveySession.flow_id == months.flow_id]
    if months.kind is not None:
        where.append(SurveySession.kind == months.kind)
    if months.first is not None:
        where.append(SurveySession.starts_at >= month_start(months.first))
    if months.last is not None:
        where.append(SurveySession.starts_at < month_start(months.last, after=True))
    return where


def counted_sessions(months: Months) -> MeetingSet:
    """The sessions of these months with respondents counted (a whole group of 5 or more), as the totals know them."""
    return select(SurveySession.meeting_id).where(*_sessions_within(months), SurveySession.counted >= SMALL_SESSION)


async def _quotes(
    session: AsyncSession, flow_id: str, meetings: MeetingSet, quoted: Collection[str]
) -> list[tuple[str, Any]]:
    """The counted respondents' answers to the quoted questions in these sessions (all of them)."""
    stored = cast(Answer.value, String)
    members = counted(SurveyInvitation.flow_id == flow_id, SurveyInvitation.meeting_id.in_(meetings))
    words = (
        select(Answer.step_id, stored)
        .join_from(members, Answer, Answer.response_id == members.c.response_id)
        .where(Answer.step_id.in_(list(quoted)), stored != "null")
    )
    return [(step, json.loads(value)) for step, value in await session.execute(words)]


FIRST_DATA = (Registration.created_at, Response.completed_at, SurveyInvitation.answered_at, Meeting.starts_at)
"""The dates that make a year one of the service's: a registration, a finished questionnaire (an answered evaluation
among them), a session."""
FIRST_COUNTED = (YearSession.year, YearCount.year)
"""The yearly totals' years: a year whose registrations and sessions the retention purge has since erased still
has its report."""


async def first_year(session: AsyncSession) -> int | None:
    """The Paris year the service's data begins: the earliest of `FIRST_DATA` and of the yearly totals kept
    (`FIRST_COUNTED`); None with no data at all. One query."""
    earliest = [select(func.min(column)).scalar_subquery() for column in (*FIRST_DATA, *FIRST_COUNTED)]
    found = (await session.execute(select(*earliest))).one()
    moments, years = found[: len(FIRST_DATA)], found[len(FIRST_DATA) :]
    found_years = [moment.astimezone(PARIS).year for moment in moments if moment is not None]
    return min([*found_years, *(year for year in years if year is not None)], default=None)
