"""A generated data set for the staff reports, inserted in bulk, with what the reports should find worked out in Python.

Sessions of every size (none, 1 to 4 respondents, 5 or more), questions skipped or answered with JSON null,
answers outside a question's options, two surveys in the same sessions, cancelled sessions, grid results over
several months with people counted once per group. Used by `tests/storage/test_reports_in_sql.py` and
`bench/reports.py`; ids are given here so the rows can go in with one Core insert per table.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.schema import Flow, Step
from dialogs.steps import kind_of
from storage import survey_totals, year_totals
from storage.grid_counts import rebuild
from storage.models import Answer, GridResult, Meeting, Person, Registration, Response, SurveyInvitation
from storage.surveys import SessionAnswers

STAMP = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
FIRST_DAY = datetime(2025, 11, 1, tzinfo=UTC)
DAYS = 420
"""Sessions and grid results spread from November 2025 to the end of 2026."""
KINDS = ("info_meeting", "checkup")
GRIDS = ("epices", "frailty")
ORIENTATIONS = ("none", "watch", "refer")
WORDS = ("merci", "très bien", "trop long", "salle froide", "à refaire", "clair", "07 00 00 00 00")


@dataclass
class ReportData:
    """Rows per table, and per survey the sessions' answers as `summarize` takes them."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    sessions: dict[str, dict[int, SessionAnswers]] = field(default_factory=lambda: defaultdict(dict))
    starts: dict[int, datetime] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    grid_results: list[tuple[str, str, datetime, int]] = field(default_factory=list)
    """(grid, orientation, created_at, person) of each grid result."""

    def answered(self, flow_id: str) -> int:
        """How many answered invitations to this survey."""
        return sum(len(s.answers) for s in self.sessions[flow_id].values())


def _value(step: Step, rng: random.Random) -> Any:
    """An answer as the chat stores it, now and then one outside the question's options."""
    kind = kind_of(step)
    if kind.verbatim:
        return rng.choice(WORDS)
    if step.kind == "yesno":
        return rng.random() < 0.6
    keys = kind.answer_keys(step)
    if rng.random() < 0.02:
        return "gone"
    key = rng.choice(keys)
    return int(key) if key.lstrip("-").isdigit() else key


def _answer_set(flow: Flow, rng: random.Random) -> dict[str, Any]:
    """One respondent's answers: about one question in ten skipped, one in twenty stored as JSON null."""
    answers: dict[str, Any] = {}
    for step in flow.steps:
        draw = rng.random()
        if draw < 0.1:
            continue
        answers[step.id] = None if draw < 0.15 else _value(step, rng)
    return answers


class _Ids:
    def __init__(self) -> None:
        self.next: dict[str, int] = defaultdict(int)

    def __call__(self, table: str) -> int:
        self.next[table] += 1
        return self.next[table]


def generate(
    surveys: Sequence[Flow], *, meetings: int, seed: int = 0, largest: int = 14, grid_share: float = 0.5
) -> ReportData:
    """`meetings` sessions with up to `largest` people each, registered, invited to the surveys, some answering."""
    rng = random.Random(seed)
    data = ReportData()
    ids = _Ids()
    for _ in range(meetings):
        meeting_id = ids("meetings")
        starts = FIRST_DAY + timedelta(days=rng.randrange(DAYS), hours=rng.randrange(8, 18))
        kind = rng.choice(KINDS)
        data.starts[meeting_id], data.kinds[meeting_id] = starts, kind
        size = rng.choice((0, 1, 3, 4, 5, 6, 7, largest, largest))
        data.rows["meetings"].append(
            {
                "id": meeting_id,
                "kind": kind,
                "title": {"fr": "Réunion"},
                "description": {},
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "place": "CPAM",
                "address": "1 rue X, 86000 Poitiers",
                "capacity": max(size, 1),
                "languages": [],
                "status": "cancelled" if rng.random() < 0.05 else "scheduled",
                "taken": size,
                "created_by": "bench",
                "created_at": STAMP,
            }
        )
        people = [_person(data, ids) for _ in range(size)]
        for person in people:
            attendance = rng.choice(("present", "present", "present", "absent", None))
            data.rows["registrations"].append(
                {
                    "id": ids("registrations"),
                    "meeting_id": meeting_id,
                    "person_id": person,
                    "status": "registered",
                    "attendance": attendance,
                    "created_at": STAMP,
                    "updated_at": STAMP,
                }
            )
            if rng.random() < grid_share:
                _grid_result(data, ids, rng, person)
        for flow in surveys:
            if size and rng.random() < 0.8:
                _survey(data, ids, rng, flow, meeting_id, starts, people)
    return data


def _person(data: ReportData, ids: _Ids) -> int:
    person = ids("people")
    data.rows["people"].append(
        {
            "id": person,
            "telegram_id": 10_000_000 + person,
            "language": "fr",
            "consent": "accepted",
            "consent_at": STAMP,
            "consent_version": "v",
            "turn": 0,
            "draft_notified": [],
            "glossary_seen": [],
            "created_at": STAMP,
        }
    )
    return person


def _response(data: ReportData, ids: _Ids, person: int, flow_id: str, done: datetime) -> int:
    response = ids("responses")
    data.rows["responses"].append(
        {
            "id": response,
            "person_id": person,
            "flow_id": flow_id,
            "flow_version": 1,
            "started_at": done,
            "completed_at": done,
        }
    )
    return response


def _grid_result(data: ReportData, ids: _Ids, rng: random.Random, person: int) -> None:
    grid, orientation = rng.choice(GRIDS), rng.choice(ORIENTATIONS)
    at = FIRST_DAY + timedelta(days=rng.randrange(DAYS), seconds=rng.randrange(86_400))
    data.rows["grid_results"].append(
        {
            "id": ids("grid_results"),
            "response_id": _response(data, ids, person, grid, at),
            "person_id": person,
            "grid_id": grid,
            "grid_version": 1,
            "score": 10,
            "orientation": orientation,
            "answered_by": "person",
            "created_at": at,
        }
    )
    data.grid_results.append((grid, orientation, at, person))


def _survey(
    data: ReportData, ids: _Ids, rng: random.Random, flow: Flow, meeting_id: int, starts: datetime, people: list[int]
) -> None:
    answering = rng.choice((0, 1, len(people) // 2, len(people), len(people)))
    given: list[dict[str, Any]] = []
    for n, person in enumerate(people):
        invitation: dict[str, Any] = {
            "id": ids("survey_invitations"),
            "person_id": person,
            "flow_id": flow.id,
            "meeting_id": meeting_id,
            "status": rng.choice(("sent", "invited", "unreachable")),
            "response_id": None,
            "created_at": STAMP,
            "answered_at": None,
        }
        if n < answering:
            done = starts + timedelta(hours=3)
            response = _response(data, ids, person, flow.id, done)
            answers = _answer_set(flow, rng)
            for step_id, value in answers.items():
                data.rows["answers"].append(
                    {
                        "id": ids("answers"),
                        "response_id": response,
                        "person_id": person,
                        "flow_id": flow.id,
                        "flow_version": 1,
                        "step_id": step_id,
                        "value": value,
                    }
                )
            invitation.update(status="answered", response_id=response, answered_at=done)
            given.append(answers)
        data.rows["survey_invitations"].append(invitation)
    data.sessions[flow.id][meeting_id] = SessionAnswers(meeting_id, len(people), given)


TABLES = {
    "people": Person,
    "meetings": Meeting,
    "registrations": Registration,
    "responses": Response,
    "grid_results": GridResult,
    "survey_invitations": SurveyInvitation,
    "answers": Answer,
}


def chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    """The rows in slices of `size`."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def insert_all(session: AsyncSession, rows: Mapping[str, Sequence[dict[str, Any]]], size: int = 5000) -> None:
    """Every row, one bulk Core insert per table and slice (no ORM objects); then the grid statistics rebuilt."""
    for table, model in TABLES.items():
        for part in chunks(rows.get(table, []), size):
            await session.execute(insert(model), list(part))
    await rebuild(session)  # bulk rows bypass `storage.grids.add_result`, which keeps them up to date
    await year_totals.rebuild(session)  # and the services that keep the yearly report's totals
    await survey_totals.rebuild(session)  # and the survey services, which keep the survey totals
