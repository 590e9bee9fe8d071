"""Survey totals kept per month stay equal to the count from the rows through every real write, on both databases."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import String, and_, cast, func, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import translator
from dialogs.results.blocks import Card
from dialogs.schema import Flow
from dialogs.steps import kind_of
from faire_lien.core.finish import Finish
from faire_lien.core.months import Month
from faire_lien.core.roles import Staff
from faire_lien.core.turn import Turn
from faire_lien.sessions.service import mark_attendance
from faire_lien.surveys.invitations import mark_answered
from faire_lien.surveys.results import counted_steps, from_tally, quoted_steps
from faire_lien.surveys.service import send_poll
from storage import survey_totals
from storage.db import Database
from storage.meetings import cancel_meeting, move_meeting
from storage.models import (
    Answer,
    Meeting,
    Person,
    Registration,
    Response,
    SurveyErased,
    SurveyInvitation,
    SurveyMonth,
    SurveyMonthAnswer,
    SurveyMonthStep,
    SurveySession,
)
from storage.personal_data import forget_person
from storage.reports import MeetingSet, Months, SurveyTally, selected_meetings, survey_tally, survey_tally_by_month
from storage.retention import purge
from storage.surveys import invite, withdraw
from tests.support.records import a_meeting, a_person
from tests.support.report_data import KINDS, ReportData, generate, insert_all

HOT, IMPACT = "hot_evaluation", "impact_3m"
SURVEYS = (HOT, IMPACT)
COORDINATOR = Staff("coordinator", None, "marie")
NOW = datetime(2027, 2, 1, 12, tzinfo=UTC)
"""After every generated session: polls are open and retention can reach them."""
PERIODS = ((None, None), ("2026-01", "2026-12"), ("2025-11", "2025-11"), ("2026-03", "2026-06"), ("2027-01", None))


async def filled(database: Database, flows: dict[str, Flow], seed: int, meetings: int = 60) -> ReportData:
    data = generate([flows[f] for f in SURVEYS], meetings=meetings, seed=seed)
    async with database.unit_of_work() as session:
        await insert_all(session, data.rows)
    if database.engine.dialect.name == "postgresql":  # bulk ids do not move the sequences
        async with database.unit_of_work() as session:
            for table in ("people", "meetings", "registrations", "responses", "survey_invitations", "answers"):
                await session.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
    return data


def raw_meetings(months: Months) -> MeetingSet:
    """The sessions a kind-and-months selection covers, for the count from the rows."""
    since = Month.parse(months.first).start() if months.first else None
    until = Month.parse(months.last).following().start() if months.last else None
    if months.kind is not None:
        return selected_meetings(meeting_id=None, kind=months.kind, since=since, until=until)
    query = select(Meeting.id)
    if since:
        query = query.where(Meeting.starts_at >= since)
    if until:
        query = query.where(Meeting.starts_at < until)
    return query


def same(tally: SurveyTally) -> tuple[Any, ...]:
    """A tally with its answers and quotes in a fixed order."""
    answers = sorted((a.step_id, repr(a.value), a.count) for a in tally.answers)
    quotes = sorted((step, repr(value)) for step, value in tally.quotes)
    return (*(getattr(tally, name) for name in survey_totals.FIGURES), answers, quotes)


async def kept_tables(session: AsyncSession) -> tuple[dict[Any, Any], ...]:
    sessions = {
        (r.flow_id, r.meeting_id): survey_totals.Share(
            r.kind, r.month, r.starts_at, r.invited, r.respondents, r.counted, r.answers, r.given
        )
        for r in (await session.execute(select(SurveySession))).scalars()
    }
    months = {
        (r.flow_id, r.kind, r.month): {name: getattr(r, name) for name in survey_totals.FIGURES}
        for r in (await session.execute(select(SurveyMonth))).scalars()
    }
    answers = {
        (r.flow_id, r.step_id, r.kind, r.month, r.value): r.answers
        for r in (await session.execute(select(SurveyMonthAnswer))).scalars()
    }
    steps = {
        (r.flow_id, r.step_id, r.kind, r.month): r.given
        for r in (await session.execute(select(SurveyMonthStep))).scalars()
    }
    return sessions, months, answers, steps


def but(steps: set[str], tables: tuple[dict[Any, Any], ...]) -> tuple[dict[Any, Any], ...]:
    """Kept tables without these questions' answers."""
    sessions, months, answers, given = tables
    return (
        {
            key: replace(
                share,
                answers={s: a for s, a in share.answers.items() if s not in steps},
                given={s: n for s, n in share.given.items() if s not in steps},
            )
            for key, share in sessions.items()
        },
        months,
        {key: n for key, n in answers.items() if key[1] not in steps},
        {key: n for key, n in given.items() if key[1] not in steps},
    )


async def assert_in_step(database: Database, flows: dict[str, Flow]) -> None:
    """Every kept row is what the rows give now, and so is every figure of every selection."""
    async with database.read_only() as reader:
        shares = await survey_totals.computed(reader)
        sessions, *monthly = await kept_tables(reader)
        assert sessions == shares
        assert tuple(monthly) == survey_totals.sums(shares)
        keys = await reader.execute(select(SurveyMonthAnswer.value_key, SurveyMonthAnswer.value))
        assert all(key == survey_totals.value_key(value) for key, value in keys.all())
        for flow_id in SURVEYS:
            flow = flows[flow_id]
            for kind in (*KINDS, None):
                for first, last in PERIODS:
                    months_chosen = Months(flow_id, kind, first, last)
                    kept = await survey_tally_by_month(reader, months_chosen, None, quoted_steps(flow))
                    counted = await survey_tally(reader, flow_id, raw_meetings(months_chosen), quoted_steps(flow))
                    assert same(kept) == same(counted), (flow_id, kind, first, last)
                    read = await survey_tally_by_month(reader, months_chosen, counted_steps(flow), quoted_steps(flow))
                    assert from_tally(flow, read) == from_tally(flow, counted)
                    if kind is not None:
                        await assert_latest_quotes(reader, flow, months_chosen, counted)


async def assert_latest_quotes(reader: AsyncSession, flow: Flow, months: Months, counted: SurveyTally) -> None:
    """The latest quotes are the newest sessions' answers, and with how many more there are they make them all."""
    everything = sorted((step, repr(value)) for step, value in counted.quotes)
    for latest in (0, 1, 7, 50, len(everything) + 5):
        found = await survey_tally_by_month(reader, months, counted_steps(flow), quoted_steps(flow), latest)
        assert len(found.quotes) == min(latest, len(everything))
        assert len(found.quotes) + found.more_quotes == len(everything)
        assert Counter((s, repr(v)) for s, v in found.quotes) <= Counter(everything)
    newest = await newest_quotes(reader, months, quoted_steps(flow))
    assert sorted((s, repr(v)) for s, v in newest) == everything  # the reference order
    found = await survey_tally_by_month(reader, months, counted_steps(flow), quoted_steps(flow), 7)
    assert [(s, repr(v)) for s, v in found.quotes] == [(s, repr(v)) for s, v in newest[:7]]


async def newest_quotes(reader: AsyncSession, months: Months, quoted: list[str]) -> list[tuple[str, Any]]:
    """Every quote of the respondents counted (whole groups of 5, members erased since included), newest session
    first, then latest answer first (from the rows)."""
    stored = cast(Answer.value, String)
    erased = and_(
        SurveyErased.flow_id == SurveyInvitation.flow_id,
        SurveyErased.meeting_id == SurveyInvitation.meeting_id,
        SurveyErased.answer_group == SurveyInvitation.answer_group,
    )
    whole = (
        select(SurveyInvitation.meeting_id, SurveyInvitation.answer_group)
        .outerjoin(SurveyErased, erased)
        .where(SurveyInvitation.flow_id == months.flow_id, SurveyInvitation.status == "answered")
        .where(SurveyInvitation.response_id.is_not(None), SurveyInvitation.answer_group.is_not(None))
        .group_by(SurveyInvitation.meeting_id, SurveyInvitation.answer_group)
        .having(func.count() + func.coalesce(func.max(SurveyErased.respondents), 0) == SMALL)
    )
    rows = await reader.execute(
        select(Answer.step_id, stored)
        .join(SurveyInvitation, SurveyInvitation.response_id == Answer.response_id)
        .join(Meeting, Meeting.id == SurveyInvitation.meeting_id)
        .where(
            SurveyInvitation.flow_id == months.flow_id,
            SurveyInvitation.status == "answered",
            tuple_(SurveyInvitation.meeting_id, SurveyInvitation.answer_group).in_(whole),
            SurveyInvitation.meeting_id.in_(raw_meetings(months)),
            Answer.step_id.in_(quoted),
            stored != "null",
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc(), Answer.id.desc())
    )
    return [(step, json.loads(value)) for step, value in rows.all()]


async def answer(database: Database, flows: dict[str, Flow], invitation_id: int, at: datetime) -> None:
    """A person finishes the survey of an invitation: the response and its answers, then the survey finisher."""
    async with database.unit_of_work() as session:
        invitation = await session.get(SurveyInvitation, invitation_id)
        assert invitation is not None
        person = await session.get(Person, invitation.person_id)
        assert person is not None
        flow = flows[invitation.flow_id]
        values: dict[str, Any] = {}
        for n, step in enumerate(flow.steps):
            values[step.id] = "très clair" if kind_of(step).verbatim else (None if n == 2 else _first_key(step))
        response = Response(person_id=person.id, flow_id=flow.id, flow_version=1, started_at=at, completed_at=at)
        session.add(response)
        await session.flush()
        session.add_all(
            Answer(response_id=response.id, person_id=person.id, flow_id=flow.id, flow_version=1, step_id=s, value=v)
            for s, v in values.items()
        )
        await session.flush()
        card = Card([])
        finish = Finish(flow, response, values, None, invitation.id, card)
        await mark_answered(Turn(session, person, translator("fr"), at), finish, card)


def _first_key(step: Any) -> Any:
    if step.kind == "yesno":
        return True
    key = kind_of(step).answer_keys(step)[0]
    return int(key) if key.lstrip("-").isdigit() else key


async def respondents_of(database: Database) -> dict[tuple[str, int], tuple[int, int]]:
    async with database.read_only() as reader:
        return {k: (s.invited, s.respondents) for k, s in (await survey_totals.computed(reader)).items()}


async def waiting_invitations(database: Database, flow_id: str, meeting_id: int) -> list[int]:
    async with database.read_only() as reader:
        found = await reader.execute(
            select(SurveyInvitation.id)
            .where(
                SurveyInvitation.flow_id == flow_id,
                SurveyInvitation.meeting_id == meeting_id,
                SurveyInvitation.status != "answered",
            )
            .order_by(SurveyInvitation.id)
        )
        return list(found.scalars())


@pytest.mark.parametrize("seed", [7])
async def test_survey_totals_follow_every_write(database: Database, flows: dict[str, Flow], seed: int) -> None:
    await filled(database, flows, seed)
    await assert_in_step(database, flows)
    shares = await respondents_of(database)
    async with database.read_only() as reader:
        held = set((await reader.execute(select(Meeting.id).where(Meeting.status == "scheduled"))).scalars())
    ours = [(k, n) for k, n in sorted(shares.items()) if k[0] == HOT and k[1] in held]
    four = next(k for k, (_, r) in ours if r == SMALL - 1)
    five = next(k for k, (_, r) in ours if r == SMALL and k != four)

    async with database.unit_of_work() as session:  # invitations made (more invited)
        for n in range(2):
            newcomer = await a_person(session, 990_001 + n)
            assert await invite(session, newcomer.id, HOT, four[1], NOW, NOW) is not None
    await assert_in_step(database, flows)

    waiting = await waiting_invitations(database, HOT, four[1])
    await answer(database, flows, waiting[0], NOW)  # the fifth respondent: the session now counts
    await assert_in_step(database, flows)
    assert (await respondents_of(database))[four][1] == SMALL

    async with database.unit_of_work() as session:  # an invitation withdrawn
        invitation = await session.get(SurveyInvitation, waiting[1])
        assert invitation is not None
        await withdraw(session, invitation)
    await assert_in_step(database, flows)

    async with database.read_only() as reader:  # a session without the hot survey, with people present
        surveyed = select(SurveyInvitation.meeting_id).where(SurveyInvitation.flow_id == HOT)
        present = (
            await reader.execute(
                select(Registration.id, Registration.meeting_id)
                .where(Registration.meeting_id.not_in(surveyed), Registration.status == "registered")
                .order_by(Registration.id)
            )
        ).all()
    registration_id, bare = present[0]
    async with database.unit_of_work() as session:  # present: the impact survey is scheduled (an invitation)
        await mark_attendance(session, registration_id, "present", COORDINATOR, NOW)
    await assert_in_step(database, flows)
    async with database.unit_of_work() as session:  # the poll goes to everyone present
        assert await send_poll(session, bare, HOT, COORDINATOR, NOW)
    await assert_in_step(database, flows)

    # Held sessions: no door cancels or moves them any more, storage still must keep the totals right if done in SQL.
    async with database.unit_of_work() as session:  # cancelled: still counted in its month
        held = await session.get(Meeting, five[1])
        assert held is not None
        assert await cancel_meeting(session, held, NOW) is not None
    await assert_in_step(database, flows)

    async with database.unit_of_work() as session:  # moved to 1 March 00:30 Paris: still February in UTC
        held = await session.get(Meeting, four[1])
        assert held is not None
        starts = datetime(2027, 2, 28, 23, 30, tzinfo=UTC)
        assert await move_meeting(session, held, starts, starts + timedelta(minutes=90)) is not None
    await assert_in_step(database, flows)
    async with database.read_only() as reader:
        moved = await reader.scalar(
            select(SurveySession.month).where(SurveySession.flow_id == HOT, SurveySession.meeting_id == four[1])
        )
    assert moved == "2027-03"

    async with database.read_only() as reader:  # someone who answered in a session of exactly five
        someone = await reader.scalar(
            select(SurveyInvitation.person_id).where(
                SurveyInvitation.meeting_id == four[1], SurveyInvitation.status == "answered"
            )
        )
    async with database.read_only() as reader:
        shown = await kept_tables(reader)
    async with database.unit_of_work() as session:  # /forget: the session keeps five respondents, one anonymous
        person = await session.get(Person, someone)
        assert person is not None
        await forget_person(session, person, NOW, survey_steps={f.id: counted_steps(f) for f in flows.values()})
    await assert_in_step(database, flows)
    assert (await respondents_of(database))[four][1] == SMALL
    async with database.read_only() as reader:
        comments = {step for flow_id in SURVEYS for step in quoted_steps(flows[flow_id])}
        assert but(comments, await kept_tables(reader)) == but(comments, shown)  # no figure moves: their words go
        theirs = (SurveyErased.flow_id == HOT, SurveyErased.meeting_id == four[1])
        assert await reader.scalar(select(SurveyErased.respondents).where(*theirs)) == 1

    async with database.read_only() as reader:
        before = await kept_tables(reader)
    async with database.unit_of_work() as session:  # retention: people change, no figure does
        purged = await purge(session, datetime(2026, 9, 1, tzinfo=UTC), NOW)
    assert purged.people
    await assert_in_step(database, flows)
    async with database.read_only() as reader:
        assert await kept_tables(reader) == before


SMALL = survey_totals.SMALL_SESSION


async def test_survey_totals_rebuilt_equal_the_kept_ones(database: Database, flows: dict[str, Flow]) -> None:
    """After writes, rebuilding from the rows changes nothing."""
    await filled(database, flows, 8, meetings=30)
    async with database.read_only() as reader:
        meeting_id = await reader.scalar(select(func.min(SurveyInvitation.meeting_id)))
    assert meeting_id is not None
    async with database.unit_of_work() as session:
        newcomer = await a_person(session, 990_002)
        await invite(session, newcomer.id, IMPACT, meeting_id, NOW, NOW)
    async with database.read_only() as reader:
        kept = await kept_tables(reader)
    async with database.unit_of_work() as session:
        await survey_totals.rebuild(session)
    async with database.read_only() as reader:
        assert await kept_tables(reader) == kept


def test_paris_month_of_a_session() -> None:
    assert survey_totals.paris_month(datetime(2025, 12, 31, 23, 30, tzinfo=UTC)) == "2026-01"
    assert survey_totals.paris_month(datetime(2026, 6, 30, 21, 59, tzinfo=UTC)) == "2026-06"
    assert survey_totals.paris_month(datetime(2026, 6, 30, 22, 0, tzinfo=UTC)) == "2026-07"


async def test_concurrent_answers_cross_the_threshold_without_drift(pg_db: Database, flows: dict[str, Flow]) -> None:
    """Twenty people answer the same session's survey at once on PostgreSQL: 20 respondents, every answer counted."""
    async with pg_db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW - timedelta(days=2), kind="info_meeting", capacity=20)
        meeting_id = meeting.id
        for n in range(20):
            person = await a_person(session, 991_000 + n)
            await invite(session, person.id, HOT, meeting_id, NOW, NOW)
    waiting = await waiting_invitations(pg_db, HOT, meeting_id)
    assert len(waiting) == 20
    await asyncio.gather(*(answer(pg_db, flows, i, NOW) for i in waiting))
    await assert_in_step(pg_db, flows)
    month = survey_totals.paris_month(NOW - timedelta(days=2))
    async with pg_db.read_only() as reader:
        tally = await survey_tally_by_month(reader, Months(HOT, "info_meeting", month, month))
    assert (tally.invited, tally.respondents, tally.counted_sessions, tally.counted_invited) == (20, 20, 1, 20)
    counts = Counter({a.step_id: a.count for a in tally.answers})
    assert counts and all(n == 20 for n in counts.values())
