"""Reports computed by the database give what Python computes from the same generated rows, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import JSON, ColumnElement, Text, cast, func, insert, literal, select, text, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.schema import Flow
from faire_lien.surveys.results import from_tally, quoted_steps, summarize
from storage.db import Database
from storage.grid_counts import paris_month, rebuild
from storage.grids import Count, add_result, counts
from storage.models import Answer, GridCount, GridPerson, GridResult, Meeting, Person, Response, SurveyInvitation
from storage.personal_data import forget_person
from storage.reports import selected_meetings, started_between, survey_tally
from storage.retention import purge
from storage.types import PARIS, UTCDateTime
from tests.conftest import NOW
from tests.support.report_data import STAMP, ReportData, generate, insert_all

YEAR = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
GRID_YEAR = (datetime(2026, 1, 1, tzinfo=PARIS), datetime(2027, 1, 1, tzinfo=PARIS))
"""Grid statistics are kept by the service's months (Paris time)."""
GRID_NEXT_YEAR = (datetime(2027, 1, 1, tzinfo=PARIS), datetime(2028, 1, 1, tzinfo=PARIS))
HOT = "hot_evaluation"
SURVEYS = (HOT, "impact_3m")


async def filled(database: Database, flows: dict[str, Flow], seed: int) -> ReportData:
    data = generate([flows[f] for f in SURVEYS], meetings=60, seed=seed)
    async with database.unit_of_work() as session:
        await insert_all(session, data.rows)
    return data


def expected_counts(data: ReportData, since: datetime, until: datetime) -> list[Count]:
    people: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for grid, orientation, at, person in data.grid_results:
        if since <= at < until:
            people[grid, orientation, at.astimezone(PARIS).strftime("%Y-%m")].add(person)
    ordered = sorted(people.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1]))
    return [Count(g, o, m, len(p)) for (g, o, m), p in ordered]


@pytest.mark.parametrize("seed", [1, 2])
async def test_survey_results_match_python(database: Database, flows: dict[str, Flow], seed: int) -> None:
    data = await filled(database, flows, seed)
    november = datetime(2026, 11, 1, tzinfo=UTC)
    scopes = {
        "year": (started_between(*YEAR), lambda m: YEAR[0] <= data.starts[m] < YEAR[1]),
        "kind": (
            selected_meetings(meeting_id=None, kind="checkup", since=november, until=None),
            lambda m: data.kinds[m] == "checkup" and data.starts[m] >= november,
        ),
        "one": (selected_meetings(meeting_id=7, kind=None, since=None, until=None), lambda m: m == 7),
    }
    async with database.unit_of_work() as session:
        for flow_id in SURVEYS:
            flow = flows[flow_id]
            for name, (meetings, chosen) in scopes.items():
                tally = await survey_tally(session, flow_id, meetings, quoted_steps(flow))
                sessions = [s for m, s in sorted(data.sessions[flow_id].items()) if chosen(m)]
                assert from_tally(flow, tally) == summarize(flow, sessions), (flow_id, name)
    year = summarize(flows["hot_evaluation"], list(data.sessions["hot_evaluation"].values()))
    assert year.left_out_sessions and year.counted_sessions and year.comments  # the data set covers every case


async def test_grid_counts_match_python(database: Database, flows: dict[str, Flow]) -> None:
    data = await filled(database, flows, 3)
    periods = [GRID_YEAR, (datetime(2025, 12, 1, tzinfo=PARIS), datetime(2026, 3, 1, tzinfo=PARIS))]
    async with database.unit_of_work() as session:
        for since, until in periods:
            found = await counts(session, since, until)
            assert found == expected_counts(data, since, until)
            assert any(0 < c.people < 5 for c in found) and any(c.people >= 5 for c in found)


async def test_json_null_and_skipped_answers_are_left_out(database: Database, flows: dict[str, Flow]) -> None:
    data = await filled(database, flows, 4)
    async with database.unit_of_work() as session:
        stored = await session.scalar(select(func.count()).select_from(Answer).where(Answer.value.is_(None)))
        nulls = sum(1 for row in data.rows["answers"] if row["value"] is None)
        tally = await survey_tally(session, "hot_evaluation", started_between(*YEAR))
    assert nulls and not stored  # None goes in as JSON null, not SQL NULL
    assert all(a.value is not None for a in tally.answers)


async def test_survey_results_past_asyncpg_parameter_limit(pg_db: Database, flows: dict[str, Flow]) -> None:
    """40 000 answered evaluations in 4 000 sessions of 10, in two groups of 5 each (PostgreSQL): no query carries a
    parameter per response."""
    sessions, size = 4_000, 10
    answered = sessions * size
    n = func.generate_series(1, answered).table_valued("n").render_derived()
    person = (n.c.n - 1) % size + 1
    at = literal(STAMP, UTCDateTime())

    def as_json(value: ColumnElement[int]) -> ColumnElement[Any]:
        return cast(cast(value, Text), JSON)

    async with pg_db.unit_of_work() as session:
        people = [
            {"id": p, "telegram_id": p, "language": "fr", "consent": "accepted", "consent_at": STAMP}
            | {"consent_version": "v", "turn": 0, "draft_notified": [], "glossary_seen": [], "created_at": STAMP}
            for p in range(1, size + 1)
        ]
        await session.execute(insert(Person), people)
        meetings = {"kind": "info_meeting", "title": {"fr": "R"}, "description": {}, "starts_at": STAMP}
        meetings |= {"ends_at": STAMP, "place": "P", "address": "A", "capacity": size, "languages": []}
        meetings |= {"status": "scheduled", "taken": 0, "created_by": "t", "created_at": STAMP}
        await session.execute(insert(Meeting), [{"id": m, **meetings} for m in range(1, sessions + 1)])
        inserts = {
            Response: {"id": n.c.n, "person_id": person, "flow_id": literal(HOT), "flow_version": literal(1)}
            | {"started_at": at, "completed_at": at},
            SurveyInvitation: {"id": n.c.n, "person_id": person, "flow_id": literal(HOT)}
            | {"meeting_id": (n.c.n - 1) // size + 1, "status": literal("answered"), "response_id": n.c.n}
            | {"created_at": at, "answered_at": at, "answer_group": (n.c.n - 1) % size // 5 + 1},
            Answer: {"id": n.c.n, "response_id": n.c.n, "person_id": person, "flow_id": literal(HOT)}
            | {"flow_version": literal(1), "step_id": literal("overall"), "value": as_json(1 + n.c.n % 5)},
        }
        for model, columns in inserts.items():
            await session.execute(insert(model).from_select(list(columns), select(*columns.values())))
        recommend = {"id": n.c.n + answered, "response_id": n.c.n, "person_id": person, "flow_id": literal(HOT)}
        recommend |= {"flow_version": literal(1), "step_id": literal("recommend"), "value": as_json(n.c.n % 11)}
        await session.execute(insert(Answer).from_select(list(recommend), select(*recommend.values())))
    flow = flows[HOT]
    async with pg_db.unit_of_work() as session:
        chosen = selected_meetings(meeting_id=None, kind="info_meeting", since=None, until=None)
        report = from_tally(flow, await survey_tally(session, flow.id, chosen, quoted_steps(flow)))
    assert (report.invited, report.respondents, report.counted_sessions) == (answered, answered, sessions)
    overall = next(item for item in report.items if item.step.id == "overall")
    assert overall.answered == answered
    assert overall.counts == {str(v): answered // 5 for v in range(1, 6)}
    assert overall.median == 3
    recommend_item = next(item for item in report.items if item.step.id == "recommend")
    assert recommend_item.answered == answered
    assert sum(recommend_item.counts.values()) == answered


async def grid_statistics(database: Database) -> tuple[dict[tuple[str, str, str], int], dict[tuple[str, ...], int]]:
    """The kept statistics (people per group, results per group and person), every row of them."""
    async with database.read_only() as reader:
        groups = await reader.execute(
            select(GridCount.grid_id, GridCount.orientation, GridCount.month, GridCount.people)
        )
        people = await reader.execute(select(GridPerson))
        return (
            {(g, o, m): n for g, o, m, n in groups.all() if n},
            {(p.grid_id, p.orientation, p.month, str(p.person_id)): p.results for p in people.scalars()},
        )


async def from_results(database: Database) -> tuple[dict[tuple[str, str, str], int], dict[tuple[str, ...], int]]:
    """The same, counted from the grid results themselves."""
    month = paris_month(GridResult.created_at)
    key = (GridResult.grid_id, GridResult.orientation, month)
    async with database.read_only() as reader:
        groups = await reader.execute(select(*key, func.count(func.distinct(GridResult.person_id))).group_by(*key))
        people = await reader.execute(
            select(*key, GridResult.person_id, func.count()).group_by(*key, GridResult.person_id)
        )
        return (
            {(g, o, m): n for g, o, m, n in groups.all()},
            {(g, o, m, str(p)): n for g, o, m, p, n in people.all()},
        )


async def erased_people(database: Database) -> dict[tuple[str, str, str], int]:
    """People per group who erased their data (/forget), still counted in what staff read."""
    async with database.read_only() as reader:
        groups = await reader.execute(
            select(GridCount.grid_id, GridCount.orientation, GridCount.month, GridCount.erased)
        )
        return {(g, o, m): n for g, o, m, n in groups.all() if n}


async def assert_in_step(database: Database, erased: dict[tuple[str, str, str], int] | None = None) -> None:
    """The kept people are those the results give, plus exactly the `erased` ones (none unless said)."""
    kept, counted = await grid_statistics(database), await from_results(database)
    assert kept == counted
    assert await erased_people(database) == (erased or {})
    async with database.read_only() as reader:
        negative = (GridCount.people < 0) | (GridCount.erased < 0)
        assert await reader.scalar(select(func.count()).select_from(GridCount).where(negative)) == 0


async def sequences_past_the_generated_ids(database: Database) -> None:
    """On PostgreSQL, ids given by the bulk load do not move the sequences: new rows must come after them."""
    if database.engine.dialect.name != "postgresql":
        return
    async with database.unit_of_work() as session:
        for table in ("people", "responses", "grid_results"):
            await session.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            )


async def new_result(session: AsyncSession, person: int, grid: str, orientation: str, at: datetime) -> None:
    """A finished grid, stored as the chat stores it."""
    response = Response(person_id=person, flow_id=grid, flow_version=1, started_at=at, completed_at=at)
    session.add(response)
    await session.flush()
    await add_result(
        session,
        response_id=response.id,
        person_id=person,
        grid=(grid, 1),
        score=Decimal(10),
        orientation=orientation,
        mediator_id=None,
        at=at,
    )


async def test_grid_statistics_follow_new_results_forget_and_retention(
    database: Database, flows: dict[str, Flow]
) -> None:
    data = await filled(database, flows, 5)
    await sequences_past_the_generated_ids(database)
    await assert_in_step(database)
    grid, orientation, at, someone = data.grid_results[0]
    newcomer = max(p["id"] for p in data.rows["people"])
    async with database.unit_of_work() as session:
        await new_result(session, someone, grid, orientation, at)  # again in a group they are in: no new person
        await new_result(session, newcomer, grid, orientation, at)  # one more person in that group
        await new_result(session, someone, grid, orientation, datetime(2027, 1, 2, tzinfo=UTC))  # a new month
    await assert_in_step(database)
    kept, _ = await grid_statistics(database)
    assert kept[grid, orientation, "2027-01"] == 1
    theirs = {(g, o, m) for (g, o, m, p) in (await grid_statistics(database))[1] if p == str(someone)}
    async with database.unit_of_work() as session:  # /forget
        person = await session.get(Person, someone)
        assert person is not None
        await forget_person(session, person, NOW, survey_steps={})
    erased = dict.fromkeys(theirs, 1)  # each group they were in counts them still, anonymously
    await assert_in_step(database, erased)
    assert (grid, orientation, "2027-01") not in (await grid_statistics(database))[0]
    async with database.read_only() as reader:
        assert [c.people for c in await counts(reader, *GRID_NEXT_YEAR) if c.grid_id == grid] == [1]
    async with database.unit_of_work() as session:  # retention: old results move to anonymous people
        purged = await purge(session, datetime(2026, 3, 15, 12, tzinfo=UTC), NOW)
    assert purged.people
    await assert_in_step(database, erased)
    async with database.read_only() as reader:
        found = await counts(reader, *GRID_YEAR)
    groups, _ = await from_results(database)
    in_year = [k for k in groups | erased if YEAR[0].strftime("%Y-%m") <= k[2] < YEAR[1].strftime("%Y-%m")]
    order = sorted(in_year, key=lambda k: (k[0], k[2], k[1]))  # the page's order: grid, month, orientation
    assert [(c.grid_id, c.orientation, c.month) for c in found] == order
    for c in found:  # the people the results give, and those erased since
        key = (c.grid_id, c.orientation, c.month)
        assert c.people == groups.get(key, 0) + erased.get(key, 0)
    async with database.unit_of_work() as session:  # rebuilt from the results: the erased people stay counted
        await rebuild(session)
    await assert_in_step(database, erased)


async def test_grid_statistics_never_drift_under_concurrent_writers(pg_db: Database, flows: dict[str, Flow]) -> None:
    """Forty units of work at once on PostgreSQL, twenty people each finishing the same grid twice in one month."""
    data = await filled(pg_db, flows, 6)
    await sequences_past_the_generated_ids(pg_db)
    people = sorted({p for _, _, _, p in data.grid_results})[:20]
    at = datetime(2026, 6, 15, 9, tzinfo=UTC)

    async def finish(person: int) -> None:
        async with pg_db.unit_of_work() as session:
            await new_result(session, person, "epices", "refer", at)

    before, _ = await from_results(pg_db)
    await asyncio.gather(*(finish(p) for p in people + people))
    await assert_in_step(pg_db)
    kept, _ = await grid_statistics(pg_db)
    june = ("epices", "refer", "2026-06")
    already = {p for g, o, t, p in data.grid_results if (g, o, t.astimezone(PARIS).strftime("%Y-%m")) == june}
    assert kept["epices", "refer", "2026-06"] == before.get(("epices", "refer", "2026-06"), 0) + len(
        set(people) - already
    )


async def test_paris_month_in_sql_is_the_month_in_paris(database: Database) -> None:
    """Around every month's start from 1997 to 2060, a moment's month counted by the database is its month in Paris
    (23:30 UTC on 31 January is February's, 22:30 UTC on 31 March April's, 22:30 UTC on 31 October October's)."""
    moments = []
    for year in range(1997, 2061):
        for month in range(1, 13):
            start = datetime(year, month, 1, tzinfo=PARIS).astimezone(UTC)
            moments += [start + timedelta(minutes=m) for m in (-150, -90, -61, -1, 0, 1, 59, 61, 150)]
    found: list[str] = []
    async with database.read_only() as reader:
        for part in range(0, len(moments), 400):
            chosen = enumerate(moments[part : part + 400])
            rows = union_all(*(select(literal(n).label("n"), literal(m, UTCDateTime()).label("at")) for n, m in chosen))
            values = rows.subquery()
            found += (await reader.execute(select(paris_month(values.c.at)).order_by(values.c.n))).scalars()
    assert found == [m.astimezone(PARIS).strftime("%Y-%m") for m in moments]
