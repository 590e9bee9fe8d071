"""Issue 15, item 4: "groups under 5 hidden" holds per session, so differencing two results reveals nobody."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from dialogs.i18n import available_languages, translator
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.core.months import Month, NotAMonthError, bounds
from faire_lien.core.roles import Staff
from faire_lien.surveys.present import chart, report_text
from faire_lien.surveys.report import rows, yearly
from faire_lien.surveys.results import SurveyReport, from_tally, summarize
from faire_lien.surveys.service import Selection, survey_results
from storage.db import Database
from storage.people import Identity
from storage.reports import AnswerCount, SurveyTally, meeting_ids
from storage.surveys import SessionAnswers, answers_by_session
from tests.conftest import NOW, assign_staff, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.surveys import surveyed_session

PARIS = ZoneInfo("Europe/Paris")
SECRET = "Je suis la seule de Loudun et j'ai eu honte"
LONE = {"overall": 1, "clarity": "1", "recommend": 0, "comment": SECRET}
OCTOBER, NOVEMBER = Month(2026, 10), Month(2026, 11)

OPERATOR = Staff("coordinator", None, "t")
"""The server's operator reading results, as the command line does."""


def five(**answers: object) -> list[dict[str, object]]:
    """Five respondents giving the same answers."""
    return [dict(answers) for _ in range(5)]


def paris(*when: int) -> datetime:
    """A Paris wall-clock time."""
    return datetime(*when, tzinfo=PARIS)


async def attack_scene(db: Database) -> dict[str, int]:
    """Session A (20 October, 5 respondents); B the day after the end of October (1 November, one person alone);
    C (3 November, 5 respondents, of whom one alone answered the clarity question)."""
    async with db.unit_of_work() as session:
        a = await surveyed_session(
            session,
            paris(2026, 10, 20, 14),
            [*five(overall=4, clarity="4", recommend=8)[:4], {"overall": 4, "clarity": "4", "comment": "Bien"}],
        )
        b = await surveyed_session(session, paris(2026, 11, 1, 10), [LONE], invited=3)
        c = await surveyed_session(
            session, paris(2026, 11, 3, 14), [{"overall": 5, "clarity": "2"}, *five(overall=5)[:4]]
        )
    return {"A": a, "B": b, "C": c}


async def by_days(db: Database, flow: Flow, first: datetime, until: datetime) -> list[SessionAnswers]:
    """Each info meeting's answers over a window of days, straight from storage (what the old command allowed)."""
    async with db.unit_of_work() as session:
        found = await meeting_ids(session, meeting_id=None, kind="info_meeting", since=first, until=until)
        return await answers_by_session(session, flow.id, found)


def pooled(flow: Flow, sessions: list[SessionAnswers]) -> SurveyReport:
    """What the old rule showed: every answer of the selected sessions added up as if from one session (a question
    shown from 5 answers), whole groups of 5 or not."""
    everyone = [answers for s in sessions for answers in s.answers]
    counts: Counter[tuple[str, Any]] = Counter(
        (step, value) for answers in everyone for step, value in answers.items() if value is not None
    )
    per_step = Counter(step for step, _ in counts.elements())
    tally = SurveyTally(
        invited=sum(s.invited for s in sessions),
        respondents=len(everyone),
        left_out_sessions=0,
        left_out_respondents=0,
        counted_sessions=1,
        counted_invited=sum(s.invited for s in sessions),
        counted_respondents=len(everyone),
        answers=[AnswerCount(step, value, n) for (step, value), n in counts.items() if per_step[step] >= 5],
        quotes=[(step, value) for (step, value), n in counts.items() for _ in range(n) if step == "comment"],
    )
    return from_tally(flow, tally)


def difference(wider: SurveyReport, narrower: SurveyReport) -> dict[str, dict[str, int]]:
    """What one result adds to another, per question and answer (zeros left out)."""
    found: dict[str, dict[str, int]] = {}
    for big, small in zip(wider.items, narrower.items, strict=True):
        extra = {k: n - small.counts[k] for k, n in big.counts.items() if n != small.counts[k]}
        if extra:
            found[big.step.id] = extra
    return found


async def results(db: Database, flow: Flow, first: Month | None, last: Month | None) -> SurveyReport:
    """Results of every info meeting over whole months, through the service every adapter calls."""
    selection = Selection(kind="info_meeting", first=first, last=last)
    return await survey_results(db, flow, selection, OPERATOR, NOW)


async def differencing_fails(db: Database, flows: dict[str, Flow]) -> None:
    """The attack of the issue, reproduced with the old rule, then tried against the new one."""
    hot = flows["hot_evaluation"]
    await attack_scene(db)
    october_1, november_1, november_2 = paris(2026, 10, 1), paris(2026, 11, 1), paris(2026, 11, 2)
    # The old rule: two periods differing by one day gave away the lone person's answers and comment.
    old_narrow = pooled(hot, await by_days(db, hot, october_1, november_1))
    old_wide = pooled(hot, await by_days(db, hot, october_1, november_2))
    assert difference(old_wide, old_narrow) == {
        "overall": {"1": 1},
        "clarity": {"1": 1},
        "recommend": {"0": 1, "8": 4},  # hidden with A's 4 answers, shown once the lone 0 made it 5
    }
    assert set(old_wide.comments) - set(old_narrow.comments) == {SECRET}

    # Now, even with the same day windows asked of storage, the lone person's session adds nothing.
    narrow = summarize(hot, await by_days(db, hot, october_1, november_1))
    wide = summarize(hot, await by_days(db, hot, october_1, november_2))
    assert difference(wide, narrow) == {}
    assert wide.comments == narrow.comments == ["Bien"]
    assert (wide.left_out_sessions, wide.left_out_respondents) == (1, 1)

    # Days cannot be asked for any more: periods are whole months.
    with pytest.raises(NotAMonthError, match="give a month"):
        Month.parse("2026-11-01")

    # Across a month boundary, only whole sessions of 5 respondents or more make a difference.
    months = [None, Month(2026, 9), OCTOBER, NOVEMBER, Month(2026, 12)]
    reports = {
        (first, last): await results(db, hot, first, last)
        for first, last in itertools.product(months, repeat=2)
        if first is None or last is None or first <= last
    }
    october, both = reports[(OCTOBER, OCTOBER)], reports[(OCTOBER, NOVEMBER)]
    assert difference(both, october) == {"overall": {"5": 5}}  # C as a whole; its lone clarity answer is not counted
    for one, other in itertools.permutations(reports.values(), 2):
        for changes in difference(one, other).values():  # answers added, answers taken away: whole sessions
            assert sum(n for n in changes.values() if n > 0) in (0, *range(5, 100))
            assert sum(-n for n in changes.values() if n < 0) in (0, *range(5, 100))
        assert SECRET not in one.comments
        text = report_text(one, "📊", translator("fr"))
        assert SECRET not in text and "(n = 1)" not in text
    assert "1 rencontre avec moins de 5 répondants n'est pas comptée, pour que" in report_text(
        both, "📊", translator("fr")
    )


async def test_item_4_differencing_attack_fails(flows: dict[str, Flow], db: Database) -> None:
    await differencing_fails(db, flows)


async def test_item_4_differencing_attack_fails_on_postgresql(flows: dict[str, Flow], pg_db: Database) -> None:
    await differencing_fails(pg_db, flows)


def test_item_4_session_under_5_contributes_nothing_to_results(flows: dict[str, Flow]) -> None:
    hot = flows["hot_evaluation"]
    big = SessionAnswers(1, 6, five(overall=4, recommend=9))
    small = SessionAnswers(2, 4, [{"overall": 1, "recommend": 0}] * 4)
    alone = summarize(hot, [big])
    with_small = summarize(hot, [big, small, SessionAnswers(3, 2, [])])
    assert with_small.items == alone.items
    assert (with_small.invited, with_small.respondents, with_small.counted) == (12, 9, 5)
    assert (with_small.left_out_sessions, with_small.left_out_respondents) == (1, 4)
    text = report_text(with_small, "📊", translator("fr"))
    assert (
        "Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5)" in text
    )  # the session counted, whole groups
    assert "1 rencontre avec moins de 5 répondants n'est pas comptée, pour que personne" in text
    assert "• Dans l'ensemble (n = 5) : 😞 0 % · 🙁 0 % · 😐 0 % · 🙂 100 % · 😀 0 % ; moyenne 4" in text
    two_small = report_text(summarize(hot, [small, small]), "📊", translator("fr"))
    assert "(n =" not in two_small  # two small sessions are not added up into one of 8
    assert "2 rencontres avec moins de 5 répondants ne sont pas comptées, pour que personne" in two_small
    assert chart(summarize(hot, [small, small]), translator("fr")) is None


def test_item_4_comments_only_from_sessions_of_5_or_more(flows: dict[str, Flow]) -> None:
    hot = flows["hot_evaluation"]
    big = SessionAnswers(1, 5, [{"comment": "Zut, trop court"}, {"comment": "Accueil chaleureux"}, {}, {}, {}])
    small = SessionAnswers(2, 5, [{"comment": SECRET}, {}, {}, {}])
    report = summarize(hot, [small, big])
    assert report.comments == ["Accueil chaleureux", "Zut, trop court"]  # in alphabetical order, not by respondent
    text = report_text(report, "📊", translator("fr"))
    assert "« Accueil chaleureux »" in text and SECRET not in text
    assert summarize(hot, [small]).comments == []


def test_item_4_a_question_counts_per_session_only_with_5_answers(flows: dict[str, Flow]) -> None:
    hot = flows["hot_evaluation"]
    full = SessionAnswers(1, 5, five(clarity="5", useful="yes"))
    one_answered_clarity = SessionAnswers(2, 5, [{"clarity": "1", "useful": "no"}, *five(useful="no")[:4]])
    report = summarize(hot, [full, one_answered_clarity])
    items = {item.step.id: item for item in report.items}
    assert items["clarity"].counts["1"] == 0 and items["clarity"].answered == 5
    assert items["useful"].counts == {"yes": 5, "partly": 0, "no": 5}
    assert items["invited"].hidden  # nobody answered it


def test_item_4_periods_are_whole_months() -> None:
    assert Month.parse("2026-11") == NOVEMBER and str(NOVEMBER) == "2026-11"
    for day in ("2026-11-15", " 2026-11-01 "):
        with pytest.raises(NotAMonthError, match=r"is a day: give a month \(YYYY-MM, e.g. 2026-11\)"):
            Month.parse(day)
    for wrong in ("2026-13", "11/2026", "2026", "novembre"):
        with pytest.raises(NotAMonthError, match="is not a month"):
            Month.parse(wrong)
    assert Month(2026, 12).following() == Month(2027, 1)
    assert bounds(OCTOBER, NOVEMBER) == (paris(2026, 10, 1), paris(2026, 12, 1))
    assert bounds(None, None) == (None, None)


async def test_item_4_a_session_belongs_to_the_month_it_was_held_in_paris(flows: dict[str, Flow], db: Database) -> None:
    hot = flows["hot_evaluation"]
    async with db.unit_of_work() as session:  # 1 December, 00:30 in Paris: still 30 November in UTC
        await surveyed_session(session, datetime(2026, 11, 30, 23, 30, tzinfo=UTC), five(overall=3))
    assert (await results(db, hot, NOVEMBER, NOVEMBER)).respondents == 0
    assert (await results(db, hot, Month(2026, 12), Month(2026, 12))).respondents == 5


async def test_item_4_yearly_report_leaves_small_sessions_out(flows: dict[str, Flow], db: Database) -> None:
    await attack_scene(db)
    async with db.unit_of_work() as session:
        lines = await yearly(session, 2026, flows, NOW)
    hot = {r.label: (r.value, r.n) for r in rows(lines, translator("fr")) if r.section == "hot_evaluation"}
    assert hot["Taux de réponse"] == ("100 %", "10/10")  # whole groups: 10 counted, people invited rounded down
    assert hot["Non comptées"] == (
        "1 rencontre avec moins de 5 répondants n'est pas comptée, pour que personne ne soit reconnaissable.",
        "",
    )
    assert hot["Dans l'ensemble"] == ("moyenne 4,5", "10")
    assert hot["Clarté"] == ("moyenne 4", "5")  # neither the lone person's "1" nor C's single "2"
    assert hot["Recommandation"] == ("< 5", "")  # only 4 of A answered it: A's answers to it are not counted
    english = {r.label: r.value for r in rows(lines, translator("en")) if r.section == "hot_evaluation"}
    assert english["Overall"] == "mean 4.5"


async def test_item_4_bot_screen_hides_a_session_under_5(flows: dict[str, Flow], db: Database) -> None:
    staff_id = 9
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=lambda: NOW)
    async with db.unit_of_work() as session:
        small = await surveyed_session(session, paris(2026, 11, 20, 14), [LONE] * 4, invited=6)
        big = await surveyed_session(session, paris(2026, 11, 21, 14), five(overall=5, comment="Merci"))
    await make_staff(db, staff_id, "facilitator")
    for followed in (small, big):  # a facilitator sees the results of the sessions they follow
        await assign_staff(db, staff_id, followed)
    staff = Talker(assistant, db, who=Identity(telegram_id=staff_id))
    for step in ["/start", "press:Français", "press:J'accepte", f"raw:res:{small}"]:
        await staff.do(step)
    (screen,) = staff.screen
    assert "Invités" not in screen.text and "4" not in screen.text.split("\n", 1)[1]  # no count of a small session
    assert "1 rencontre avec moins de 5 répondants n'est pas comptée, pour que personne" in screen.text
    assert SECRET not in screen.text and "Dans l'ensemble" not in screen.text
    assert screen.document is None
    await staff.do(f"raw:res:{big}")
    (screen,) = staff.screen
    assert "• Dans l'ensemble (n = 5)" in screen.text and "« Merci »" in screen.text
    assert screen.document is not None
