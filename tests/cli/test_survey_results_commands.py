"""`faire-lien surveys results` and `report` (issue 15, item 4): whole months only, sessions under 5 left out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from storage.db import Database
from storage.models import AuditEntry
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.surveys import surveyed_session

PARIS = ZoneInfo("Europe/Paris")
SECRET = "Je suis la seule de Loudun et j'ai eu honte"


async def october_and_a_lone_person_on_1_november(db: Database) -> tuple[int, int]:
    """Five respondents on 20 October; one person alone answering about a session on 1 November."""
    async with db.unit_of_work() as session:
        october = await surveyed_session(
            session,
            datetime(2026, 10, 20, 14, tzinfo=PARIS),
            [{"overall": 4, "clarity": "4", "comment": "Bien"}] * 5,
        )
        lone = await surveyed_session(
            session, datetime(2026, 11, 1, 10, tzinfo=PARIS), [{"overall": 1, "clarity": "1", "comment": SECRET}]
        )
    return october, lone


def item_lines(text: str) -> list[str]:
    """The lines of results a reader compares: one per question, and the comments."""
    return [line for line in text.splitlines() if line.startswith(("•", "«"))]


async def test_item_4_cli_refuses_a_day_and_asks_for_a_month(db: Database, run_cli: RunCli) -> None:
    env = {"DATABASE_URL": db.url}
    for option, day in (("--from", "2026-11-01"), ("--to", "2026-11-30"), ("--since", "2026-11-02")):
        refused = run_cli("surveys", "results", "--kind", "info_meeting", option, day, env=env)
        assert refused.code == 2
        assert f"'{day}' is a day: give a month (YYYY-MM, e.g. 2026-11)" in refused.stderr
    backwards = run_cli("surveys", "results", "--kind", "info_meeting", "--from", "2026-12", "--to", "2026-11", env=env)
    assert (backwards.code, backwards.stdout) == (1, "--from 2026-12 is after --to 2026-11\n")


async def test_item_4_cli_differencing_across_a_month_boundary_reveals_nothing(
    db: Database, run_cli: RunCli, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": db.url}
    await october_and_a_lone_person_on_1_november(db)
    shown = {}
    for last in ("2026-10", "2026-11"):
        csv, xlsx = tmp_path / f"{last}.csv", tmp_path / f"{last}.xlsx"
        args = ["--from", "2026-10", "--to", last, "--csv", str(csv), "--xlsx", str(xlsx)]
        shown[last] = run_cli("surveys", "results", "--kind", "info_meeting", *args, env=env).check()
        assert SECRET not in shown[last] and SECRET not in csv.read_text(encoding="utf-8-sig")
        assert [c.value for c in load_workbook(xlsx)["comments"]["A"]] == ["comment", *["Bien"] * 5]
    assert item_lines(shown["2026-10"]) == item_lines(shown["2026-11"])
    assert "• Dans l'ensemble (n = 5) : 😞 0 % · 🙁 0 % · 😐 0 % · 🙂 100 % · 😀 0 %" in shown["2026-11"]
    assert "1 rencontre avec moins de 5 répondants n'est pas comptée, pour que" in shown["2026-11"]
    assert shown["2026-10"].splitlines()[1] == shown["2026-11"].splitlines()[1]  # the same counts
    assert (tmp_path / "2026-10.csv").read_bytes() == (tmp_path / "2026-11.csv").read_bytes()
    not_counted = load_workbook(tmp_path / "2026-11.xlsx")["not counted"]
    assert [c.value for c in not_counted[1]] == ["sessions", "why"]  # how many answered them is never given
    assert [c.value for c in not_counted[2]][:1] == [1]
    assert "not counted" not in load_workbook(tmp_path / "2026-10.xlsx").sheetnames


async def test_item_4_cli_exports_and_chart_leave_a_small_session_out(
    db: Database, run_cli: RunCli, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": db.url}
    _, lone = await october_and_a_lone_person_on_1_november(db)
    files = ["--csv", str(tmp_path / "r.csv"), "--xlsx", str(tmp_path / "r.xlsx"), "--chart", str(tmp_path / "r.png")]
    out = run_cli("surveys", "results", "--meeting", str(lone), *files, env=env).check()
    assert "Invités" not in out.split("no chart")[0]  # a session not counted: no count one answer would move
    assert "no chart: no session with 5 respondents or more" in out and not (tmp_path / "r.png").exists()
    assert SECRET not in out and item_lines(out) == []
    assert (
        "Moins de 5 réponses par rencontre : les résultats restent cachés pour protéger l'anonymat ; "
        "il n'y a rien à exporter.\n"
        f"not written: {tmp_path / 'r.csv'}, {tmp_path / 'r.xlsx'}\n"
    ) in out
    assert not (tmp_path / "r.csv").exists() and not (tmp_path / "r.xlsx").exists()
    audited = [(a.action, a.detail["format"]) for a in await rows(db, AuditEntry) if a.action.startswith("export")]
    assert audited == [("export_survey_nothing", fmt) for fmt in ("csv", "xlsx", "png")]  # attempts, no file written
    journal = run_cli("audit", env=env).check().splitlines()
    said = " a demandé un export des résultats d'un questionnaire : rien à exporter, aucun fichier donné "
    detail = f"{{'survey': 'hot_evaluation', 'meeting': {lone}, 'via': 'command line', 'format': 'csv'}}"
    assert [line for line in journal if line.endswith(said + detail)], journal
    assert not [line for line in journal if "a exporté" in line]  # nothing said to be exported


async def test_an_export_nobody_answered_yet_writes_no_file_and_says_so(
    db: Database, run_cli: RunCli, tmp_path: Path
) -> None:
    async with db.unit_of_work() as session:
        meeting = await surveyed_session(session, datetime(2026, 10, 20, 14, tzinfo=PARIS), [], invited=3)
    args = ["--meeting", str(meeting), "--csv", str(tmp_path / "r.csv")]
    out = run_cli("surveys", "results", *args, env={"DATABASE_URL": db.url}).check()
    assert "Personne n'a encore répondu : il n'y a rien à exporter.\n" in out
    assert not (tmp_path / "r.csv").exists()


async def test_item_4_cli_yearly_report_says_sessions_not_counted(
    db: Database, run_cli: RunCli, tmp_path: Path
) -> None:
    await october_and_a_lone_person_on_1_november(db)
    args = ["report", "--year", "2026", "--xlsx", str(tmp_path / "y.xlsx")]
    report = run_cli(*args, env={"DATABASE_URL": db.url}).check()
    assert (
        "[Votre avis sur la rencontre]\nTaux de réponse : 100 % (n = 5/5)\n"
        "Non comptées : 1 rencontre avec moins de 5 répondants n'est pas comptée, pour que personne"
    ) in report
    assert "Dans l'ensemble : moyenne 4 (n = 5)" in report and SECRET not in report
    values = [row[2] for row in load_workbook(tmp_path / "y.xlsx")["2026"].iter_rows(values_only=True)]
    assert any(str(v).startswith("1 rencontre avec moins de 5 répondants") for v in values)


async def test_item_4_cli_masks_contact_details_in_comments(db: Database, run_cli: RunCli, tmp_path: Path) -> None:
    async with db.unit_of_work() as session:
        meeting = await surveyed_session(
            session,
            datetime(2026, 10, 20, 14, tzinfo=PARIS),
            [{"overall": 4, "comment": "Écrivez-moi : marie.dupont@example.fr"}, *[{"overall": 4}] * 4],
        )
    args = ["--meeting", str(meeting), "--xlsx", str(tmp_path / "r.xlsx")]
    out = run_cli("surveys", "results", *args, env={"DATABASE_URL": db.url}).check()
    assert "« Écrivez-moi : [e-mail masqué] »" in out and "marie.dupont" not in out
    comments = [c.value for c in load_workbook(tmp_path / "r.xlsx")["comments"]["A"]]
    assert comments == ["comment", "Écrivez-moi : [e-mail masqué]"]


async def test_one_missing_session_is_said_and_read_as_the_console_reads_it(db: Database, run_cli: RunCli) -> None:
    """`--meeting` reads one session as the bot and the console do: a number no session has is said, exit 1, and
    leaves no audit row; months belong to `--kind`."""
    env = {"DATABASE_URL": db.url}
    missing = run_cli("surveys", "results", "--meeting", "4242", "--staff", "alice", env=env)
    assert (missing.code, missing.stdout) == (1, "no session 4242\n")
    with_months = run_cli("surveys", "results", "--meeting", "4242", "--from", "2026-10", env=env)
    assert (with_months.code, with_months.stdout) == (
        1,
        "--from and --to choose months for --kind; --meeting is one session\n",
    )
    assert await rows(db, AuditEntry) == []
