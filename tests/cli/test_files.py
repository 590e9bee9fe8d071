"""Files a command writes: a path that cannot be written is refused before anything is read; a failed write is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.db import Database
from storage.models import AuditEntry
from tests.cli.test_survey_results_commands import october_and_a_lone_person_on_1_november
from tests.support.cli import RunCli
from tests.support.db import rows

EXPORTS = [
    ("surveys", "results", "--kind", "info_meeting", "--csv"),
    ("surveys", "results", "--kind", "info_meeting", "--xlsx"),
    ("surveys", "results", "--kind", "info_meeting", "--chart"),
    ("report", "--year", "2026", "--xlsx"),
]


@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: " ".join(c[:1] + c[-1:]))
async def test_a_file_in_a_missing_folder_is_refused_before_anything_is_read(
    db: Database, run_cli: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    await october_and_a_lone_person_on_1_november(db)
    target = tmp_path / "no such folder" / "results.out"
    refused = run_cli(*command, str(target), env={"DATABASE_URL": db.url})
    assert refused.code == 2
    assert f"cannot write {target}: there is no folder {target.parent}" in refused.stderr
    assert "Traceback" not in refused.stderr and refused.stdout == ""
    assert await rows(db, AuditEntry) == []  # nothing was read, so nothing is recorded as read


async def test_a_folder_given_for_a_file_is_refused(db: Database, run_cli: RunCli, tmp_path: Path) -> None:
    refused = run_cli("report", "--year", "2026", "--xlsx", str(tmp_path), env={"DATABASE_URL": db.url})
    assert refused.code == 2
    assert f"{tmp_path} is a folder: give the name of the file to write in it" in refused.stderr
    assert await rows(db, AuditEntry) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
async def test_a_write_that_fails_says_why_and_exits_1(db: Database, run_cli: RunCli) -> None:
    await october_and_a_lone_person_on_1_november(db)
    failed = run_cli("surveys", "results", "--kind", "info_meeting", "--csv", "/dev/full", env={"DATABASE_URL": db.url})
    assert failed.code == 1
    assert "could not write /dev/full: No space left on device" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert "[Votre avis sur la rencontre]" in failed.stdout or "Dans l'ensemble" in failed.stdout  # results still shown


def test_a_diagram_folder_that_does_not_exist_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "diagrams"
    refused = run_cli("flows", "diagram", "callback", "--write", str(missing), env={})
    assert refused.code == 2
    assert f"cannot write into {missing}: there is no such folder" in refused.stderr
    missing.mkdir()
    written = run_cli("flows", "diagram", "callback", "--write", str(missing), env={}).check()
    assert written == f"wrote {missing / 'callback.mmd'}\n"
    assert (missing / "callback.mmd").read_text(encoding="utf-8").startswith("%% callback v1: ")
