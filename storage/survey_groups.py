"""A session's survey answers counted in groups of 5, in the order they came: the 6th to 9th wait for the 10th.

Results shown at 5 respondents and again at 6 would differ by the 6th person's answers alone. So a session's
answers to a survey count only in whole groups of 5 people: when an answer leaves 5 of them outside any group,
those 5 (oldest first) become the session's next group, and results count the members of whole groups only. Two
readings of a session's results, whenever they are made, therefore differ by whole groups of 5 answers, never by
one person's.

A group is formed once and kept (`survey_invitations.answer_group`): which answers count never depends on the
order they are read in. Two people finishing at the same moment cannot swap places in a group already shown. A
person erased (/forget) stays a member of their group, anonymously (`survey_erased`: per group, how many members
were erased; `survey_erased_answers`: their answers per question and value, without free comments), so the group
stays whole and the results read before and after the erasure are the same; no newcomer ever takes their place
(their results with the newcomer's, minus the results with the erased person's, would give the newcomer's
answers). The next answers form new groups, numbered after every group formed, erased members' included. Someone
erased while their answer waited is counted among the answers waiting (`survey_erased` of group 0, their answers
too) and is a member of the next group, as they would have been.

`form_groups` is called by `storage/survey_totals.py` under the session's lock (its `refresh`), after every
answer, and over every session by its `rebuild`; `counted` is the query of the invitations that count, run
inside the results' own queries (nothing read row by row into Python).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Subquery, and_, case, delete, func, insert, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SurveyErased, SurveyErasedAnswer, SurveyInvitation

GROUP = 5
"""People whose answers are added to results together, and the fewest results ever show."""
NOT_CONCERNED = "not_concerned"
"""The option id of « Pas concerné·e »: such answers are kept out of a question's shares, so a session's answers to a
question count only when 5 of its respondents counted or more gave another answer (then no two selections, subtracted,
give the shares of fewer than 5 people concerned)."""
NOT_CONCERNED_STORED = f'"{NOT_CONCERNED}"'
"""« Pas concerné·e » as an answer's value is stored (JSON text)."""


def erased_members() -> ColumnElement[int]:
    """How many members of an invitation's group were erased (0 for none, or no group), for a query over
    `survey_invitations`."""
    found = (
        select(SurveyErased.respondents)
        .where(
            SurveyErased.flow_id == SurveyInvitation.flow_id,
            SurveyErased.meeting_id == SurveyInvitation.meeting_id,
            SurveyErased.answer_group == SurveyInvitation.answer_group,
        )
        .correlate(SurveyInvitation)
        .scalar_subquery()
    )
    return func.coalesce(found, 0)


def erased_whole() -> ColumnElement[bool]:
    """Whether the group of a `survey_erased` row is whole: its members still there and those erased make 5."""
    there = (
        select(func.count())
        .where(
            SurveyInvitation.flow_id == SurveyErased.flow_id,
            SurveyInvitation.meeting_id == SurveyErased.meeting_id,
            SurveyInvitation.answer_group == SurveyErased.answer_group,
            answered(),
        )
        .correlate(SurveyErased)
        .scalar_subquery()
    )
    return and_(SurveyErased.answer_group > 0, there + SurveyErased.respondents == GROUP)


def same_group() -> ColumnElement[bool]:
    """A `survey_erased_answers` row and the `survey_erased` row of its group, to join them."""
    return and_(
        SurveyErased.flow_id == SurveyErasedAnswer.flow_id,
        SurveyErased.meeting_id == SurveyErasedAnswer.meeting_id,
        SurveyErased.answer_group == SurveyErasedAnswer.answer_group,
    )


def answered() -> ColumnElement[bool]:
    """An invitation answered, its response still there."""
    return and_(SurveyInvitation.status == "answered", SurveyInvitation.response_id.is_not(None))


async def form_groups(session: AsyncSession, where: ColumnElement[bool]) -> None:
    """Among the invitations matching `where`, put the answers not in a group yet into groups of 5 per survey and
    session, oldest answer first, numbered after the session's last group; fewer than 5 left over wait.

    People erased while their answer waited (`survey_erased` of group 0) are the first members of the next group,
    before the invitations still there: their answers were older than any answer still waiting (a session never
    has 5 waiting, `forgetting` groups them first). Their invitations and answers then move to that group.

    One statement for the invitations, whatever the number of sessions (a whole database after a bulk load), and
    one per session with people erased waiting.
    """
    formed = union_all(
        select(SurveyInvitation.flow_id, SurveyInvitation.meeting_id, SurveyInvitation.answer_group).where(
            where, SurveyInvitation.answer_group.is_not(None)
        ),
        select(SurveyErased.flow_id, SurveyErased.meeting_id, SurveyErased.answer_group).where(
            SurveyErased.answer_group > 0
        ),
    ).subquery()
    last = (
        select(formed.c.flow_id, formed.c.meeting_id, func.max(formed.c.answer_group).label("last"))
        .group_by(formed.c.flow_id, formed.c.meeting_id)
        .subquery()
    )
    erased = (
        select(SurveyErased.flow_id, SurveyErased.meeting_id, SurveyErased.respondents)
        .where(SurveyErased.answer_group == 0, SurveyErased.respondents > 0)
        .subquery()
    )
    session_of = (SurveyInvitation.flow_id, SurveyInvitation.meeting_id)
    order = (SurveyInvitation.answered_at.nulls_first(), SurveyInvitation.id)
    erased_first = func.coalesce(erased.c.respondents, 0)
    waiting = (
        select(
            SurveyInvitation.id,
            SurveyInvitation.flow_id,
            SurveyInvitation.meeting_id,
            (func.row_number().over(partition_by=session_of, order_by=order) + erased_first).label("rank"),
            (func.count().over(partition_by=session_of) + erased_first).label("waiting"),
            erased_first.label("erased"),
            func.coalesce(last.c.last, 0).label("last"),
        )
        .outerjoin(
            last, and_(last.c.flow_id == SurveyInvitation.flow_id, last.c.meeting_id == SurveyInvitation.meeting_id)
        )
        .outerjoin(
            erased,
            and_(erased.c.flow_id == SurveyInvitation.flow_id, erased.c.meeting_id == SurveyInvitation.meeting_id),
        )
        .where(where, answered(), SurveyInvitation.answer_group.is_(None))
        .subquery()
    )
    joining = select(waiting.c.flow_id, waiting.c.meeting_id, waiting.c.erased, waiting.c.last + 1).where(
        waiting.c.erased > 0, waiting.c.rank == waiting.c.erased + 1, waiting.c.waiting >= GROUP
    )
    moves = (await session.execute(joining)).all()  # read before the invitations' groups change what it reads
    grouped = (
        select(waiting.c.id, (waiting.c.last + (waiting.c.rank - 1) // GROUP + 1).label("number"))
        .where(waiting.c.rank <= waiting.c.waiting - waiting.c.waiting % GROUP)
        .subquery()
    )
    await session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == grouped.c.id)
        .values(answer_group=grouped.c.number)
        .execution_options(synchronize_session=False)
    )
    for flow_id, meeting_id, people, number in sorted(moves):
        await _join_group(session, flow_id, meeting_id, people, number)


async def _join_group(session: AsyncSession, flow_id: str, meeting_id: int, people: int, number: int) -> None:
    """The people erased while their answer waited become members of group `number`, with their answers."""
    same = (SurveyErased.flow_id == flow_id, SurveyErased.meeting_id == meeting_id)
    waited = (*same, SurveyErased.answer_group == 0)
    await session.execute(
        update(SurveyErased)
        .where(*waited)
        .values(invited=SurveyErased.invited - people, respondents=SurveyErased.respondents - people)
        .execution_options(synchronize_session=False)
    )
    await session.execute(delete(SurveyErased).where(*waited, SurveyErased.invited == 0))
    await session.execute(
        insert(SurveyErased).values(
            flow_id=flow_id, meeting_id=meeting_id, answer_group=number, invited=people, respondents=people
        )
    )
    theirs = (
        SurveyErasedAnswer.flow_id == flow_id,
        SurveyErasedAnswer.meeting_id == meeting_id,
        SurveyErasedAnswer.answer_group == 0,
    )
    await session.execute(
        update(SurveyErasedAnswer)
        .where(*theirs)
        .values(answer_group=number)
        .execution_options(synchronize_session=False)
    )


def counted(*where: ColumnElement[bool]) -> Subquery:
    """The invitations matching `where` whose answers count (members of a whole group of 5), as a subquery of
    (flow_id, meeting_id, response_id). `where` must select whole sessions (a survey, sessions), as results do."""
    group_of = (SurveyInvitation.flow_id, SurveyInvitation.meeting_id, SurveyInvitation.answer_group)
    grouped = (
        select(
            SurveyInvitation.flow_id,
            SurveyInvitation.meeting_id,
            SurveyInvitation.response_id,
            (func.count().over(partition_by=group_of) + erased_members()).label("members"),
        )
        .where(*where, answered(), SurveyInvitation.answer_group.is_not(None))
        .subquery()
    )
    return (
        select(grouped.c.flow_id, grouped.c.meeting_id, grouped.c.response_id)
        .where(grouped.c.members == GROUP)
        .subquery()
    )


def in_whole_group() -> ColumnElement[bool]:
    """Whether an invitation's answer counts (a member of a whole group of 5), for the select list of a query over
    whole sessions of a survey: a window over the rows it reads, so per-session figures need no join (an outer
    query adds them up)."""
    grouped = and_(answered(), SurveyInvitation.answer_group.is_not(None))
    group_of = (SurveyInvitation.flow_id, SurveyInvitation.meeting_id, SurveyInvitation.answer_group)
    members = func.count(case((grouped, 1))).over(partition_by=group_of)
    return and_(grouped, members + erased_members() == GROUP)
