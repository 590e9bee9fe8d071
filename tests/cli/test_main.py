"""Every `faire-lien` command, read by read: each one that shows or exports personal data (a file it writes included)
leaves audit rows naming who read what and which record; one that finds nothing leaves none.

The tables below are checked against the command line's parser: a new command, or a new option writing a file to
a command that reads personal data, must be added to them.
"""

from __future__ import annotations

import argparse
import io
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cli.main import parser
from storage.db import Database
from storage.models import AuditEntry, OutboxMessage, Person
from tests.cli.test_outbox_commands import interrupted_reminder
from tests.support.cli import RunCli
from tests.support.grids import grid_results
from tests.support.logs import TOKEN, said
from tests.web.console.cases_scene import a_case
from tests.web.console.door import a_session
from tests.web.console.results_scene import answered_session

ACTOR = "alice"
"""Who runs each command (`--staff alice`: the server's operator, audited under that name)."""
MISSING = 987_654
"""A number no session has."""
FILE_OPTIONS = ("csv", "xlsx", "chart", "pdf", "out")
"""Options whose value is a file the command writes."""

Expected = tuple[str, int | None, dict[str, Any]]
"""An audit row a read must leave: action, person it is about (None: a session's or a period's), detail it holds."""


@dataclass(frozen=True)
class Ran:
    """A command to run (its arguments after `faire-lien`), and the audit rows it must leave."""

    args: list[str]
    rows: list[Expected]


Scene = Callable[[Database, Path], Awaitable[Ran]]


async def requests_list(db: Database, _files: Path) -> Ran:
    first, second = await a_case(db, number=1), await a_case(db, "facilitator", number=2)
    rows: list[Expected] = [
        ("read_case", opened.person_id, {"case": opened.case_id, "via": "command line"}) for opened in (first, second)
    ]
    return Ran(["requests", "list"], rows)


async def outbox_failed(db: Database, _files: Path) -> Ran:
    uncertain, blocked = await interrupted_reminder(db)  # due now, and a day ago: listed in that order
    async with db.unit_of_work() as session:
        person = (await session.get(OutboxMessage, uncertain)).person_id  # type: ignore[union-attr]
    return Ran(["outbox", "failed"], [("read_failed_message", person, {"message": n}) for n in (uncertain, blocked)])


async def roster(db: Database, _files: Path) -> Ran:
    booked = await a_session(db)
    return Ran(["sessions", "roster", str(booked.meeting_id)], [("read_roster", None, {"meeting": booked.meeting_id})])


async def grid_lines(db: Database, _files: Path) -> Ran:
    people = await grid_results(db, "support", 2)
    return Ran(
        ["grids", "results", "epices"],
        [("read_grid_result", p, {"grid": "epices", "via": "command line"}) for p in people],
    )


def survey_results(option: str | None) -> Scene:
    async def scene(db: Database, files: Path) -> Ran:
        meeting = await answered_session(db, followed_by=None)
        rows: list[Expected] = [("read_survey_results", None, {"meeting": meeting})]  # as the console and the bot
        written: list[str] = []
        if option is not None:
            written = [f"--{option}", str(files / f"results.{'png' if option == 'chart' else option}")]
            fmt = "png" if option == "chart" else option
            export = {"survey": "hot_evaluation", "meeting": meeting, "format": fmt, "via": "command line"}
            rows.append(("export_survey_results", None, export))
        return Ran(["surveys", "results", "--meeting", str(meeting), *written], rows)

    return scene


def yearly(option: str | None) -> Scene:
    async def scene(_db: Database, files: Path) -> Ran:
        rows: list[Expected] = [("read_yearly_report", None, {"year": 2026})]
        written: list[str] = []
        if option is not None:
            written = [f"--{option}", str(files / f"report.{option}")]
            rows.append(("export_yearly_report", None, {"year": 2026, "format": option, "via": "command line"}))
        return Ran(["report", "--year", "2026", *written], rows)

    return scene


READS: dict[tuple[str, ...], Scene] = {
    ("requests", "list"): requests_list,
    ("outbox", "failed"): outbox_failed,
    ("sessions", "roster"): roster,
    ("grids", "results"): grid_lines,
    ("surveys", "results"): survey_results(None),
    ("surveys", "results", "--csv"): survey_results("csv"),
    ("surveys", "results", "--xlsx"): survey_results("xlsx"),
    ("surveys", "results", "--chart"): survey_results("chart"),
    ("report",): yearly(None),
    ("report", "--xlsx"): yearly("xlsx"),
}
"""Every command that shows personal data, and every file it can write (an export)."""

NOTHING: dict[tuple[str, ...], list[str]] = {
    ("requests", "list"): ["requests", "list"],
    ("outbox", "failed"): ["outbox", "failed"],
    ("sessions", "roster"): ["sessions", "roster", str(MISSING)],
    ("surveys", "results"): ["surveys", "results", "--meeting", str(MISSING)],
    ("grids", "results"): ["grids", "results", "epices"],
    ("report",): ["report", "--year", "1999"],
}
"""The same commands finding nothing (no case, no session, no result, a year out of range)."""

NO_PERSONAL_DATA: dict[tuple[str, ...], str] = {
    ("run",): "runs the bot",
    ("webhook",): "runs the bot",
    ("chat",): "the terminal chat: one's own conversation",
    ("flows", "check"): "flow files",
    ("flows", "diagram"): "flow files",
    ("db", "upgrade"): "the schema",
    ("db", "rebuild-totals"): "which totals tables had drifted",
    ("purge",): "how many rows were anonymised (audited purge)",
    ("languages",): "translation catalogs",
    ("flags",): "questions not understood, per flow, step and language: no answer, nobody",
    ("rules", "check"): "the rule table",
    ("sessions", "add"): "publishes a session",
    ("sessions", "import"): "publishes sessions",
    ("sessions", "list"): "sessions with seats and waiting lists (counts)",
    ("sessions", "attend"): "a change, audited mark_attendance",
    ("sessions", "cancel"): "a change, audited cancel_session; how many people will be told",
    ("sessions", "move"): "a change, audited move_session; how many people will be told",
    ("sessions", "poll"): "sends the poll; how many people",
    ("sessions", "assign"): "a change, audited assign_facilitator",
    ("sessions", "unassign"): "a change, audited unassign_facilitator",
    ("sessions", "qr"): "a QR code of the session's link",
    ("outbox", "retry"): "a change, audited retry_message",
    ("grids", "stats"): "people per grid, orientation and month in whole groups of 5, groups under 5 hidden",
    ("staff", "add-coordinator"): "a staff change, audited grant_role",
    ("staff", "list"): "staff members, not people helped",
    ("staff", "revoke"): "a staff change, audited revoke_role",
    ("audit",): "the audit log: staff actions, people by number only",
    ("web",): "runs the console",
    ("console-link",): "a sign-in link",
}
"""Every other command, with why it shows no personal data (its writes are audited and tested where they are)."""


def leaves(found: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Each command (its words) and its parser."""
    subs = [a for a in found._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield prefix, found
        return
    for name, child in subs[0].choices.items():
        yield from leaves(child, (*prefix, name))


def test_every_command_is_a_read_of_personal_data_or_says_why_not() -> None:
    commands = dict(leaves(parser()))
    read = {key[:-1] if key[-1].startswith("--") else key for key in READS}
    assert not read & set(NO_PERSONAL_DATA)
    assert set(commands) - read - set(NO_PERSONAL_DATA) == set(), "a new command: add it to READS or NO_PERSONAL_DATA"
    assert read | set(NO_PERSONAL_DATA) <= set(commands), "a command gone: take it out of the tables"
    for words in read:
        files = {f"--{a.dest}" for a in commands[words]._actions if a.dest in FILE_OPTIONS}
        assert {(*words, option) for option in files} <= set(READS), f"{words}: a file it writes is an export"


async def audit_rows(db: Database) -> list[tuple[str, str, int | None, dict[str, Any]]]:
    """The rows the command's user left, oldest first."""
    query = select(AuditEntry).where(AuditEntry.actor == ACTOR).order_by(AuditEntry.id)
    async with db.unit_of_work() as session:
        return [
            (r.actor, r.action, r.person_id, dict(r.detail or {})) for r in (await session.execute(query)).scalars()
        ]


@pytest.mark.parametrize("words", sorted(READS), ids=" ".join)
async def test_each_read_names_who_what_and_which_record(
    db: Database, run_cli: RunCli, tmp_path: Path, words: tuple[str, ...]
) -> None:
    ran = await READS[words](db, tmp_path)
    run_cli(*ran.args, "--staff", ACTOR, env={"DATABASE_URL": db.url}).check()
    found = await audit_rows(db)
    assert [(action, person) for _, action, person, _ in found] == [(a, p) for a, p, _ in ran.rows], found
    for (_, _, _, detail), (_, _, wanted) in zip(found, ran.rows, strict=True):
        assert detail.items() >= wanted.items(), (detail, wanted)


@pytest.mark.parametrize("words", sorted(NOTHING), ids=" ".join)
async def test_a_read_of_nothing_leaves_no_row(db: Database, run_cli: RunCli, words: tuple[str, ...]) -> None:
    """No case, no failed message, no such session, no result, a year out of range: nothing shown, no audit row."""
    ran = run_cli(*NOTHING[words], "--staff", ACTOR, env={"DATABASE_URL": db.url})
    assert ran.code in (0, 1), ran.stderr
    assert await audit_rows(db) == []


PERSONAL = ("0612345678", "06 12 34 56 78", "Très clair, merci", "Rappelez-moi", "Loudun")
"""What the scenes' people typed: a phone number shared in a call-back request, survey comments."""


@pytest.mark.parametrize("words", sorted(READS), ids=" ".join)
async def test_each_read_logs_nothing_personal_at_debug(
    db: Database, run_cli: RunCli, tmp_path: Path, root_log: io.StringIO, words: tuple[str, ...]
) -> None:
    """LOG_LEVEL=DEBUG, SQLAlchemy's statements and rows included: what a command prints is for its user, what it
    logs carries no answer, phone number, Telegram id or token."""
    ran = await READS[words](db, tmp_path)
    engine = logging.getLogger("sqlalchemy.engine.Engine")
    engine.setLevel(logging.DEBUG)  # as SQLAlchemy's echo="debug" does
    try:
        env = {"DATABASE_URL": db.url, "LOG_LEVEL": "DEBUG", "TELEGRAM_BOT_TOKEN": TOKEN}
        run_cli(*ran.args, "--staff", ACTOR, env=env).check()
    finally:
        engine.setLevel(logging.NOTSET)
    async with db.unit_of_work() as session:
        people = [str(n) for n in (await session.execute(select(Person.telegram_id))).scalars() if n and n > 999]
    logged = said(root_log.getvalue())
    assert "DEBUG sqlalchemy.engine.Engine: Row" in logged  # DEBUG really was on, rows included
    for secret in (*PERSONAL, *people, TOKEN, TOKEN.split(":", 1)[1]):
        assert secret not in logged, secret
