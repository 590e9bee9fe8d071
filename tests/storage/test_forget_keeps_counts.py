"""A person who erases their data (/forget) stays counted, anonymously, in the statistics staff read: the figures read
before and after are the same (a count at a multiple of 5 would otherwise drop a group and show where the person was),
while the person's own rows, and those linking them to a group, are gone."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.grids.reading import Count, period_counts
from faire_lien.surveys.report import as_text, yearly
from faire_lien.surveys.results import SurveyReport
from faire_lien.surveys.service import Selection, meeting_results, survey_results
from storage import survey_totals, year_totals
from storage.db import Database
from storage.grid_counts import rebuild as rebuild_grids
from storage.grids import add_result
from storage.meetings import cancel_meeting, move_meeting, register, set_attendance
from storage.models import (
    GridPerson,
    GridResult,
    Meeting,
    Person,
    Registration,
    Response,
    SurveyErased,
    SurveyErasedAnswer,
    SurveyInvitation,
    YearMark,
    YearPerson,
)
from storage.people import Identity
from storage.survey_totals import value_key
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.surveys.test_groups_of_five import COORDINATOR, FIRST_FIVE, HELD, MONTH
from tests.support.grids import grid_results
from tests.support.records import a_meeting, a_person
from tests.support.surveys import one_more_respondent
from tests.web.console.results_scene import paris

OCTOBER = NOW - timedelta(days=40)
"""A month over: the statistics show it."""
FORGETFUL = 4242


async def someone(assistant: Assistant, database: Database) -> tuple[Talker, int]:
    """A person talking to the bot, who accepted that their answers are kept; their person number."""
    talker = Talker(assistant, database, who=Identity(telegram_id=FORGETFUL))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    async with database.read_only() as reader:
        found = await reader.scalar(select(Person.id).where(Person.telegram_id == FORGETFUL))
    assert found is not None
    return talker, found


async def forgets(talker: Talker) -> None:
    """The person sends /forget and confirms."""
    await talker.do("/forget")
    await talker.do("press:Oui, tout effacer")
    assert talker.screen[0].text.startswith("C'est fait : vos données sont effacées.")


Linked = type[GridPerson] | type[GridResult] | type[YearPerson] | type[YearMark] | type[Registration] | type[Response]


async def count_of(database: Database, model: Linked, person_id: int) -> int:
    async with database.read_only() as reader:
        return int(
            await reader.scalar(select(func.count()).select_from(model).where(model.person_id == person_id)) or 0
        )


async def graded(database: Database, person_id: int) -> None:
    """The person finished EPICES in October, with the orientation "support" (helped individually, as the chat
    counts it)."""
    async with database.unit_of_work() as session:
        response = Response(
            person_id=person_id, flow_id="epices", flow_version=1, started_at=OCTOBER, completed_at=OCTOBER
        )
        session.add(response)
        await session.flush()
        await year_totals.completed(session, "epices", person_id, OCTOBER)
        await add_result(
            session,
            response_id=response.id,
            person_id=person_id,
            grid=("epices", 1),
            score=Decimal(40),
            orientation="support",
            mediator_id=None,
            at=OCTOBER,
        )


async def test_grid_statistics_keep_an_erased_person(assistant: Assistant, database: Database) -> None:
    """10 people with the orientation "support" in October, one of them erases their data: staff still read 10 (before:
    9, shown as 5), and rebuilding the statistics from the results keeps them counted."""
    await grid_results(database, "support", 9, at=OCTOBER)
    talker, me = await someone(assistant, database)
    await graded(database, me)
    before = await period_counts(database, None, None, NOW)
    assert before == [Count("epices", "support", "2026-10", 10)]
    await forgets(talker)
    assert await period_counts(database, None, None, NOW) == before
    assert (await count_of(database, GridPerson, me), await count_of(database, GridResult, me)) == (0, 0)
    async with database.unit_of_work() as session:
        await rebuild_grids(session)
    assert await period_counts(database, None, None, NOW) == before


async def report(database: Database, flows: dict[str, Flow]) -> str:
    """The yearly report of 2026 as a coordinator reads it (French)."""
    async with database.read_only() as reader:
        return as_text(2026, await yearly(reader, 2026, flows, NOW), translator("fr"))


async def test_yearly_report_keeps_an_erased_person(
    assistant: Assistant, flows: dict[str, Flow], database: Database
) -> None:
    """10 people helped, 10 marked present and 5 absent at a meeting in October: someone helped and present erases
    their data, then someone absent does: the report reads the same (before: 5 people helped and 5 who came, and 5
    marked of 10, 50 % present), and rebuilding the totals keeps them counted."""
    talker, me = await someone(assistant, database)
    other = Talker(assistant, database, who=Identity(telegram_id=FORGETFUL + 1))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await other.do(step)
    async with database.read_only() as reader:
        absent = await reader.scalar(select(Person.id).where(Person.telegram_id == FORGETFUL + 1))
    assert absent is not None
    await grid_results(database, "support", 9, at=OCTOBER)
    await graded(database, me)
    async with database.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=1), capacity=15)
        people = [me] + [(await a_person(session, 61_000 + n)).id for n in range(13)] + [absent]
        for n, person_id in enumerate(people):
            booking = await register(session, meeting.id, person_id, NOW)
            assert booking.registration is not None
            await set_attendance(session, booking.registration, "present" if n < 10 else "absent")
        starts = paris(2026, 10, 5, 14)
        await move_meeting(session, meeting, starts, starts + timedelta(hours=2))
    before = await report(database, flows)
    assert "Personnes aidées individuellement (droits, grilles, demandes) : 10" in before
    assert "Personnes venues aux rencontres collectives : 10" in before
    assert "Présentes, parmi les personnes inscrites dont la présence a été notée : 66,7 % (n = 15" in before
    await forgets(talker)
    assert await report(database, flows) == before
    for model in (YearPerson, YearMark, Registration, Response, GridResult):
        assert await count_of(database, model, me) == 0, model
    await forgets(other)
    assert await report(database, flows) == before
    async with database.unit_of_work() as session:
        await year_totals.rebuild(session)
    assert await report(database, flows) == before


FIVE_MORE: list[dict[str, Any]] = [{"overall": 2, "clarity": "2", "useful": "no", "invited": True, "recommend": 5}] * 5


async def survey_readings(database: Database, meeting_id: int, hot: Flow) -> list[SurveyReport]:
    """The session's results page and the results of its kind over its month, as a coordinator reads them."""
    one = await meeting_results(database, hot, meeting_id, COORDINATOR, NOW)
    assert one is not None
    month = Selection(kind="info_meeting", first=MONTH, last=MONTH)
    return [one.report, await survey_results(database, hot, month, COORDINATOR, NOW)]


async def test_survey_results_keep_an_erased_respondent(
    assistant: Assistant, flows: dict[str, Flow], database: Database
) -> None:
    """10 people answered the evaluation of a session (two groups of 5): the 2nd erases their data, then the 1st,
    who wrote a comment. The results read the same, counts, means and NPS included (before: the first group fell
    short, 5 respondents counted of 8 invited, only the second group's answers); only the 1st person's comment goes
    with them. Rebuilding the totals keeps them counted."""
    hot = flows["hot_evaluation"]
    async with database.unit_of_work() as session:
        meeting_id = (await a_meeting(session, HELD, kind="info_meeting", capacity=30)).id
        for given in [*FIRST_FIVE, *FIVE_MORE]:
            await one_more_respondent(session, meeting_id, hot, given)
    async with database.read_only() as reader:
        found = select(Person.telegram_id).join(SurveyInvitation, SurveyInvitation.person_id == Person.id)
        first, second = (await reader.scalars(found.order_by(SurveyInvitation.id).limit(2))).all()
    before = await survey_readings(database, meeting_id, hot)
    assert [(r.invited, r.respondents, r.counted) for r in before] == [(10, 10, 10)] * 2
    assert before[0].comments == ["Salle froide", "Très clair"]
    talker = Talker(assistant, database, who=Identity(telegram_id=second))
    await forgets(talker)
    assert await survey_readings(database, meeting_id, hot) == before
    async with database.read_only() as reader:
        left = select(func.count()).select_from(SurveyInvitation).where(SurveyInvitation.meeting_id == meeting_id)
        assert await reader.scalar(left) == 9
        assert await reader.scalar(select(func.count()).select_from(Person).where(Person.telegram_id == second)) == 0
    await forgets(Talker(assistant, database, who=Identity(telegram_id=first)))
    after = await survey_readings(database, meeting_id, hot)
    assert [replace(r, comments=["Salle froide", "Très clair"]) for r in after] == before  # their words are erased
    assert after[0].comments == ["Salle froide"]
    async with database.unit_of_work() as session:
        await survey_totals.rebuild(session)
    assert await survey_readings(database, meeting_id, hot) == after


async def erased_rows(database: Database, meeting_id: int) -> list[tuple[Any, ...]]:
    """Every row kept of the people erased from a session's survey, all its columns."""
    async with database.read_only() as reader:
        found: list[tuple[Any, ...]] = []
        for model in (SurveyErased, SurveyErasedAnswer):
            rows = await reader.execute(select(model.__table__).where(model.meeting_id == meeting_id))
            found += [tuple(row) for row in rows.all()]
    return sorted(found, key=repr)


async def test_survey_answers_waiting_for_their_group_stay_with_an_erased_respondent(
    assistant: Assistant, flows: dict[str, Flow], database: Database
) -> None:
    """4 people answer a session's evaluation, the 2nd erases their data, then a 5th answers: the group of 5 shows,
    with the same counts, means and NPS as a session where nobody erased anything (before: 4 answers waited for a
    5th that never came, nothing showed). What stays of the erased person is counts per group, question and value:
    no person, invitation or moment; rebuilding the totals changes nothing."""
    hot = flows["hot_evaluation"]
    async with database.unit_of_work() as session:
        erased, kept = [(await a_meeting(session, HELD, kind="info_meeting", capacity=30)).id for _ in range(2)]
        for given in FIRST_FIVE:
            await one_more_respondent(session, kept, hot, given)
        for given in FIRST_FIVE[:4]:
            await one_more_respondent(session, erased, hot, given)
    async with database.read_only() as reader:
        mine = select(Person.telegram_id).join(SurveyInvitation, SurveyInvitation.person_id == Person.id)
        second = await reader.scalars(mine.where(SurveyInvitation.meeting_id == erased).order_by(SurveyInvitation.id))
        telegram_id = second.all()[1]
    await forgets(Talker(assistant, database, who=Identity(telegram_id=telegram_id)))
    async with database.unit_of_work() as session:
        await one_more_respondent(session, erased, hot, FIRST_FIVE[4])
    page = await meeting_results(database, hot, erased, COORDINATOR, NOW)
    same = await meeting_results(database, hot, kept, COORDINATOR, NOW)
    assert page is not None and same is not None
    assert (page.report.invited, page.report.respondents, page.report.counted) == (5, 5, 5)
    assert page.report.items == same.report.items  # every question's counts, mean and NPS
    assert page.report.comments == same.report.comments  # the 2nd person wrote none
    overall = next(item for item in page.report.items if item.step.id == "overall")
    assert overall.counts == {"1": 0, "2": 0, "3": 1, "4": 2, "5": 2}
    month = Selection(kind="info_meeting", first=MONTH, last=MONTH)
    both = await survey_results(database, hot, month, COORDINATOR, NOW)
    assert (both.counted_respondents, both.counted_sessions) == (10, 2)
    async with database.read_only() as reader:
        group = await reader.scalar(
            select(func.max(SurveyInvitation.answer_group)).where(SurveyInvitation.meeting_id == erased)
        )
    rows = await erased_rows(database, erased)
    assert ("hot_evaluation", erased, group, 1, 1) in rows  # one person erased, a member of the group, no more
    assert ("hot_evaluation", erased, group, "overall", value_key("4"), "4", 1) in rows
    assert {len(row) for row in rows} <= {5, 7} and {row[2] for row in rows} == {group}
    async with database.unit_of_work() as session:
        await survey_totals.rebuild(session)
    assert await survey_results(database, hot, month, COORDINATOR, NOW) == both
    again = await meeting_results(database, hot, erased, COORDINATOR, NOW)
    assert again is not None and again.report == page.report
    assert await erased_rows(database, erased) == rows


async def present_at(database: Database, starts: datetime, people: list[int]) -> int:
    """A meeting starting at `starts`, two hours long, where these people were registered and marked present."""
    async with database.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=1), capacity=10)
        for person_id in people:
            booking = await register(session, meeting.id, person_id, NOW)
            assert booking.registration is not None
            await set_attendance(session, booking.registration, "present")
        await move_meeting(session, meeting, starts, starts + timedelta(hours=2))
        return meeting.id


async def came(database: Database, now: datetime) -> tuple[int, int, dict[str, int]]:
    """What the yearly report of 2026 reads of the meetings as of `now`: people who came, sessions held, marks."""
    async with database.read_only() as reader:
        found = await year_totals.figures(reader, [], 2026, now)
    return found.met, sum(n for _, n in found.sessions), found.marks


async def two_forgetful(assistant: Assistant, database: Database) -> list[tuple[Talker, int]]:
    """Two people talking to the bot, who will erase their data."""
    first = await someone(assistant, database)
    other = Talker(assistant, database, who=Identity(telegram_id=FORGETFUL + 1))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await other.do(step)
    async with database.read_only() as reader:
        found = await reader.scalar(select(Person.id).where(Person.telegram_id == FORGETFUL + 1))
    assert found is not None
    return [first, (other, found)]


async def test_a_held_meeting_cancelled_takes_out_the_erased_who_came_only_there(
    assistant: Assistant, database: Database
) -> None:
    """Two meetings held in October: A (3 people, one of them came to B too) and B (2). The one who came to A only
    and the one who came to both erase their data, then A is cancelled in storage (no door cancels a meeting held
    any more; one cancelled before that rule must still count right; a cancellation cannot be undone): the report
    reads 2 people who came, as it would with nobody erased, A's marks and the meeting gone with it (before: 3, the
    erased person who came only to A still counted while the other one who came only to A no longer was)."""
    (once, me), (twice, both) = await two_forgetful(assistant, database)
    async with database.unit_of_work() as session:
        other, third = [(await a_person(session, 62_000 + n)).id for n in range(2)]
    cancelled = await present_at(database, paris(2026, 10, 5, 14), [me, other, both])
    await present_at(database, paris(2026, 10, 12, 14), [third, both])
    assert await came(database, NOW) == (4, 2, {"present": 5})
    await forgets(once)
    await forgets(twice)
    assert await came(database, NOW) == (4, 2, {"present": 5})
    async with database.unit_of_work() as session:
        held = await session.get(Meeting, cancelled)
        assert held is not None
        assert await cancel_meeting(session, held, NOW) is not None
    assert await came(database, NOW) == (2, 1, {"present": 2})
    async with database.unit_of_work() as session:
        await year_totals.rebuild(session)
    assert await came(database, NOW) == (2, 1, {"present": 2})


async def test_someone_marked_early_then_erased_counts_once_the_meeting_is_over(
    assistant: Assistant, database: Database
) -> None:
    """Two meetings under way, 2 people marked present at each (check-in opens before the start); one of each pair
    erases their data: once the meetings are over, the report reads the 4 people who came, as with nobody erased
    (before: 2, the erased never counted). If one meeting is cancelled before it is over, its two people are not
    counted, erased or not."""
    (first, me), (second, other_erased) = await two_forgetful(assistant, database)
    async with database.unit_of_work() as session:
        here, there = [(await a_person(session, 63_000 + n)).id for n in range(2)]
    starts = NOW - timedelta(minutes=30)
    await present_at(database, starts, [me, here])
    called_off = await present_at(database, starts, [other_erased, there])
    later = NOW + timedelta(hours=3)
    assert (await came(database, NOW))[0] == 0  # under way: not counted yet
    before = await came(database, later)
    assert before == (4, 2, {"present": 4})
    await forgets(first)
    await forgets(second)
    assert (await came(database, NOW))[0] == 0
    assert await came(database, later) == before
    async with database.unit_of_work() as session:  # cancelled in storage: no door cancels it once checked in
        under_way = await session.get(Meeting, called_off)
        assert under_way is not None
        assert await cancel_meeting(session, under_way, NOW) is not None
    assert await came(database, later) == (2, 1, {"present": 2})
    async with database.unit_of_work() as session:
        await year_totals.rebuild(session)
    assert await came(database, later) == (2, 1, {"present": 2})
