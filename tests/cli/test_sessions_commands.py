"""Facilitators publish and follow sessions from the command line."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from storage.db import Database
from storage.meetings import register, set_attendance
from tests.support.cli import CliRun, RunCli
from tests.support.records import a_person

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
"""The command line's clock in these tests: the sessions of January 2027 below are to come, whatever today is."""

CSV = """kind,title_fr,title_en,start,end,place,address,capacity,languages
checkup,Examen de santé,Health check-up,2027-01-12 7:30,9:30,CES Poitiers,"2 rue de la Croix, 86000 Poitiers",8,"fr,en"
info_meeting,,x,2027-13-01 14:00,13:00,C,short,0,
"""
YAML = """- kind: info_meeting
  title: {fr: Réunion C2S, ar: اجتماع}
  start: 2027-01-05 14:00
  end: "16:00"
  place: CPAM Poitiers
  address: 41 rue Touffenet, 86000 Poitiers
  capacity: 12
- kind: caregivers
  title: {fr: Groupe des aidants}
  start: 2027-01-06 14:00
  end: "13:00"
  place: CCAS
  address: 1 place du Marché, 86000 Poitiers
  capacity: 10
"""


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """`faire-lien sessions` reads the time at NOW (it refuses a session whose start has passed)."""
    monkeypatch.setattr("cli.sessions.utcnow", lambda: NOW)


def sessions(run_cli: RunCli, tmp_path: Path) -> partial[CliRun]:
    """`faire-lien sessions ...` on a database file the command itself creates in tmp_path."""
    return partial(run_cli, "sessions", env={"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}"})


def test_import_reports_every_bad_line_and_imports_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    cli = sessions(run_cli, tmp_path)
    (tmp_path / "s.csv").write_text(CSV, encoding="utf-8")
    bad = cli("import", str(tmp_path / "s.csv"))
    assert bad.code == 1
    assert "s.csv:3: kind: Input should be" not in bad.stdout  # the kind is valid
    assert "s.csv:3: title: Value error, a French title (title_fr) is required" in bad.stdout
    assert "s.csv:3: start: Input should be a valid datetime" in bad.stdout
    assert "s.csv:3: capacity: Input should be greater than or equal to 1" in bad.stdout
    assert "nothing imported" in bad.stdout
    assert "no session to come" in cli("list").stdout
    (tmp_path / "s.yaml").write_text(YAML, encoding="utf-8")
    yaml_errors = cli("import", str(tmp_path / "s.yaml"))
    assert "s.yaml:8: Value error, end must be after start" in yaml_errors.stdout.replace("row: ", "")


def test_publish_list_roster_and_attendance(run_cli: RunCli, tmp_path: Path) -> None:
    cli = sessions(run_cli, tmp_path)
    (tmp_path / "s.csv").write_text(CSV.splitlines(keepends=True)[0] + CSV.splitlines(keepends=True)[1], "utf-8")
    assert cli("import", str(tmp_path / "s.csv")).stdout.startswith("1 session(s) imported: 1")
    added = cli(
        "add",
        "--kind",
        "info_meeting",
        "--title",
        "Réunion C2S",
        "--start",
        "2027-01-05 14:00",
        "--end",
        "16:00",
        "--place",
        "CPAM",
        "--address",
        "41 rue Touffenet, 86000 Poitiers",
        "--capacity",
        "12",
        "--languages",
        "fr",
        "ar",
    )
    assert added.stdout.splitlines()[0] == "session 2 published"
    listing = cli("list").stdout.splitlines()
    assert listing == [
        "#2 info_meeting 2027-01-05 14:00 CPAM: 0/12 seats, 0 waiting — Réunion C2S",
        "#1 checkup 2027-01-12 07:30 CES Poitiers: 0/8 seats, 0 waiting — Examen de santé",
    ]
    roster = cli("roster", "2", "--staff", "marie")
    assert roster.stdout.strip() == "#2 Réunion C2S: 0/12"
    with sqlite3.connect(tmp_path / "staff.db") as conn:
        assert conn.execute("SELECT actor, action FROM audit_log").fetchall() == [("marie", "read_roster")]
    assert cli("attend", "99", "present").code == 1
    qr = cli("qr", "2", "--bot", "FaireLienBot", "--out", str(tmp_path / "poster.png"))
    assert qr.stdout.strip().endswith("https://t.me/FaireLienBot?start=s_2")
    assert (tmp_path / "poster.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_title_too_long_is_refused_with_its_reason_and_nothing_is_published(run_cli: RunCli, tmp_path: Path) -> None:
    cli = sessions(run_cli, tmp_path)
    options = ["--kind", "info_meeting", "--start", "2027-01-05 14:00", "--end", "16:00", "--place", "CPAM"]
    options += ["--address", "41 rue Touffenet, 86000 Poitiers", "--capacity", "12"]
    added = cli("add", "--title", "x" * 201, *options)
    assert (added.code, added.stdout.strip()) == (1, "title.fr: String should have at most 200 characters")
    english = cli("add", "--title", "Réunion", "--title-in", "en=" + "y" * 201, *options)
    assert (english.code, english.stdout.strip()) == (1, "title.en: String should have at most 200 characters")
    rows = CSV.splitlines(keepends=True)[:2]
    rows.append(f'info_meeting,{"z" * 201},,2027-01-13 14:00,16:00,CPAM,"41 rue Touffenet, Poitiers",12,\n')
    (tmp_path / "s.csv").write_text("".join(rows), encoding="utf-8")
    imported = cli("import", str(tmp_path / "s.csv"))
    assert imported.code == 1
    assert imported.stdout.splitlines() == [
        "s.csv:3: title.fr: String should have at most 200 characters",
        "nothing imported",
    ]
    assert "no session to come" in cli("list").stdout
    assert cli("add", "--title", "x" * 200, *options).stdout.splitlines()[0] == "session 1 published"


def test_add_says_the_link_to_share(run_cli: RunCli, tmp_path: Path) -> None:
    """`sessions add` ends with the session's t.me link, the poster's, when TELEGRAM_BOT_USERNAME is set; without it,
    the /start command people send the bot, and the setting that gives a link."""
    database = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}"}
    options = ["--kind", "info_meeting", "--title", "Réunion C2S", "--start", "2027-01-05 14:00", "--end", "16:00"]
    options += ["--place", "CPAM", "--address", "41 rue Touffenet, 86000 Poitiers", "--capacity", "12"]
    named = run_cli("sessions", "add", *options, env={**database, "TELEGRAM_BOT_USERNAME": "@FaireLienBot"})
    assert named.check() == "session 1 published\nlink to share: https://t.me/FaireLienBot?start=s_1\n"
    unnamed = run_cli("sessions", "add", *options, env={**database, "TELEGRAM_BOT_USERNAME": ""})
    assert unnamed.check() == (
        "session 2 published\n"
        "to open it, people send the bot: /start s_2 (set TELEGRAM_BOT_USERNAME for a link to share)\n"
    )


def test_a_title_with_an_override_cannot_reorder_the_line(run_cli: RunCli, tmp_path: Path) -> None:
    """A title typed with an open U+202E is printed between FSI and PDI, its override closed right after it, in the
    list and the roster: what follows it on the line keeps its order."""
    cli = sessions(run_cli, tmp_path)
    added = cli(
        "add",
        *("--kind", "info_meeting", "--title", "\u202eABC", "--start", "2027-01-05 14:00", "--end", "16:00"),
        *("--place", "CPAM", "--address", "41 rue Touffenet, 86000 Poitiers", "--capacity", "12"),
    )
    assert added.stdout.splitlines()[0] == "session 1 published"
    shown = "\u2068\u202eABC\u202c\u2069"
    assert cli("list").stdout.splitlines() == [
        f"#1 info_meeting 2027-01-05 14:00 CPAM: 0/12 seats, 0 waiting — {shown}"
    ]
    assert cli("roster", "1", "--staff", "marie").stdout.strip() == f"#1 {shown}: 0/12"


async def welcome(path: Path, meeting_id: int) -> None:
    """Someone registers for the session and is marked present at the door."""
    db = Database(f"sqlite+aiosqlite:///{path}")
    async with db.unit_of_work() as session:
        person = await a_person(session, 81)
        booking = await register(session, meeting_id, person.id, NOW)
        assert booking.registration is not None
        await set_attendance(session, booking.registration, "present")
    await db.dispose()


def test_a_session_with_someone_present_cannot_be_cancelled_nor_moved(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under way, once someone was marked present, `sessions cancel` and `sessions move` refuse with the reason and
    what to do (before: cancelled, and the person sitting in the room was told it was called off)."""
    cli = sessions(run_cli, tmp_path)
    (tmp_path / "s.csv").write_text(CSV.splitlines(keepends=True)[0] + CSV.splitlines(keepends=True)[1], "utf-8")
    cli("import", str(tmp_path / "s.csv")).check()
    asyncio.run(welcome(tmp_path / "staff.db", 1))
    monkeypatch.setattr("cli.sessions.utcnow", lambda: datetime(2027, 1, 12, 7, 0, tzinfo=UTC))  # 08:00 in Paris
    held = (
        "session 1: 1 person was marked present: it is being held and can no longer be cancelled or moved; "
        "if a mark is wrong, correct it first (faire-lien sessions attend REGISTRATION absent|excused)"
    )
    cancelled = cli("cancel", "1")
    assert (cancelled.code, cancelled.stdout.strip()) == (1, held)
    moved = cli("move", "1", "--start", "2027-01-20 07:30", "--end", "9:30")
    assert (moved.code, moved.stdout.strip()) == (1, held)
    with sqlite3.connect(tmp_path / "staff.db") as conn:
        assert conn.execute("SELECT status, starts_at FROM meetings").fetchall() == [
            ("scheduled", "2027-01-12 06:30:00.000000")
        ]
        assert conn.execute("SELECT kind FROM outbox WHERE kind LIKE 'meeting_%ed'").fetchall() == []


def test_a_session_held_cannot_be_cancelled_nor_moved(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day after a session, `sessions cancel` and `sessions move` refuse it with the reason, as the console does
    (before: cancelled, and everyone who came was told it was called off)."""
    cli = sessions(run_cli, tmp_path)
    (tmp_path / "s.csv").write_text(CSV.splitlines(keepends=True)[0] + CSV.splitlines(keepends=True)[1], "utf-8")
    cli("import", str(tmp_path / "s.csv")).check()
    monkeypatch.setattr("cli.sessions.utcnow", lambda: datetime(2027, 1, 13, 9, 0, tzinfo=UTC))
    held = "session 1 ended at 09:30 on 2027-01-12 (Paris time): it was held and can no longer be cancelled or moved"
    cancelled = cli("cancel", "1")
    assert (cancelled.code, cancelled.stdout.strip()) == (1, held)
    moved = cli("move", "1", "--start", "2027-01-20 07:30", "--end", "9:30")
    assert (moved.code, moved.stdout.strip()) == (1, held)
    with sqlite3.connect(tmp_path / "staff.db") as conn:
        assert conn.execute("SELECT status, starts_at FROM meetings").fetchall() == [
            ("scheduled", "2027-01-12 06:30:00.000000")
        ]


def test_a_qr_code_is_refused_for_a_missing_or_cancelled_session_and_a_bad_bot_name_or_scale(
    run_cli: RunCli, tmp_path: Path
) -> None:
    cli = sessions(run_cli, tmp_path)
    (tmp_path / "s.yaml").write_text(YAML.split("- kind: caregivers")[0], encoding="utf-8")
    assert cli("import", str(tmp_path / "s.yaml")).stdout.startswith("1 session(s) imported: 1")
    out = str(tmp_path / "poster.png")
    missing = cli("qr", "7", "--bot", "FaireLienBot", "--out", out)
    assert (missing.code, missing.stdout) == (1, "no session 7\n")
    for bot in ("B", "faire lien bot", "FaireLien", "t.me/FaireLienBot"):
        refused = cli("qr", "1", "--bot", bot, "--out", out)
        assert refused.code == 2
        assert f"{bot!r} is not a bot's username: 5 to 32 letters, digits or _, ending in bot" in refused.stderr
    for scale in ("0", "-2", "500"):
        refused = cli("qr", "1", "--bot", "FaireLienBot", "--out", out, "--scale", scale)
        assert (refused.code, "Traceback" in refused.stderr) == (2, False)
        assert f"a scale is a whole number from 1 to 40, not {scale}" in refused.stderr
    assert not Path(out).exists()
    made = cli("qr", "1", "--bot", "@FaireLienBot", "--out", out).check()
    assert made == f"{out}: https://t.me/FaireLienBot?start=s_1\n"
    assert cli("cancel", "1").code == 0
    cancelled = cli("qr", "1", "--bot", "FaireLienBot", "--out", out)
    assert (cancelled.code, cancelled.stdout) == (1, "session 1 is cancelled: a poster would lead nowhere\n")


def test_an_import_file_not_in_utf8_or_without_sessions_is_said_and_nothing_is_published(
    run_cli: RunCli, tmp_path: Path
) -> None:
    cli = sessions(run_cli, tmp_path)
    header = "kind;title_fr;start;end;place;address;capacity\n"
    excel = tmp_path / "excel.csv"  # a spreadsheet's "CSV (séparateur : point-virgule)": Windows-1252
    excel.write_bytes(
        (header + "info_meeting;Réunion;2027-01-05 14:00;16:00;CCAS;1 place du Marché;10\n").encode("cp1252")
    )
    refused = cli("import", str(excel))
    assert (refused.code, "Traceback" in refused.stderr) == (1, False)
    assert refused.stdout == f"{excel} is not in UTF-8: save it as « CSV UTF-8 » (or YAML in UTF-8); nothing imported\n"
    for name, text in (("header.csv", header), ("nothing.csv", ""), ("none.yaml", "[]\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        empty = cli("import", str(tmp_path / name))
        assert (empty.code, empty.stdout) == (1, f"{tmp_path / name} holds no session; nothing imported\n")
    assert "no session to come" in cli("list").stdout
    excel.write_bytes(excel.read_bytes().decode("cp1252").encode("utf-8-sig"))  # saved again as « CSV UTF-8 »
    assert cli("import", str(excel)).check() == "1 session(s) imported: 1\n"
