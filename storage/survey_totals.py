"""Survey results kept per month as invitations and answers come and go: invited, respondents, sessions, answers.

Counting every session's respondents and every answer of a year grows with the answers (1.4 s at 100 000 on
SQLite); results over a kind and whole Paris months, and the yearly report, read a few rows instead. Four
tables, written in the unit of work of the change they follow:

- `survey_sessions`: per survey and session, the session's share as last added to the totals (invited,
  respondents, those counted — in whole groups of 5, `storage/survey_groups.py` — and, per question answered 5
  times or more by them other than « Pas concerné·e », their answers per stored value), with the session's kind
  and the Paris month it starts in;
- `survey_months`: per survey, kind and Paris month, the sessions' shares added up (invited, respondents,
  sessions with respondents but no whole group of 5 and their respondents, sessions with one or more and their
  invited, respondents counted, sessions);
- `survey_month_answers`: per survey, question, kind, Paris month and value, the counted answers;
- `survey_month_steps`: per survey, question, kind and Paris month, the answers of the respondents counted,
  however few per question (how many free comments there are to quote).

A session's share is made of whole groups of 5 respondents only, so whatever months and kinds are added up,
two readings of the totals differ by whole groups of 5, never by one person's answers.

A session's share adds, to what its rows give, the people erased since (`forgetting`, called by /forget before
their invitations and answers are deleted): per group of 5 (0: none yet, their answer waiting for the next
group or no answer), how many were invited and had answered (`survey_erased`, which keeps the group whole, or
completes the next one) and their answers per question and value (`survey_erased_answers`,
never a free comment: their words are erased with them). So a session's figures, counts, means and NPS read the
same before and after a /forget; only the person's comments go. Other changes (an invitation withdrawn, a session
deleted) take their counts out as before; `rebuild` keeps the erased part, which no row gives any more.

Every write that can change a session's figures (an invitation made or withdrawn, a survey answered, a person
erased, a session moved) calls `refresh(session, meeting_id)` afterwards: it puts the session's new answers in
groups of 5 where they make one, recomputes that one session's shares from its rows (a few dozen), compares
them with the stored shares and applies the difference to the totals, taking the old share out of its old
month and kind and adding the new one to its new month, so a moved session moves its counts. A session counts
in the month of its start whatever its status.

Concurrency (PostgreSQL, READ COMMITTED): `refresh` first locks the session's `meetings` row (SELECT … FOR
UPDATE) and only then reads the rows and the stored shares. Two units of work refreshing the same session
therefore run one after the other; the second waits until the first commits, and its statements then see the
first one's rows and stored shares, so its difference is taken from what is really added up. A unit of work
that changed rows without having refreshed yet is seen by nobody; it refreshes afterwards, under the lock,
and counts the rows committed meanwhile with its own. The totals themselves change only by atomic
`… SET n = n + delta` upserts, so units of work refreshing sessions of the same month add up without losing
anything. Several sessions are locked in increasing id order (no deadlock). On SQLite a writer holds the
database's write lock for its whole unit of work.
`rebuild` groups the answers waiting and computes the four tables again from the rows (after a bulk load);
migration 0021 does the same (0020 filled them before answers counted in groups).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Answer,
    Meeting,
    SurveyErased,
    SurveyErasedAnswer,
    SurveyInvitation,
    SurveyMonth,
    SurveyMonthAnswer,
    SurveyMonthStep,
    SurveySession,
)
from storage.survey_groups import (
    GROUP,
    NOT_CONCERNED_STORED,
    answered,
    counted,
    erased_whole,
    form_groups,
    in_whole_group,
    same_group,
)
from storage.types import PARIS

SMALL_SESSION = GROUP
"""A session's answers count only in groups of this many respondents (and a question's with this many answers)."""
FIGURES = (
    "invited",
    "respondents",
    "left_out_sessions",
    "left_out_respondents",
    "counted_sessions",
    "counted_invited",
    "counted_respondents",
    "sessions",
)


def paris_month(at: datetime) -> str:
    """The Paris month of a moment, "YYYY-MM" (a session on 1 January 00:30 Paris time is January's)."""
    return at.astimezone(PARIS).strftime("%Y-%m")


def month_start(month: str, *, after: bool = False) -> datetime:
    """Midnight Paris time on the first day of a "YYYY-MM" month (of the month after it, with `after`)."""
    year, number = (int(part) for part in month.split("-"))
    if after:
        year, number = year + number // 12, number % 12 + 1
    return datetime(year, number, 1, tzinfo=PARIS)


def value_key(value: str) -> str:
    """A short key for a stored value (free comments can be long)."""
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class Share:
    """One session's share of one survey's results, and where it is added up."""

    kind: str
    month: str
    starts_at: datetime
    invited: int
    respondents: int
    counted: int
    """Respondents in whole groups of 5: the only ones whose answers count."""
    answers: dict[str, dict[str, int]] = field(default_factory=dict)
    given: dict[str, int] = field(default_factory=dict)
    """Per question, the answers of the respondents counted (however few answered it)."""

    def figures(self) -> dict[str, int]:
        """What the share adds to its month's figures."""
        small = self.respondents >= 1 and not self.counted
        big = self.counted > 0
        return {
            "invited": self.invited,
            "respondents": self.respondents,
            "left_out_sessions": int(small),
            "left_out_respondents": self.respondents if small else 0,
            "counted_sessions": int(big),
            "counted_invited": self.invited if big else 0,
            "counted_respondents": self.counted,
            "sessions": 1,
        }


def _stored() -> ColumnElement[str]:
    return cast(Answer.value, String)


def shares_from(
    sessions: Iterable[tuple[str, int, str, datetime, int, int, int]],
    answers: Iterable[tuple[str, int, str, str, int]],
) -> dict[tuple[str, int], Share]:
    """Shares from per-session counts (flow, meeting, kind, start, invited, respondents, respondents counted) and
    the counted respondents' answer counts per session (flow, meeting, question, stored value, answers): a question
    counts in a session when 5 of its respondents counted or more answered it other than « Pas concerné·e »."""
    given: dict[tuple[str, int], dict[str, Counter[str]]] = {}
    for flow_id, meeting_id, step_id, value, n in answers:
        given.setdefault((flow_id, meeting_id), {}).setdefault(step_id, Counter())[value] += int(n)
    shares: dict[tuple[str, int], Share] = {}
    for flow_id, meeting_id, kind, starts_at, invited, respondents, in_groups in sessions:
        counted: dict[str, dict[str, int]] = {}
        steps: dict[str, int] = {}
        if in_groups >= SMALL_SESSION:
            for step_id, values in given.get((flow_id, meeting_id), {}).items():
                steps[step_id] = values.total()
                if values.total() - values[NOT_CONCERNED_STORED] >= SMALL_SESSION:
                    counted[step_id] = dict(values)
        month = paris_month(starts_at)
        figures = (int(invited), int(respondents), int(in_groups))
        shares[flow_id, meeting_id] = Share(kind, month, starts_at, *figures, counted, steps)
    return shares


async def _fresh(
    session: AsyncSession, where: ColumnElement[bool], erased: ColumnElement[bool]
) -> dict[tuple[str, int], Share]:
    """The shares of the sessions whose invitations match `where`, computed from their rows, with the people erased
    of the sessions whose `survey_erased` rows match `erased` (the same sessions)."""
    members = counted(where)
    rows = (
        select(
            SurveyInvitation.flow_id,
            SurveyInvitation.meeting_id,
            answered().label("answered"),
            in_whole_group().label("counts"),
        )
        .where(where)
        .subquery()
    )
    per_session = (
        select(
            rows.c.flow_id,
            rows.c.meeting_id,
            Meeting.kind,
            Meeting.starts_at,
            func.count(),
            func.count(case((rows.c.answered, 1))),
            func.count(case((rows.c.counts, 1))),
        )
        .join(Meeting, Meeting.id == rows.c.meeting_id)
        .group_by(rows.c.flow_id, rows.c.meeting_id, Meeting.kind, Meeting.starts_at)
    )
    stored = _stored()
    per_value = (
        select(members.c.flow_id, members.c.meeting_id, Answer.step_id, stored, func.count())
        .join_from(members, Answer, Answer.response_id == members.c.response_id)
        .where(stored != "null")
        .group_by(members.c.flow_id, members.c.meeting_id, Answer.step_id, stored)
    )
    sessions: dict[tuple[str, int], list[Any]] = {}
    for flow_id, meeting_id, kind, starts_at, *figures in (await session.execute(per_session)).all():
        sessions[flow_id, meeting_id] = [kind, starts_at, *figures]
    gone = select(
        SurveyErased.flow_id,
        SurveyErased.meeting_id,
        Meeting.kind,
        Meeting.starts_at,
        SurveyErased.invited,
        SurveyErased.respondents,
        erased_whole(),
    ).join(Meeting, Meeting.id == SurveyErased.meeting_id)
    for flow_id, meeting_id, kind, starts_at, invited, respondents, whole in await session.execute(gone.where(erased)):
        found = sessions.setdefault((flow_id, meeting_id), [kind, starts_at, 0, 0, 0])
        found[2:] = [found[2] + invited, found[3] + respondents, found[4] + (respondents if whole else 0)]
    answers = [tuple(row) for row in (await session.execute(per_value)).all()]
    their_answers = (
        select(
            SurveyErasedAnswer.flow_id,
            SurveyErasedAnswer.meeting_id,
            SurveyErasedAnswer.step_id,
            SurveyErasedAnswer.value,
            SurveyErasedAnswer.answers,
        )
        .join(SurveyErased, same_group())
        .where(erased, erased_whole())
    )
    answers.extend(tuple(row) for row in (await session.execute(their_answers)).all())
    return shares_from([(f, m, *rest) for (f, m), rest in sessions.items()], answers)


def _insert(session: AsyncSession, model: Any) -> Any:
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    return dialect.insert(model)


async def _add_figures(session: AsyncSession, flow_id: str, kind: str, month: str, delta: Mapping[str, int]) -> None:
    """Add `delta` (negative to take out) to one month's figures, atomically; an emptied month goes."""
    if not any(delta.values()):
        return
    statement = _insert(session, SurveyMonth).values(flow_id=flow_id, kind=kind, month=month, **delta)
    statement = statement.on_conflict_do_update(
        index_elements=["flow_id", "kind", "month"],
        set_={name: getattr(SurveyMonth, name) + n for name, n in delta.items()},
    ).returning(SurveyMonth.invited)
    if await session.scalar(statement) == 0:
        await session.execute(
            delete(SurveyMonth).where(
                SurveyMonth.flow_id == flow_id,
                SurveyMonth.kind == kind,
                SurveyMonth.month == month,
                *(getattr(SurveyMonth, name) == 0 for name in FIGURES),
            )
        )


async def _add_steps(session: AsyncSession, flow_id: str, kind: str, month: str, delta: Mapping[str, int]) -> None:
    """Add `delta` per question to one month's answers in counted sessions, atomically; emptied questions go."""
    for step_id, n in sorted(delta.items()):
        if not n:
            continue
        where = {"flow_id": flow_id, "step_id": step_id, "kind": kind, "month": month}
        await _add_count(session, SurveyMonthStep, where, "given", n)


async def _add_answers(
    session: AsyncSession, flow_id: str, kind: str, month: str, delta: Mapping[tuple[str, str], int]
) -> None:
    """Add `delta` per (question, value) to one month's counted answers, atomically; emptied values go."""
    for (step_id, value), n in sorted(delta.items()):
        if not n:
            continue
        key = value_key(value)
        where = {"flow_id": flow_id, "step_id": step_id, "kind": kind, "month": month, "value_key": key}
        await _add_count(session, SurveyMonthAnswer, where, "answers", n, value=value)


async def _add_count(
    session: AsyncSession, model: Any, where: dict[str, Any], column: str, n: int, **values: Any
) -> None:
    """Add `n` to `column` of the row at `where` (made with `values` if missing), atomically; a row left at 0 goes."""
    target = getattr(model, column)
    statement = _insert(session, model).values(**where, **values, **{column: n})
    statement = statement.on_conflict_do_update(index_elements=list(where), set_={column: target + n})
    if await session.scalar(statement.returning(target)) == 0:
        await session.execute(delete(model).where(*(getattr(model, k) == v for k, v in where.items()), target == 0))


def _flat(answers: Mapping[str, Mapping[str, int]], sign: int) -> Counter[tuple[str, str]]:
    return Counter({(step_id, value): sign * n for step_id, values in answers.items() for value, n in values.items()})


async def _apply(session: AsyncSession, flow_id: str, old: Share | None, new: Share | None) -> None:
    """Move the totals from the old share to the new one (either may be missing)."""
    figures: dict[tuple[str, str], Counter[str]] = {}
    answers: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    steps: dict[tuple[str, str], Counter[str]] = {}
    for share, sign in ((old, -1), (new, 1)):
        if share is None:
            continue
        place = (share.kind, share.month)
        figures.setdefault(place, Counter()).update({k: sign * v for k, v in share.figures().items()})
        answers.setdefault(place, Counter()).update(_flat(share.answers, sign))
        steps.setdefault(place, Counter()).update({k: sign * v for k, v in share.given.items()})
    for (kind, month), delta in sorted(figures.items()):
        await _add_figures(session, flow_id, kind, month, {name: delta[name] for name in FIGURES})
    for (kind, month), counts in sorted(answers.items()):
        await _add_answers(session, flow_id, kind, month, counts)
    for (kind, month), given in sorted(steps.items()):
        await _add_steps(session, flow_id, kind, month, given)


async def refresh(session: AsyncSession, meeting_id: int) -> None:
    """One session's survey figures recomputed from its rows, and the totals moved by the difference.

    Call it after any write to the session's invitations or their answers, or to the session's start.
    """
    await refresh_many(session, [meeting_id])


async def refresh_many(session: AsyncSession, meeting_ids: Collection[int]) -> None:
    """`refresh` for each of these sessions, in increasing id order."""
    await session.flush()
    for meeting_id in sorted(set(meeting_ids)):
        await _refresh_one(session, meeting_id)


async def _refresh_one(session: AsyncSession, meeting_id: int) -> None:
    await session.execute(select(Meeting.id).where(Meeting.id == meeting_id).with_for_update())  # see docstring
    ours = SurveyInvitation.meeting_id == meeting_id
    await form_groups(session, ours)  # under the lock: an answer is put in one group only
    found = await _fresh(session, ours, SurveyErased.meeting_id == meeting_id)
    fresh = {flow_id: share for (flow_id, _), share in found.items()}
    columns = (SurveySession.flow_id, SurveySession.kind, SurveySession.month, SurveySession.starts_at)
    figures = (SurveySession.invited, SurveySession.respondents, SurveySession.counted)
    texts = (SurveySession.answers, SurveySession.given)
    rows = await session.execute(select(*columns, *figures, *texts).where(SurveySession.meeting_id == meeting_id))
    stored = {  # plain rows, not ORM objects that could be stale
        flow_id: Share(kind, month, starts_at, invited, respondents, in_groups, answers, given)
        for flow_id, kind, month, starts_at, invited, respondents, in_groups, answers, given in rows.all()
    }
    for flow_id in sorted(set(fresh) | set(stored)):
        old, new = stored.get(flow_id), fresh.get(flow_id)
        if old == new:
            continue
        await _apply(session, flow_id, old, new)
        mine = (SurveySession.flow_id == flow_id, SurveySession.meeting_id == meeting_id)
        await session.execute(delete(SurveySession).where(*mine).execution_options(synchronize_session=False))
        if new is not None:
            await session.execute(insert(SurveySession).values(_row(flow_id, meeting_id, new)))


def _row(flow_id: str, meeting_id: int, share: Share) -> dict[str, Any]:
    return {
        "flow_id": flow_id,
        "meeting_id": meeting_id,
        "kind": share.kind,
        "month": share.month,
        "starts_at": share.starts_at,
        "invited": share.invited,
        "respondents": share.respondents,
        "counted": share.counted,
        "answers": share.answers,
        "given": share.given,
    }


async def meetings_of_person(session: AsyncSession, person_id: int, response_ids: Any) -> list[int]:
    """Sessions whose survey figures depend on this person's invitations or on these responses."""
    query = select(SurveyInvitation.meeting_id).where(
        (SurveyInvitation.person_id == person_id) | SurveyInvitation.response_id.in_(response_ids)
    )
    return sorted(set((await session.execute(query)).scalars()))


async def forgetting(session: AsyncSession, person_id: int, kept: Mapping[str, Collection[str]]) -> list[int]:
    """A person erases their data: each of their invitations becomes an anonymous one of its session and group of
    5 (`survey_erased`), with the answers that counted there (`survey_erased_answers`: per question of `kept`, per
    survey, and value: never a free comment), so that the session's figures stay the same once their invitations
    and answers are deleted. An answer still waiting for its group is kept in group 0, and joins the next group
    formed (`form_groups`), as it would have. Returns the sessions to refresh after that.

    Call it before deleting their invitations; the sessions are refreshed (and locked) first, so that their answers
    waiting for a group are grouped as they would have been.
    """
    mine = SurveyInvitation.person_id == person_id
    meetings = sorted(set((await session.execute(select(SurveyInvitation.meeting_id).where(mine))).scalars()))
    await refresh_many(session, meetings)
    theirs = select(
        SurveyInvitation.flow_id,
        SurveyInvitation.meeting_id,
        answered(),
        SurveyInvitation.answer_group,
        SurveyInvitation.response_id,
    ).where(mine)
    stored = _stored()
    for flow_id, meeting_id, has_answered, group, response_id in sorted((await session.execute(theirs)).all()):
        number = group if has_answered and group is not None else 0
        where = {"flow_id": flow_id, "meeting_id": meeting_id, "answer_group": number}
        statement = _insert(session, SurveyErased).values(**where, invited=1, respondents=int(bool(has_answered)))
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=list(where),
                set_={
                    "invited": SurveyErased.invited + 1,
                    "respondents": SurveyErased.respondents + int(bool(has_answered)),
                },
            )
        )
        if not has_answered or response_id is None:  # waiting (group 0): their answers join the next group
            continue
        values = (
            select(Answer.step_id, stored, func.count())
            .where(Answer.response_id == response_id, stored != "null", Answer.step_id.in_(list(kept.get(flow_id, ()))))
            .group_by(Answer.step_id, stored)
        )
        for step_id, value, n in sorted((await session.execute(values)).all()):
            key = {**where, "step_id": step_id, "value_key": value_key(value)}
            await _add_count(session, SurveyErasedAnswer, key, "answers", int(n), value=value)
    return meetings


async def rebuild(session: AsyncSession) -> None:
    """The four tables computed again from every invitation and answer (after a bulk load), the answers waiting put
    in groups of 5 first (rows written around `refresh`)."""
    await form_groups(session, SurveyInvitation.id.is_not(None))
    await session.execute(delete(SurveyMonthAnswer))
    await session.execute(delete(SurveyMonthStep))
    await session.execute(delete(SurveyMonth))
    await session.execute(delete(SurveySession))
    shares = await computed(session)
    months, answers, steps = sums(shares)
    session_rows = [_row(flow_id, meeting_id, share) for (flow_id, meeting_id), share in shares.items()]
    month_rows = [{"flow_id": f, "kind": k, "month": m, **figures} for (f, k, m), figures in months.items()]
    answer_rows = [
        {"flow_id": f, "step_id": s, "kind": k, "month": m, "value_key": value_key(v), "value": v, "answers": n}
        for (f, s, k, m, v), n in answers.items()
    ]
    step_rows = [{"flow_id": f, "step_id": s, "kind": k, "month": m, "given": n} for (f, s, k, m), n in steps.items()]
    tables = ((SurveySession, session_rows), (SurveyMonth, month_rows), (SurveyMonthAnswer, answer_rows))
    for model, rows in (*tables, (SurveyMonthStep, step_rows)):
        for start in range(0, len(rows), 5000):
            await session.execute(insert(model), rows[start : start + 5000])


async def computed(session: AsyncSession) -> dict[tuple[str, int], Share]:
    """Every session's share of every survey, computed from the rows, by (survey, session)."""
    return await _fresh(session, SurveyInvitation.id.is_not(None), SurveyErased.meeting_id.is_not(None))


Sums = tuple[
    dict[tuple[str, str, str], dict[str, int]],
    dict[tuple[str, str, str, str, str], int],
    dict[tuple[str, str, str, str], int],
]
"""Figures per (survey, kind, month); answers per (survey, question, kind, month, value); answers in counted
sessions per (survey, question, kind, month)."""


def sums(shares: Mapping[tuple[str, int], Share]) -> Sums:
    """The shares added up, as the monthly tables hold them."""
    months: dict[tuple[str, str, str], Counter[str]] = {}
    answers: Counter[tuple[str, str, str, str, str]] = Counter()
    steps: Counter[tuple[str, str, str, str]] = Counter()
    for (flow_id, _), share in shares.items():
        months.setdefault((flow_id, share.kind, share.month), Counter()).update(share.figures())
        for (step_id, value), n in _flat(share.answers, 1).items():
            answers[flow_id, step_id, share.kind, share.month, value] += n
        for step_id, n in share.given.items():
            steps[flow_id, step_id, share.kind, share.month] += n
    figures = {key: {name: counts[name] for name in FIGURES} for key, counts in months.items()}
    return figures, dict(answers), dict(steps)
