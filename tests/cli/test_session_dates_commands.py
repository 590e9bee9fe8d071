"""`sessions add | import | move` refuse a start that has passed or is more than two years ahead: nothing published."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from storage.types import PARIS
from tests.support.cli import CliRun, RunCli

PASSED = "start: Value error, this date has passed: choose a date and time to come"
TOO_FAR = "start: Value error, this date is more than two years ahead: check the year"
OPTIONS = ("--kind", "info_meeting", "--title", "Réunion C2S", "--end", "16:00", "--place", "CPAM")
MORE = ("--address", "41 rue Touffenet, 86000 Poitiers", "--capacity", "12")


def day(days: int = 0, years: int = 0) -> str:
    """A Paris day counted from today, as typed ("2026-12-01")."""
    today = datetime.now(PARIS).date()
    return (today.replace(year=today.year + years) + timedelta(days=days)).isoformat()


def sessions(run_cli: RunCli, tmp_path: Path) -> partial[CliRun]:
    """`faire-lien sessions ...` on a database file the command itself creates in tmp_path (created here)."""
    cli = partial(run_cli, "sessions", env={"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}"})
    cli("list").check()
    return cli


def published(tmp_path: Path) -> list[str]:
    """The start of every session stored, whatever its date (the list shows only those to come)."""
    with sqlite3.connect(tmp_path / "staff.db") as conn:
        return [start for (start,) in conn.execute("SELECT starts_at FROM meetings ORDER BY id")]


def test_add_refuses_a_start_passed_or_a_mistyped_year(run_cli: RunCli, tmp_path: Path) -> None:
    cli = sessions(run_cli, tmp_path)
    yesterday = cli("add", *OPTIONS, *MORE, "--start", f"{day(-1)} 14:00")
    assert (yesterday.code, yesterday.stdout.strip()) == (1, PASSED)
    year_2062 = cli("add", *OPTIONS, *MORE, "--start", f"{day(10, years=36)} 14:00")
    assert (year_2062.code, year_2062.stdout.strip()) == (1, TOO_FAR)
    assert cli("add", *OPTIONS, *MORE, "--start", "9999-01-05 14:00").stdout.strip() == TOO_FAR
    assert published(tmp_path) == []
    within = cli("add", *OPTIONS, *MORE, "--start", f"{day(-1, years=2)} 14:00")
    assert within.stdout.splitlines()[0] == "session 1 published"


def test_import_with_one_start_passed_or_too_far_publishes_none(run_cli: RunCli, tmp_path: Path) -> None:
    cli = sessions(run_cli, tmp_path)
    rows = [
        "kind,title_fr,start,end,place,address,capacity",
        f'info_meeting,Réunion C2S,{day(7)} 14:00,16:00,CPAM,"41 rue Touffenet, 86000 Poitiers",12',
        f'info_meeting,Réunion C2S,{day(-2)} 14:00,16:00,CPAM,"41 rue Touffenet, 86000 Poitiers",12',
        f'info_meeting,Réunion C2S,{day(7, years=3)} 14:00,16:00,CPAM,"41 rue Touffenet, 86000 Poitiers",12',
    ]
    (tmp_path / "s.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    imported = cli("import", str(tmp_path / "s.csv"))
    assert imported.code == 1
    assert imported.stdout.splitlines() == [f"s.csv:3: {PASSED}", f"s.csv:4: {TOO_FAR}", "nothing imported"]
    yaml = f"- kind: info_meeting\n  title: {{fr: Réunion}}\n  start: {day(1, years=20)} 14:00\n  end: '16:00'\n"
    yaml += "  place: CPAM\n  address: 41 rue Touffenet, 86000 Poitiers\n  capacity: 12\n"
    (tmp_path / "s.yaml").write_text(yaml, encoding="utf-8")
    from_yaml = cli("import", str(tmp_path / "s.yaml"))
    assert from_yaml.code == 1
    assert from_yaml.stdout.splitlines() == [f"s.yaml:3: {TOO_FAR}", "nothing imported"]
    assert published(tmp_path) == []


def test_move_refuses_a_mistyped_year(run_cli: RunCli, tmp_path: Path) -> None:
    cli = sessions(run_cli, tmp_path)
    assert cli("add", *OPTIONS, *MORE, "--start", f"{day(7)} 14:00").code == 0
    (before,) = published(tmp_path)
    moved = cli("move", "1", "--start", f"{day(7, years=36)} 14:00", "--end", "16:00")
    assert (moved.code, moved.stdout.strip()) == (1, "start: this date is more than two years ahead: check the year")
    assert published(tmp_path) == [before]
