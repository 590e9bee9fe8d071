"""A session's results move only by whole groups of 5 answers, on SQLite and PostgreSQL: read at 5 respondents and
again at 6 to 9, one session or a month of sessions shows the same results, so the 6th person's answers cannot be
worked out; the 10th answer moves them. Someone erased stays counted in their group, anonymously."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.core.months import Month
from faire_lien.core.roles import Staff
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import SurveyReport, counted_steps
from faire_lien.surveys.service import Selection, meeting_results, survey_results
from storage.db import Database
from storage.models import AuditEntry, Person, SurveyInvitation
from storage.personal_data import forget_person
from storage.staff import active_member
from storage.types import PARIS
from tests.conftest import NOW, assign_staff, make_staff
from tests.support.records import a_meeting
from tests.support.surveys import one_more_respondent

COORDINATOR = Staff("coordinator", None, "marie")
FACILITATOR = 7301
HELD = NOW - timedelta(days=3)
MONTH = Month.of(HELD.astimezone(PARIS))
FIRST_FIVE: list[dict[str, Any]] = [
    {"overall": 5, "clarity": "5", "useful": "yes", "invited": True, "recommend": 10, "comment": "Très clair"},
    {"overall": 4, "clarity": "4", "useful": "partly", "invited": True, "recommend": 9},
    {"overall": 4, "clarity": "5", "useful": "yes", "invited": False, "recommend": 7},
    {"overall": 3, "clarity": "3", "useful": "yes", "invited": True, "recommend": 8, "comment": "Salle froide"},
    {"overall": 5, "clarity": "4", "useful": "yes", "invited": True, "recommend": 10},
]
SIXTH: list[dict[str, Any]] = [
    {"overall": 1, "clarity": "1", "useful": "no", "invited": False, "recommend": 0, "comment": "Moi seule, de Loudun"},
    {"overall": 5, "clarity": "5", "useful": "yes", "invited": True, "recommend": 10, "comment": "Parfait"},
]
"""Two answers the 6th person could have given, as far apart as the questions allow."""
NEXT: list[dict[str, Any]] = [{"overall": 2, "clarity": "2", "useful": "no", "recommend": 5}] * 4


@pytest.fixture(params=["db", "pg_db"])
def database(request: pytest.FixtureRequest) -> Database:
    """The same test on SQLite and on PostgreSQL."""
    found: Database = request.getfixturevalue(request.param)
    return found


def shown(report: SurveyReport) -> tuple[Any, ...]:
    """What a result shows of the answers: every question's counts, mean and NPS, the comments, how many counted
    (the people invited are not answers: here each respondent is invited as they answer)."""
    items = [(i.step.id, i.answered, i.counts, i.mean, i.nps, i.hidden) for i in report.items]
    return (items, report.comments, report.counted, report.counted_sessions)


async def held_session(database: Database) -> int:
    """An information meeting held three days ago, followed by the facilitator; nobody has answered yet."""
    async with database.unit_of_work() as session:
        meeting = await a_meeting(session, HELD, kind="info_meeting", capacity=30)
        meeting_id = meeting.id
    await make_staff(database, FACILITATOR, "facilitator")
    await assign_staff(database, FACILITATOR, meeting_id)
    return meeting_id


async def answer(database: Database, meeting_id: int, hot: Flow, answers: dict[str, Any]) -> None:
    async with database.unit_of_work() as session:
        await one_more_respondent(session, meeting_id, hot, answers)


async def readings(database: Database, meeting_id: int, hot: Flow) -> list[SurveyReport]:
    """The session's results as a facilitator and a coordinator read them: the session's page, the facilitator's
    sessions of the month (counted from the rows), every session of the kind that month (from the monthly totals)."""
    async with database.read_only() as reader:
        member = await active_member(reader, FACILITATOR)
    assert member is not None
    facilitator = Staff("facilitator", member.id, f"telegram:{FACILITATOR}")
    one = await meeting_results(database, hot, meeting_id, COORDINATOR, NOW)
    assert one is not None
    month = Selection(kind="info_meeting", first=MONTH, last=MONTH)
    by_kind = await survey_results(database, hot, month, COORDINATOR, NOW)
    mine = await survey_results(database, hot, Selection(meeting_id=meeting_id), facilitator, NOW)
    return [one.report, by_kind, mine]


async def test_results_read_at_6_to_9_are_those_at_5_and_the_10th_moves_them(
    database: Database, flows: dict[str, Flow]
) -> None:
    hot = flows["hot_evaluation"]
    meeting_id = await held_session(database)
    seen: dict[int, list[SurveyReport]] = {}
    for n, given in enumerate([*FIRST_FIVE, SIXTH[0], *NEXT], start=1):
        await answer(database, meeting_id, hot, given)
        seen[n] = await readings(database, meeting_id, hot)
    for report in seen[4]:
        assert report.hidden and report.counted == 0 and not report.comments
    at_five = [shown(report) for report in seen[5]]
    assert at_five[0][2] == 5 and at_five[0][1] == ["Salle froide", "Très clair"]
    assert at_five[0] == at_five[2]  # the session's page and the facilitator's own sessions: the same rule
    for n in range(6, 10):
        assert [shown(report) for report in seen[n]] == at_five, n
        page = seen[n][0]
        assert (page.respondents, page.counted, page.waiting) == (n, 5, n - 5)
        said = report_text(page, "📊", translator("fr"))
        for language in ("fr", "en"):  # not even a count moves: the 6th answer cannot be seen arriving
            assert report_text(page, "📊", translator(language)) == report_text(seen[5][0], "📊", translator(language))
        assert "Personnes invitées : 0 · répondants : 5 ·" not in said and "répondants : 5 · taux de réponse" in said
        assert "Loudun" not in said
    for report in seen[10]:
        assert (report.counted, report.waiting) == (10, 0)
        overall = next(item for item in report.items if item.step.id == "overall")
        assert overall.counts["1"] == 1 and overall.answered == 10  # the 6th is counted now, within a group of 5
        assert "Moi seule, de Loudun" in report.comments
        assert "répondants : 10 · taux de réponse" in report_text(report, "📊", translator("fr"))
    async with database.read_only() as reader:
        reads = (await reader.execute(select(AuditEntry.action).where(AuditEntry.actor == "marie"))).scalars().all()
    assert list(reads) == ["read_survey_results"] * 20  # every read of the session and of the month, audited


async def test_the_sixth_answer_cannot_be_worked_out_from_two_readings(
    database: Database, flows: dict[str, Flow]
) -> None:
    """Two sessions alike up to their 5th answer, whose 6th people answered as differently as they could: read
    before and after the 6th answer, both show exactly the same thing."""
    hot = flows["hot_evaluation"]
    sessions = [await held_session(database) for _ in SIXTH]
    before: list[list[tuple[Any, ...]]] = []
    after: list[list[tuple[Any, ...]]] = []
    for meeting_id, sixth in zip(sessions, SIXTH, strict=True):
        for given in FIRST_FIVE:
            await answer(database, meeting_id, hot, given)
        before.append([shown(report) for report in await readings(database, meeting_id, hot)])
        await answer(database, meeting_id, hot, sixth)
        after.append([shown(report) for report in await readings(database, meeting_id, hot)][::2])  # not the month
    assert after[0] == after[1] == before[0][::2]  # nothing of either 6th answer shows
    for report in await readings(database, sessions[0], hot):
        assert not {"Moi seule, de Loudun", "Parfait"} & set(report.comments)


async def test_someone_erased_stays_in_their_group(database: Database, flows: dict[str, Flow]) -> None:
    """10 answers, the 3rd person erased: the results read the same (their group stays whole, their answers counted
    anonymously; before, the first group no longer counted), no newcomer takes their place, and the next answers
    form the next group."""
    hot = flows["hot_evaluation"]
    meeting_id = await held_session(database)
    for given in [*FIRST_FIVE, SIXTH[0], *NEXT]:
        await answer(database, meeting_id, hot, given)
    before = await readings(database, meeting_id, hot)
    async with database.read_only() as reader:
        third = (
            await reader.scalars(
                select(SurveyInvitation.person_id)
                .where(SurveyInvitation.meeting_id == meeting_id)
                .order_by(SurveyInvitation.id)
            )
        ).all()[2]
    async with database.unit_of_work() as session:
        person = await session.get(Person, third)
        assert person is not None
        steps = {f.id: counted_steps(f) for f in flows.values()}
        await forget_person(session, person, NOW, survey_steps=steps)
    page, month, _ = await readings(database, meeting_id, hot)
    assert [page, month] == before[:2]
    assert (page.respondents, page.counted) == (10, 10)
    overall = next(item for item in page.items if item.step.id == "overall")
    assert overall.counts == {"1": 1, "2": 4, "3": 1, "4": 2, "5": 2}  # the 3rd person's 4 still there
    await answer(database, meeting_id, hot, SIXTH[1])
    later = (await readings(database, meeting_id, hot))[0]
    assert (later.respondents, later.counted) == (11, 10) and shown(later) == shown(page)
    for given in NEXT:
        await answer(database, meeting_id, hot, given)
    last = (await readings(database, meeting_id, hot))[0]
    assert (last.respondents, last.counted) == (15, 15) and "Parfait" in last.comments
