"""Every console route, read by read: each one that shows or exports personal data leaves audit rows naming who read
what and which record; one that shows nothing personal (a 404, an empty list) is audited as its service says.

The table below is checked against `console_routes()`: a new route must be added to it, as a read of personal data
(with how to open it and the rows it must leave) or with the reason it shows none.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select
from starlette.routing import Mount, Route

from storage.models import AuditEntry, OutboxMessage, Person
from tests.cli.test_outbox_commands import interrupted_reminder
from tests.support.grids import grid_results
from tests.support.logs import TOKEN, said
from tests.web.console.cases_scene import a_case
from tests.web.console.conftest import Desk
from tests.web.console.door import a_session
from tests.web.console.results_scene import answered_session
from web.console.routes import console_routes

STAFF = 8901
"""The coordinator who reads each page (telegram:8901 in the audit log)."""
ACTOR = f"telegram:{STAFF}"
MISSING = 987_654
"""A number no case, session or result has."""

Expected = tuple[str, int | None, dict[str, Any]]
"""An audit row a read must leave: action, person it is about (None: a session's or a period's), detail it holds."""


@dataclass(frozen=True)
class Opened:
    """What a read was asked on: its address, its form (a POST), and the audit rows it must leave."""

    path: str
    rows: list[Expected]
    form: dict[str, str] | None = None
    status: int = 200


Scene = Callable[[Desk], Awaitable[Opened]]


@dataclass(frozen=True)
class Read:
    """A route that shows or exports personal data: the scene that opens it, and how to ask it for nothing."""

    scene: Scene
    missing: str | None = None
    """An address of the same route about no record: a 404 that leaves no row."""
    empty: str | None = None
    """The same address with nothing stored: its page shows nothing personal and leaves no row."""
    form: dict[str, str] = field(default_factory=dict)


async def case_page(desk: Desk) -> Opened:
    opened = await a_case(desk.db)
    detail = {"case": opened.case_id, "via": "console"}
    return Opened(f"/inbox/{opened.case_id}", [("read_case", opened.person_id, detail)])


async def case_refused_write(desk: Desk) -> Opened:
    opened = await a_case(desk.db)
    detail = {"case": opened.case_id, "via": "console"}
    return Opened(f"/inbox/{opened.case_id}/write", [("read_case", opened.person_id, detail)], {"text": " "}, 422)


async def case_refused_close(desk: Desk) -> Opened:
    opened = await a_case(desk.db)
    detail = {"case": opened.case_id, "via": "console"}
    return Opened(f"/inbox/{opened.case_id}/close", [("read_case", opened.person_id, detail)], {"outcome": "?"}, 422)


async def grid_page(desk: Desk) -> Opened:
    people = await grid_results(desk.db, "support", 2)
    rows: list[Expected] = [("read_grid_result", p, {"grid": "epices", "via": "console"}) for p in reversed(people)]
    return Opened("/grids/epices/results", rows)


async def roster(desk: Desk) -> Opened:
    booked = await a_session(desk.db)
    return Opened(f"/sessions/{booked.meeting_id}/roster", [("read_roster", None, {"meeting": booked.meeting_id})])


async def roster_refused_code(desk: Desk) -> Opened:
    booked = await a_session(desk.db)
    expected: list[Expected] = [("read_roster", None, {"meeting": booked.meeting_id, "via": "console"})]
    return Opened(f"/sessions/{booked.meeting_id}/roster/code", expected, {"code": ""}, 422)


async def roster_marks_too_early(desk: Desk) -> Opened:
    booked = await a_session(desk.db)  # in 3 hours: check-in opens in 2, the roster is shown again with why
    expected: list[Expected] = [("read_roster", None, {"meeting": booked.meeting_id, "via": "console"})]
    (first, _code), _second = booked.registered
    return Opened(f"/sessions/{booked.meeting_id}/roster/marks", expected, {f"att-{first}": "present"}, 409)


async def session_results(desk: Desk) -> Opened:
    meeting = await answered_session(desk.db, followed_by=None)
    return Opened(f"/sessions/{meeting}/results", [("read_survey_results", None, {"meeting": meeting})])


def session_export(fmt: str) -> Scene:
    async def scene(desk: Desk) -> Opened:
        meeting = await answered_session(desk.db, followed_by=None)
        export = {"survey": "hot_evaluation", "meeting": meeting, "format": fmt, "via": "console"}
        expected: list[Expected] = [("read_survey_results", None, {"meeting": meeting})]
        return Opened(f"/sessions/{meeting}/results.{fmt}", [*expected, ("export_survey_results", None, export)])

    return scene


PERIOD = {"survey": "hot_evaluation", "kind": "info_meeting", "first": "2026-01", "last": "2026-11"}
PERIOD_QUERY = "?survey=hot_evaluation&kind=info_meeting&from=2026-01&to=2026-11"


def period_results(fmt: str | None) -> Scene:
    async def scene(desk: Desk) -> Opened:
        await answered_session(desk.db, followed_by=None)
        expected: list[Expected] = [("read_survey_results", None, {**PERIOD, "sessions": 1})]
        if fmt is not None:
            expected.append(("export_survey_results", None, {**PERIOD, "format": fmt, "via": "console"}))
        return Opened(f"/results{'.' + fmt if fmt else ''}{PERIOD_QUERY}", expected)

    return scene


def yearly(fmt: str | None) -> Scene:
    async def scene(desk: Desk) -> Opened:
        expected: list[Expected] = [("read_yearly_report", None, {"year": 2026})]
        if fmt is not None:
            expected.append(("export_yearly_report", None, {"year": 2026, "format": fmt, "via": "console"}))
        return Opened(f"/report{'.' + fmt if fmt else ''}?year=2026", expected)

    return scene


async def failed_messages(desk: Desk) -> Opened:
    uncertain, blocked = await interrupted_reminder(desk.db)  # due now, and a day ago: listed in that order
    async with desk.db.unit_of_work() as session:
        person = (await session.get(OutboxMessage, uncertain)).person_id  # type: ignore[union-attr]
    expected: list[Expected] = [
        ("read_failed_message", person, {"message": number, "via": "console"}) for number in (uncertain, blocked)
    ]
    return Opened("/health", expected)


READS: dict[tuple[str, str], Read] = {
    ("GET", "/inbox/{case_id:id}"): Read(case_page, missing=f"/inbox/{MISSING}"),
    ("POST", "/inbox/{case_id:id}/write"): Read(case_refused_write, missing=f"/inbox/{MISSING}/write"),
    ("POST", "/inbox/{case_id:id}/close"): Read(case_refused_close, missing=f"/inbox/{MISSING}/close"),
    ("GET", "/grids/{grid_id}/results"): Read(grid_page, missing="/grids/nope/results", empty="/grids/epices/results"),
    ("GET", "/sessions/{meeting_id:id}/roster"): Read(roster, missing=f"/sessions/{MISSING}/roster"),
    ("POST", "/sessions/{meeting_id:id}/roster/code"): Read(
        roster_refused_code, missing=f"/sessions/{MISSING}/roster/code"
    ),
    ("POST", "/sessions/{meeting_id:id}/roster/marks"): Read(
        roster_marks_too_early, missing=f"/sessions/{MISSING}/roster/marks"
    ),
    ("GET", "/sessions/{meeting_id:id}/results"): Read(session_results, missing=f"/sessions/{MISSING}/results"),
    ("GET", "/sessions/{meeting_id:id}/results.csv"): Read(
        session_export("csv"), missing=f"/sessions/{MISSING}/results.csv"
    ),
    ("GET", "/sessions/{meeting_id:id}/results.xlsx"): Read(
        session_export("xlsx"), missing=f"/sessions/{MISSING}/results.xlsx"
    ),
    ("GET", "/results"): Read(period_results(None)),
    ("GET", "/results.csv"): Read(period_results("csv"), missing="/results.csv?from=2026-13"),
    ("GET", "/results.xlsx"): Read(period_results("xlsx"), missing="/results.xlsx?from=2026-13"),
    ("GET", "/report"): Read(yearly(None), missing="/report?year=1999"),
    ("GET", "/report.xlsx"): Read(yearly("xlsx"), missing="/report.xlsx?year=1999"),
    ("GET", "/report.pdf"): Read(yearly("pdf"), missing="/report.pdf?year=1999"),
    ("GET", "/health"): Read(failed_messages, empty="/health"),
}
"""Every route that shows or exports personal data (a refused form shows its page again: a read too)."""

NO_PERSONAL_DATA: dict[tuple[str, str], str] = {
    ("GET", "/"): "the menu",
    ("GET", "/login/{token}"): "the sign-in button",
    ("POST", "/login/{token}"): "signs in",
    ("POST", "/logout"): "signs out",
    ("GET", "/signed-out"): "a notice",
    ("POST", "/language"): "the console's language",
    ("GET", "/inbox"): "cases by number, kind, language, dates and holder: nothing the person shared",
    ("GET", "/inbox/mine"): "as /inbox",
    ("GET", "/inbox/closed"): "as /inbox, with the outcome",
    ("POST", "/inbox/{case_id:id}/take"): "a change, audited take_case; answers with a redirect",
    ("GET", "/grids"): "people per grid, orientation and month in whole groups of 5, groups under 5 hidden",
    ("GET", "/team/audit"): "the journal: staff actions, people by number only",
    ("GET", "/team"): "staff members, not people helped",
    ("POST", "/team/invites"): "an invitation for staff",
    ("GET", "/team/invites/{invite_id:id}"): "an invitation for staff",
    ("POST", "/team/{member_id:id}/role"): "a staff change, audited grant_role",
    ("POST", "/team/{member_id:id}/name"): "a staff change, audited rename_staff",
    ("GET", "/team/{member_id:id}/revoke"): "a confirmation about a staff member",
    ("POST", "/team/{member_id:id}/revoke"): "a staff change, audited revoke_role",
    ("POST", "/health/messages/{message_id:id}/retry"): "a change, audited retry_message; answers with a redirect",
    ("GET", "/sessions"): "sessions with seats and waiting lists (counts)",
    ("GET", "/sessions/new"): "an empty form",
    ("POST", "/sessions/new"): "publishes a session",
    ("GET", "/sessions/import"): "an empty form",
    ("POST", "/sessions/import"): "checks a file of sessions",
    ("POST", "/sessions/import/publish"): "publishes sessions",
    ("GET", "/sessions/import/sample.csv"): "a sample file",
    ("GET", "/sessions/{meeting_id:id}"): "a session with counts only",
    ("GET", "/sessions/{meeting_id:id}/edit"): "a session's texts",
    ("POST", "/sessions/{meeting_id:id}/edit"): "changes a session's texts",
    ("GET", "/sessions/{meeting_id:id}/move"): "a session's dates",
    ("POST", "/sessions/{meeting_id:id}/move"): "a change, audited move_session",
    ("GET", "/sessions/{meeting_id:id}/cancel"): "a confirmation with how many people will be told",
    ("POST", "/sessions/{meeting_id:id}/cancel"): "a change, audited cancel_session",
    ("GET", "/sessions/{meeting_id:id}/poster.pdf"): "a poster with the bot's link",
    ("GET", "/sessions/{meeting_id:id}/poll"): "invitations as counts, answers in whole groups of 5",
    ("POST", "/sessions/{meeting_id:id}/poll"): "sends the poll; answers with a redirect",
}
"""Every other route, with why it shows no personal data (its writes are audited and tested where they are)."""


def every_route() -> set[tuple[str, str]]:
    """Each console route as (method, path), the static files left out."""
    found = set()
    for route in console_routes():
        if isinstance(route, Mount):
            continue
        assert isinstance(route, Route)
        found |= {(method, route.path) for method in route.methods or () if method != "HEAD"}
    return found


def test_every_route_is_a_read_of_personal_data_or_says_why_not() -> None:
    routes = every_route()
    assert not set(READS) & set(NO_PERSONAL_DATA)
    assert routes - set(READS) - set(NO_PERSONAL_DATA) == set(), "a new route: add it to READS or NO_PERSONAL_DATA"
    assert set(READS) | set(NO_PERSONAL_DATA) <= routes, "a route gone: take it out of the tables"


async def audit_rows(desk: Desk) -> list[tuple[str, str, int | None, dict[str, Any]]]:
    """The rows the reading coordinator left, oldest first."""
    query = select(AuditEntry).where(AuditEntry.actor == ACTOR).order_by(AuditEntry.id)
    async with desk.db.unit_of_work() as session:
        return [
            (r.actor, r.action, r.person_id, dict(r.detail or {})) for r in (await session.execute(query)).scalars()
        ]


async def ask(desk: Desk, method: str, path: str, form: dict[str, str] | None = None) -> int:
    """Open a page as the coordinator; its status."""
    signed = await desk.sign_in(STAFF, "coordinator")
    if method == "POST":
        return (await signed.post(path, form or {})).status_code
    return (await signed.get(path)).status_code


@pytest.mark.parametrize(("method", "path"), sorted(READS))
async def test_each_read_names_who_what_and_which_record(desk: Desk, method: str, path: str) -> None:
    opened = await READS[(method, path)].scene(desk)
    assert await ask(desk, method, opened.path, opened.form) == opened.status
    found = await audit_rows(desk)
    assert [(action, person) for _, action, person, _ in found] == [(a, p) for a, p, _ in opened.rows], found
    for (_, _, _, detail), (_, _, wanted) in zip(found, opened.rows, strict=True):
        assert detail.items() >= wanted.items(), (detail, wanted)


NOTHING = [(key, read.missing) for key, read in sorted(READS.items()) if read.missing is not None] + [
    (key, read.empty) for key, read in sorted(READS.items()) if read.empty is not None
]


@pytest.mark.parametrize(("key", "path"), NOTHING)
async def test_a_read_of_nothing_leaves_no_row(desk: Desk, key: tuple[str, str], path: str) -> None:
    """A 404 (no such record) or an empty list shows nothing personal: no audit row."""
    method = key[0]
    status = await ask(desk, method, path, READS[key].form)
    assert status in (200, 404), status
    assert await audit_rows(desk) == []


PERSONAL = ("0612345678", "06 12 34 56 78", "Très clair, merci", "Rappelez-moi", "Loudun")
"""What the scenes' people typed: a phone number shared in a call-back request, survey comments."""


@pytest.mark.parametrize(("method", "path"), sorted(READS))
async def test_each_read_logs_nothing_personal_at_any_level(
    desk: Desk, root_log: io.StringIO, method: str, path: str
) -> None:
    """Every library at DEBUG (SQLAlchemy's statements, parameters and rows included), through the filter every
    `faire-lien` command sets on the root logger: no answer, phone number, Telegram id or token."""
    engine = logging.getLogger("sqlalchemy.engine.Engine")
    engine.setLevel(logging.DEBUG)  # as SQLAlchemy's echo="debug" does
    try:
        opened = await READS[(method, path)].scene(desk)
        assert await ask(desk, method, opened.path, opened.form) == opened.status
    finally:
        engine.setLevel(logging.NOTSET)
    async with desk.db.unit_of_work() as session:
        people = [str(n) for n in (await session.execute(select(Person.telegram_id))).scalars() if n and n > 999]
    logged = said(root_log.getvalue())
    assert "DEBUG sqlalchemy.engine.Engine: Row" in logged  # DEBUG really was on, rows included
    for secret in (*PERSONAL, *people, str(STAFF), TOKEN):
        assert secret not in logged, secret
