"""The yearly report's people, sessions and attendance, kept as meetings, marks and responses change.

Counting them from the raw rows grows with the registrations (2.4 s at 100 000 on SQLite); the report reads a
few rows instead. Tables, written in the unit of work of the change they follow:

- `year_people` / `year_counts`: per Paris year and figure ("helped", "met"), how many times each person counts,
  and how many people that is (as `grid_people` / `grid_counts`). "helped": responses finished in the year to a
  flow listed in `year_flows` (rights, screening, request: the caller says so when the response is stored).
  "met": present marks (registration cancelled or not) at meetings not cancelled that start in the year.
- `year_meetings`: one row per meeting not cancelled, what it adds: its Paris year, kind, end, and the marks of
  its registered people; `year_marks`: who was marked present there. Neither has a foreign key: the row must
  outlive the meeting or person deleted, so that the refresh that follows can take it out of the totals.
- `year_sessions`: the meetings and marks of `year_meetings` added up per Paris year, kind and UTC day they end.

A person who erases their data (/forget, `forgetting`) stays counted, anonymously, in every figure they counted
in: their `year_people` and `year_marks` rows (which link them to a year and a meeting) are deleted, each
`year_counts` row they were in moves one from `people` to `erased`, and their marks become the `erased_*` marks of
their meetings' `year_meetings` rows (added to the marks those rows hold, and so to `year_sessions`). The report
adds `erased` to `people`, so its figures read before and after a /forget are the same. In "met", someone who
came to one meeting of the year only, or only to meetings not over yet, counts through that meeting instead
(`year_meetings.erased_met`, the one ending first), added once it is over, as the people still there are.

A cancellation cannot be undone (nothing sets a meeting back to scheduled; the console cancels a meeting not over
yet, the command line any): a meeting cancelled, or deleted, takes out its marks, erased ones included, and the
people who came to it and no other meeting, erased ones included (`erased_met`), so nothing moves differently
for the people erased than for the others; a moved one carries them to its new day and year. Someone erased who
came to several meetings, one over at least, stays in the year's `erased` whichever is cancelled (as someone still
there would, unless every one of their meetings were cancelled: no row says which they were). Only /forget keeps
counts: other changes (a mark corrected, a registration cancelled, a meeting cancelled) move them as before.

Only registrations with an attendance mark count; a status change of an unmarked registration (registering,
waiting, offers) changes nothing, and `marked_changed` skips it.

"Held" means over by now, which changes with time and no write. The report adds the `year_sessions` of the
days before today (all over) and reads today's meetings from `year_meetings` (those over by now). `year_people`
"met" counts a present mark as soon as it is given (check-in opens an hour before the start), but the figure
stays exact: the report takes out the people all of whose marks of the year are at meetings not over yet
(`year_meetings` rows ending after now: the sessions under way, and any marked early), read through the index
on (year, ends_at). Every figure is the one the rows give (`storage/reports.py` keeps those queries, which the
tests compare with).

A meeting's contribution is refreshed whole (`refresh`): after a write to a meeting, a mark or a marked
registration, the caller flushes, then the meeting's rows are counted again (its marked registrations only) and
compared with its `year_meetings` / `year_marks` rows, and only the difference goes to the totals, so a moved
meeting moves its counts (to another day, year or both), a cancelled or deleted one takes them out.

Concurrency on PostgreSQL: the refresh first locks the meetings' rows (`SELECT … FOR UPDATE`, by id), and only
then counts their registrations and reads their stored contribution. Every writer of a meeting refreshes it
while holding that lock until it commits, so a second one waits, then (READ COMMITTED: each statement sees what
was committed before it) counts the rows the first one committed and reads the contribution it stored; two
refreshes of one meeting can never both apply the same difference. A meeting deleted meanwhile is locked by its
DELETE until that commits; the refresh after it finds no row and its contribution already taken out. Shared
rows change only by atomic statements returning the new value (INSERT … ON CONFLICT DO UPDATE SET n = n + k
RETURNING, UPDATE … SET n = n - k RETURNING), never a read then a write, and in one order after the meetings'
locks: `year_people` rows sorted, then `year_counts`, then `year_sessions` sorted, so two refreshes cannot
wait on each other in a cycle over these rows.
`rebuild` computes every table from the rows (after a bulk load; migration 0019 does the same) and keeps the
counts of people erased, which no row gives any more.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Meeting,
    Registration,
    Response,
    YearCount,
    YearFlow,
    YearMark,
    YearMeeting,
    YearPerson,
    YearSession,
)
from storage.types import PARIS, UTCDateTime

HELPED = "helped"
MET = "met"
MARKS = ("present", "absent", "excused")
CHUNK = 1000
"""Meetings refreshed per query: well under the 32 767 parameters asyncpg takes."""


def paris_year(at: datetime) -> int:
    """The Paris calendar year of a moment (a session at 00:30 on 1 January, Paris time, is in the new year)."""
    return at.astimezone(PARIS).year


def utc_day(at: datetime) -> str:
    """The UTC day of a moment, "YYYY-MM-DD", as `year_sessions` keys it."""
    return at.astimezone(UTC).strftime("%Y-%m-%d")


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The UTC start of a Paris year and of the next one."""
    return (datetime(year, 1, 1, tzinfo=PARIS).astimezone(UTC), datetime(year + 1, 1, 1, tzinfo=PARIS).astimezone(UTC))


@dataclass(frozen=True)
class Contribution:
    """What one meeting adds: its year, kind, end, registered people's marks, and who was marked present."""

    year: int
    kind: str
    ends_at: datetime
    marks: tuple[int, int, int]
    present: frozenset[int]
    erased: tuple[int, int, int] = (0, 0, 0)
    """Of `marks`, those of people who erased their data since: no row gives them any more, they still count."""
    erased_met: int = 0
    """People erased since who count among the people who came through this meeting (`forgetting`), once over."""

    @property
    def bucket(self) -> tuple[int, str, str]:
        """Its `year_sessions` row."""
        return (self.year, self.kind, utc_day(self.ends_at))


def _dialect(session: AsyncSession) -> Any:
    return sqlite if session.get_bind().dialect.name == "sqlite" else postgresql


def _add(session: AsyncSession, model: Any, key: dict[str, Any], by: Mapping[str, int], returning: str) -> Any:
    """INSERT the row with `by`, or add `by` to its columns when it is there; returns the new `returning`."""
    statement = _dialect(session).insert(model).values(**key, **by)
    changes = {column: getattr(model, column) + n for column, n in by.items()}
    done = statement.on_conflict_do_update(index_elements=list(key), set_=changes)
    return done.returning(getattr(model, returning))


async def _people(session: AsyncSession, what: str, changes: Mapping[tuple[int, int], int]) -> None:
    """Add (or take) `n` to each (year, person) of one figure; people who appear or disappear change the count."""
    people: Counter[int] = Counter()
    for (year, person_id), n in sorted(changes.items()):
        if n > 0:
            now = await session.scalar(
                _add(session, YearPerson, {"year": year, "what": what, "person_id": person_id}, {"n": n}, "n")
            )
            people[year] += now == n  # the row was just made: one more person
        elif n < 0:
            mine = (YearPerson.year == year, YearPerson.what == what, YearPerson.person_id == person_id)
            left = await session.scalar(
                update(YearPerson).where(*mine).values(n=YearPerson.n + n).returning(YearPerson.n)
            )
            if left is not None and left <= 0:
                await session.execute(delete(YearPerson).where(*mine, YearPerson.n <= 0))
                people[year] -= 1
    for year, n in sorted(people.items()):
        if n:
            await session.execute(_add(session, YearCount, {"year": year, "what": what}, {"people": n}, "people"))


async def _sessions(session: AsyncSession, changes: Mapping[tuple[int, str, str], tuple[int, int, int, int]]) -> None:
    """Add (or take) meetings and marks to `year_sessions` rows; a row left without meetings goes."""
    for (year, kind, day), (meetings, *marks) in sorted(changes.items()):
        if not meetings and not any(marks):
            continue
        by = {"meetings": meetings, **dict(zip(MARKS, marks, strict=True))}
        left = await session.scalar(
            _add(session, YearSession, {"year": year, "kind": kind, "day": day}, by, "meetings")
        )
        if left is not None and left <= 0:
            here = (YearSession.year == year, YearSession.kind == kind, YearSession.day == day)
            await session.execute(delete(YearSession).where(*here, YearSession.meetings <= 0))


async def _counted(session: AsyncSession, meeting_ids: list[int] | None) -> dict[int, Contribution]:
    """Each meeting's contribution as its rows give it now (none for a cancelled or deleted meeting).

    Given ids, the meetings' rows are locked first (by id) until the end of the transaction; None: every
    meeting, nothing locked (`rebuild`).
    """
    query = select(Meeting.id, Meeting.kind, Meeting.starts_at, Meeting.ends_at, Meeting.status)
    registrations = select(
        Registration.meeting_id, Registration.person_id, Registration.status, Registration.attendance
    ).where(Registration.attendance.is_not(None))
    if meeting_ids is not None:
        query = query.where(Meeting.id.in_(meeting_ids)).order_by(Meeting.id).with_for_update()
        registrations = registrations.where(Registration.meeting_id.in_(meeting_ids))
    meetings = (await session.execute(query)).all()
    erased = await _erased_marks(session, meeting_ids)
    marks: dict[int, Counter[str]] = defaultdict(Counter)
    present: dict[int, set[int]] = defaultdict(set)
    rows = await session.execute(registrations)
    for meeting_id, person_id, status, attendance in rows.all():
        if status == "registered" and attendance is not None:
            marks[meeting_id][attendance] += 1
        if attendance == "present":
            present[meeting_id].add(person_id)
    for meeting_id, (*kept, _) in erased.items():
        marks[meeting_id].update(dict(zip(MARKS, kept, strict=True)))
    return {
        meeting_id: Contribution(
            paris_year(starts_at),
            kind,
            ends_at,
            (marks[meeting_id]["present"], marks[meeting_id]["absent"], marks[meeting_id]["excused"]),
            frozenset(present[meeting_id]),
            *_erased_parts(erased.get(meeting_id, (0, 0, 0, 0))),
        )
        for meeting_id, kind, starts_at, ends_at, status in meetings
        if status == "scheduled"
    }


ERASED = (YearMeeting.erased_present, YearMeeting.erased_absent, YearMeeting.erased_excused)
KEPT = (*ERASED, YearMeeting.erased_met)
"""What a meeting keeps of people erased since: their marks, and those counted among the people who came there."""


def _erased_parts(kept: tuple[int, int, int, int]) -> tuple[tuple[int, int, int], int]:
    return (kept[0], kept[1], kept[2]), kept[3]


async def _erased_marks(session: AsyncSession, meeting_ids: list[int] | None) -> dict[int, tuple[int, int, int, int]]:
    """The marks of people erased since and those of them counted there, per meeting that has some (None: every
    meeting)."""
    query = select(YearMeeting.meeting_id, *KEPT).where(KEPT[0] + KEPT[1] + KEPT[2] + KEPT[3] > 0)
    if meeting_ids is not None:
        query = query.where(YearMeeting.meeting_id.in_(meeting_ids))
    return {meeting_id: (a, b, c, d) for meeting_id, a, b, c, d in (await session.execute(query)).all()}


async def _stored(session: AsyncSession, meeting_ids: list[int]) -> dict[int, Contribution]:
    """Each meeting's contribution as the totals hold it (read once the meetings are locked)."""
    kept = (YearMeeting.year, YearMeeting.kind, YearMeeting.ends_at, YearMeeting.present, YearMeeting.absent)
    rows = await session.execute(
        select(YearMeeting.meeting_id, *kept, YearMeeting.excused, *KEPT, YearMark.person_id)
        .outerjoin(YearMark, YearMark.meeting_id == YearMeeting.meeting_id)
        .where(YearMeeting.meeting_id.in_(meeting_ids))
    )
    found: dict[int, tuple[int, str, datetime, tuple[int, int, int]]] = {}
    erased: dict[int, tuple[int, int, int, int]] = {}
    present: dict[int, set[int]] = defaultdict(set)
    for meeting_id, year, kind, ends_at, *marks, person_id in rows.all():
        found[meeting_id] = (year, kind, ends_at, (marks[0], marks[1], marks[2]))
        erased[meeting_id] = (marks[3], marks[4], marks[5], marks[6])
        if person_id is not None:
            present[meeting_id].add(person_id)
    return {m: Contribution(*row, frozenset(present[m]), *_erased_parts(erased[m])) for m, row in found.items()}


async def refresh(session: AsyncSession, meeting_ids: Iterable[int]) -> None:
    """Count these meetings again from their rows and move the totals by the difference (after any change)."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return
    await session.flush()
    people: Counter[tuple[int, int]] = Counter()
    buckets: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for start in range(0, len(ids), CHUNK):  # retention may refresh thousands: no query carries one id per meeting
        part = ids[start : start + CHUNK]
        new = await _counted(session, part)  # the meetings locked first: their stored part is read after that
        old = await _stored(session, part)
        for meeting_id in part:
            before, after = old.get(meeting_id), new.get(meeting_id)
            if before == after:
                continue
            for contribution, sign in ((before, -1), (after, 1)):
                if contribution is None:
                    continue
                for person_id in contribution.present:
                    people[contribution.year, person_id] += sign
                bucket = buckets[contribution.bucket]
                for i, n in enumerate((1, *contribution.marks)):
                    bucket[i] += sign * n
            await _keep(session, meeting_id, before, after)
    await _people(session, MET, people)
    await _sessions(session, {key: (a, b, c, d) for key, (a, b, c, d) in buckets.items()})


async def _keep(
    session: AsyncSession, meeting_id: int, before: Contribution | None, after: Contribution | None
) -> None:
    """Store a meeting's new contribution in place of the old one."""
    gone = before.present - (after.present if after else frozenset()) if before else frozenset()
    came = after.present - (before.present if before else frozenset()) if after else frozenset()
    if gone:
        await session.execute(delete(YearMark).where(YearMark.meeting_id == meeting_id, YearMark.person_id.in_(gone)))
    if came:
        await session.execute(insert(YearMark), [{"meeting_id": meeting_id, "person_id": p} for p in sorted(came)])
    if after is None:
        await session.execute(delete(YearMeeting).where(YearMeeting.meeting_id == meeting_id))
        return
    values = {
        "year": after.year,
        "kind": after.kind,
        "day": utc_day(after.ends_at),
        "ends_at": after.ends_at,
        **dict(zip(MARKS, after.marks, strict=True)),
        **{column.key: n for column, n in zip(ERASED, after.erased, strict=True)},
        "erased_met": after.erased_met,
    }
    if before is None:
        await session.execute(insert(YearMeeting).values(meeting_id=meeting_id, **values))
    else:
        await session.execute(update(YearMeeting).where(YearMeeting.meeting_id == meeting_id).values(**values))


async def marked_changed(session: AsyncSession, registrations: Iterable[Registration | None]) -> None:
    """Registrations changed status: refresh the meetings of those with an attendance mark.

    Only marked registrations count (marks of registered people, present people whatever their status), so a
    status change of an unmarked one changes no figure: registering, waiting and offers cost nothing more.
    """
    await refresh(session, [r.meeting_id for r in registrations if r is not None and r.attendance is not None])


async def completed(session: AsyncSession, flow_id: str, person_id: int, at: datetime) -> None:
    """A person finished a flow that counts as individual help: one more time they count in that year."""
    await session.execute(_dialect(session).insert(YearFlow).values(flow_id=flow_id).on_conflict_do_nothing())
    await _people(session, HELPED, {(paris_year(at), person_id): 1})


async def _helped_by_person(session: AsyncSession, where: ColumnElement[bool]) -> Counter[tuple[int, int]]:
    """Responses matching `where` to the flows of `year_flows`, per (Paris year, person)."""
    rows = await session.execute(
        select(Response.person_id, Response.completed_at).where(where, Response.flow_id.in_(select(YearFlow.flow_id)))
    )
    return Counter((paris_year(at), person_id) for person_id, at in rows.all())


async def forgetting(session: AsyncSession, person_id: int, now: datetime) -> None:
    """A person erases their data: their rows here go, and every figure they count in counts them as erased instead.

    Call it before their registrations and responses are changed or deleted: their marks become the marks of
    people erased of each meeting (`year_meetings`), their registrations lose their marks (so that no refresh
    counts them twice), and each yearly figure they count in moves one from `people` to `erased`, but for "met"
    of a year where they came to one meeting only, or to meetings not over yet only: there they count through
    that meeting (the one ending first), as `erased_met`, once it is over, and leave with it if it is cancelled,
    as the people who came to it and no other meeting do. No row says which meetings one person came to.
    """
    meetings = await meetings_of(session, Registration.person_id == person_id)
    await refresh(session, meetings)  # the meetings locked, their stored part as the rows give it
    theirs = (Registration.person_id == person_id, Registration.attendance.is_not(None))
    counted = select(YearMeeting.meeting_id)
    marks = await session.execute(
        select(Registration.meeting_id, Registration.attendance).where(
            *theirs, Registration.status == "registered", Registration.meeting_id.in_(counted)
        )
    )
    for meeting_id, mark in sorted(marks.all()):
        column = ERASED[MARKS.index(mark)]
        await session.execute(
            update(YearMeeting).where(YearMeeting.meeting_id == meeting_id).values({column: column + 1})
        )
    came: dict[int, list[tuple[bool, datetime, int]]] = defaultdict(list)  # per year: (over, end, meeting)
    for year, over, ends_at, meeting_id in await session.execute(
        select(YearMeeting.year, YearMeeting.ends_at < now, YearMeeting.ends_at, YearMeeting.meeting_id)
        .join(YearMark, YearMark.meeting_id == YearMeeting.meeting_id)
        .where(YearMark.person_id == person_id)
    ):
        came[year].append((bool(over), ends_at, meeting_id))
    await session.execute(delete(YearMark).where(YearMark.person_id == person_id))
    await session.execute(update(Registration).where(*theirs).values(attendance=None))
    gone = await session.execute(
        delete(YearPerson)
        .where(YearPerson.person_id == person_id)
        .returning(YearPerson.year, YearPerson.what, YearPerson.n)
        .execution_options(synchronize_session=False)
    )
    for year, what, _ in sorted(gone.all()):
        through = _counted_through(came[year]) if what == MET else None
        if through is not None:
            here_only = YearMeeting.meeting_id == through
            await session.execute(update(YearMeeting).where(here_only).values(erased_met=YearMeeting.erased_met + 1))
        here = (YearCount.year == year, YearCount.what == what)
        moved = {"people": YearCount.people - 1, "erased": YearCount.erased + int(through is None)}
        await session.execute(update(YearCount).where(*here).values(**moved))


def _counted_through(meetings: list[tuple[bool, datetime, int]]) -> int | None:
    """The one meeting through which someone erased counts among the people who came in a year, from the meetings
    they were marked present at (over or not, end, id): their only one, or, when none is over yet, the one ending
    first. None: they came to several, one over at least; they count in the year's `erased`, whatever meeting is
    cancelled later (one of them is still held)."""
    if len(meetings) == 1 or (meetings and not any(over for over, _, _ in meetings)):
        return min(meetings)[2]
    return None


async def moving(session: AsyncSession, where: ColumnElement[bool], to_person: int) -> None:
    """The responses matching `where` are about to belong to `to_person` (retention): "helped" people change."""
    changes: Counter[tuple[int, int]] = Counter()
    for (year, person_id), n in (await _helped_by_person(session, where)).items():
        changes[year, person_id] -= n
        changes[year, to_person] += n
    await _people(session, HELPED, changes)


async def meetings_of(session: AsyncSession, where: ColumnElement[bool]) -> list[int]:
    """The meetings of the marked registrations matching `where`, to refresh once they have changed."""
    marked = select(Registration.meeting_id).where(where, Registration.attendance.is_not(None)).distinct()
    return list((await session.execute(marked)).scalars())


async def rebuild(session: AsyncSession, helped_flows: Collection[str] | None = None) -> None:
    """Every table computed again from the rows (after a bulk load); `helped_flows` replaces `year_flows`.

    People who erased their data are no longer in any row: their counts (`year_counts.erased`, a meeting's
    `erased_*` marks) are kept as they are.
    """
    new = await _counted(session, None)  # with the marks of people erased, before their rows go
    erased = {
        (year, what): n
        for year, what, n in (await session.execute(select(YearCount.year, YearCount.what, YearCount.erased))).all()
        if n
    }
    for model in (YearSession, YearMark, YearMeeting, YearCount, YearPerson):
        await session.execute(delete(model))
    if helped_flows is not None:
        await session.execute(delete(YearFlow))
        if helped_flows:
            await session.execute(insert(YearFlow), [{"flow_id": f} for f in sorted(set(helped_flows))])
    helped = await _helped_by_person(session, Response.id.is_not(None))
    met: Counter[tuple[int, int]] = Counter()
    buckets: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for contribution in new.values():
        for person_id in contribution.present:
            met[contribution.year, person_id] += 1
        bucket = buckets[contribution.bucket]
        for i, n in enumerate((1, *contribution.marks)):
            bucket[i] += n
    people = Counter((y, what) for what, found in ((HELPED, helped), (MET, met)) for y, _ in found)
    rows: dict[Any, list[dict[str, Any]]] = {
        YearMeeting: [
            {
                "meeting_id": m,
                "year": c.year,
                "kind": c.kind,
                "day": utc_day(c.ends_at),
                "ends_at": c.ends_at,
                **dict(zip(MARKS, c.marks, strict=True)),
                **{column.key: n for column, n in zip(ERASED, c.erased, strict=True)},
                "erased_met": c.erased_met,
            }
            for m, c in new.items()
        ],
        YearMark: [{"meeting_id": m, "person_id": p} for m, c in new.items() for p in c.present],
        YearSession: [
            {"year": y, "kind": k, "day": d, "meetings": v[0], **dict(zip(MARKS, v[1:], strict=True))}
            for (y, k, d), v in buckets.items()
        ],
        YearPerson: [
            {"year": y, "what": what, "person_id": p, "n": n}
            for what, found in ((HELPED, helped), (MET, met))
            for (y, p), n in found.items()
        ],
        YearCount: [
            {"year": y, "what": what, "people": people.get((y, what), 0), "erased": erased.get((y, what), 0)}
            for y, what in sorted(set(people) | set(erased))
        ],
    }
    for model, values in rows.items():
        for start in range(0, len(values), 5000):
            await session.execute(insert(model), values[start : start + 5000])


@dataclass(frozen=True)
class YearFigures:
    """The yearly report's people, sessions and attendance for one Paris year, as of a moment."""

    helped: int
    """Distinct people who finished a flow of individual help in the year."""
    met: int
    """Distinct people marked present at a meeting held (not cancelled, over) that started in the year."""
    sessions: list[tuple[str, int]]
    """Meetings held that started in the year, per kind, by kind."""
    marks: dict[str, int]
    """Registered people of those meetings per attendance mark (unmarked ones and zeros left out)."""


def _figures_statements() -> tuple[Select[Any], Select[Any]]:
    """The two queries of `figures`, built once with bound parameters (year, now, midnight, day, asked)."""
    year, now = bindparam("year", type_=Integer), bindparam("now", type_=UTCDateTime())
    not_over = (
        select(YearMark.person_id, func.count().label("marks"))
        .join(YearMeeting, YearMeeting.meeting_id == YearMark.meeting_id)
        .where(YearMeeting.year == year, YearMeeting.ends_at >= now)
        .group_by(YearMark.person_id)
        .subquery()
    )
    early = (
        select(func.count())
        .select_from(not_over)
        .join(
            YearPerson,
            (YearPerson.year == year) & (YearPerson.what == MET) & (YearPerson.person_id == not_over.c.person_id),
        )
        .where(YearPerson.n <= not_over.c.marks)
    )
    flows = select(func.count()).select_from(YearFlow)
    asked: BindParameter[str] = bindparam("asked", expanding=True)
    over = (YearMeeting.year == year, YearMeeting.ends_at < now)
    scalars = select(
        select(YearCount.people + YearCount.erased)
        .where(YearCount.year == year, YearCount.what == HELPED)
        .scalar_subquery(),
        select(YearCount.people + YearCount.erased)
        .where(YearCount.year == year, YearCount.what == MET)
        .scalar_subquery(),
        select(func.sum(YearMeeting.erased_met)).where(*over).scalar_subquery(),
        early.scalar_subquery(),
        flows.where(YearFlow.flow_id.not_in(asked)).scalar_subquery(),
        flows.where(YearFlow.flow_id.in_(asked)).scalar_subquery(),
    )
    before = select(YearSession.kind, YearSession.meetings, *(getattr(YearSession, m) for m in MARKS)).where(
        YearSession.year == year, YearSession.day < bindparam("day", type_=String)
    )
    today = select(YearMeeting.kind, literal(1), *(getattr(YearMeeting, m) for m in MARKS)).where(
        YearMeeting.year == year,
        YearMeeting.ends_at >= bindparam("midnight", type_=UTCDateTime()),
        YearMeeting.ends_at < now,
    )
    held = union_all(before, today).subquery()
    per_kind = select(held.c[0], *(func.sum(column) for column in list(held.c)[1:])).group_by(held.c[0])
    return scalars, per_kind


SCALARS, PER_KIND = _figures_statements()


async def figures(session: AsyncSession, helped_flows: Collection[str], year: int, now: datetime) -> YearFigures:
    """The figures of one Paris year as of `now`, from the totals: two small queries.

    People helped count the flows of `year_flows`; when the flows asked for are not those (a flow's category
    changed; a flow never finished is not listed, which changes nothing) that figure is counted from the rows,
    without the people erased (which flows they had finished is not kept).
    """
    asked = sorted(set(helped_flows))
    day, midnight = _today(now)
    values = {"year": year, "now": now, "asked": asked, "day": day, "midnight": midnight}
    found = (await session.execute(SCALARS, values)).one()
    helped, met, met_erased, marked_early, others, listed = (int(v or 0) for v in found)
    if others or (listed < len(asked) and await _finished_any(session, asked)):
        helped = await _helped_from_rows(session, asked, year)
    sessions: list[tuple[str, int]] = []
    marks: Counter[str] = Counter()
    for kind, meetings, *counted in await session.execute(PER_KIND, values):
        if meetings:
            sessions.append((str(kind), int(meetings)))
        marks.update({mark: int(n) for mark, n in zip(MARKS, counted, strict=True)})
    met += met_erased - marked_early
    return YearFigures(helped, met, sorted(sessions), {m: n for m, n in marks.items() if n})


async def _finished_any(session: AsyncSession, flow_ids: list[str]) -> bool:
    """Whether any response to one of these flows is stored (a flow never finished is missing from `year_flows`)."""
    kept = select(YearFlow.flow_id)
    found = await session.scalar(
        select(Response.id).where(Response.flow_id.in_(flow_ids), Response.flow_id.not_in(kept)).limit(1)
    )
    return found is not None


async def _helped_from_rows(session: AsyncSession, flow_ids: list[str], year: int) -> int:
    start, end = year_bounds(year)
    found = await session.scalar(
        select(func.count(func.distinct(Response.person_id))).where(
            Response.flow_id.in_(flow_ids), Response.completed_at >= start, Response.completed_at < end
        )
    )
    return int(found or 0)


def _today(now: datetime) -> tuple[str, datetime]:
    """Today's UTC day and its start: `year_sessions` before it are over; meetings ending from then on are read."""
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.strftime("%Y-%m-%d"), midnight
