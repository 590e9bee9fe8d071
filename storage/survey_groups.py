"""A session's survey answers counted in groups of 5, in the order they came: the 6th to 9th wait for the 10th.

Results shown at 5 respondents and again at 6 would differ by the 6th person's answers alone. So a session's
answers to a survey count only in whole groups of 5 people: when an answer leaves 5 of them outside any group,
those 5 (oldest first) become the session's next group, and results count the members of whole groups only. Two
readings of a session's results, whenever they are made, therefore differ by whole groups of 5 answers, never by
one person's.

A group is formed once and kept (`survey_invitations.answer_group`): which answers count never depends on the
order they are read in. Two people finishing at the same moment cannot swap places in a group already shown,
and a person erased (/forget) leaves their group short: its other 4 answers count no more, and are never put in
a group again (their results with a newcomer's, minus the results with the erased person's, would give the
newcomer's answers). The next answers form new groups.

`form_groups` is called by `storage/survey_totals.py` under the session's lock (its `refresh`), after every
answer, and over every session by its `rebuild`; `counted` is the query of the invitations that count, run
inside the results' own queries (nothing read row by row into Python).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Subquery, and_, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SurveyInvitation

GROUP = 5
"""People whose answers are added to results together, and the fewest results ever show."""


def answered() -> ColumnElement[bool]:
    """An invitation answered, its response still there."""
    return and_(SurveyInvitation.status == "answered", SurveyInvitation.response_id.is_not(None))


async def form_groups(session: AsyncSession, where: ColumnElement[bool]) -> None:
    """Among the invitations matching `where`, put the answers not in a group yet into groups of 5 per survey and
    session, oldest answer first, numbered after the session's last group; fewer than 5 left over wait.

    One statement, whatever the number of sessions (a whole database after a bulk load).
    """
    last = (
        select(
            SurveyInvitation.flow_id,
            SurveyInvitation.meeting_id,
            func.max(SurveyInvitation.answer_group).label("last"),
        )
        .where(where, SurveyInvitation.answer_group.is_not(None))
        .group_by(SurveyInvitation.flow_id, SurveyInvitation.meeting_id)
        .subquery()
    )
    session_of = (SurveyInvitation.flow_id, SurveyInvitation.meeting_id)
    order = (SurveyInvitation.answered_at.nulls_first(), SurveyInvitation.id)
    waiting = (
        select(
            SurveyInvitation.id,
            func.row_number().over(partition_by=session_of, order_by=order).label("rank"),
            func.count().over(partition_by=session_of).label("waiting"),
            func.coalesce(last.c.last, 0).label("last"),
        )
        .outerjoin(
            last, and_(last.c.flow_id == SurveyInvitation.flow_id, last.c.meeting_id == SurveyInvitation.meeting_id)
        )
        .where(where, answered(), SurveyInvitation.answer_group.is_(None))
        .subquery()
    )
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


def counted(*where: ColumnElement[bool]) -> Subquery:
    """The invitations matching `where` whose answers count (members of a whole group of 5), as a subquery of
    (flow_id, meeting_id, response_id). `where` must select whole sessions (a survey, sessions), as results do."""
    group_of = (SurveyInvitation.flow_id, SurveyInvitation.meeting_id, SurveyInvitation.answer_group)
    grouped = (
        select(
            SurveyInvitation.flow_id,
            SurveyInvitation.meeting_id,
            SurveyInvitation.response_id,
            func.count().over(partition_by=group_of).label("members"),
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
    return and_(grouped, members == GROUP)
