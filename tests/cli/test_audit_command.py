"""`faire-lien audit`: the latest audit rows, one a line."""

from __future__ import annotations

from datetime import timedelta

from storage.audit import record
from storage.db import Database
from storage.staff import grant, invite, redeem, rename, revoke
from tests.conftest import NOW
from tests.support.cli import RunCli
from tests.support.records import a_person


async def test_an_operator_name_with_an_override_cannot_reorder_its_audit_line(db: Database, run_cli: RunCli) -> None:
    """An operator name typed with an open U+202E (`--staff`) is printed between FSI and PDI, the override closed
    right after it: the action and its detail keep their order; a plain name is printed as it was."""
    async with db.unit_of_work() as session:
        record(session, actor="console:\u202eroot", action="read_yearly_report", at=NOW, detail={"year": 2026})
        record(session, actor="console:alice", action="read_roster", at=NOW, detail={"meeting": 12})
    lines = run_cli("audit", env={"DATABASE_URL": db.url}).stdout.splitlines()
    assert "2026-11-22 10:00:00 console:alice a consulté la liste des inscrits {'meeting': 12}" in lines
    assert (
        "2026-11-22 10:00:00 \u2068console:\u202eroot\u202c\u2069 a consulté le rapport annuel {'year': 2026}" in lines
    )


async def test_actions_print_as_the_bots_journal_words_in_french(db: Database, run_cli: RunCli) -> None:
    """Each row says what was done in words, whom it was about by number (an export with nothing to give as an attempt,
    never as « a exporté »); an action this version does not know reads neutrally with its code."""
    async with db.unit_of_work() as session:
        person = await a_person(session, 601)
        record(session, actor="telegram:5", action="read_case", at=NOW, person_id=person.id, detail={"case": 3})
        record(session, actor="telegram:5", action="gone_action", at=NOW)  # type: ignore[arg-type]
        empty = {"survey": "hot_evaluation", "meeting": 12, "format": "csv"}
        record(session, actor="console:alice", action="export_survey_nothing", at=NOW, detail=empty)
    lines = run_cli("audit", env={"DATABASE_URL": db.url}).stdout.splitlines()
    assert (
        "2026-11-22 10:00:00 console:alice a demandé un export des résultats d'un questionnaire : rien à exporter, "
        "aucun fichier donné {'survey': 'hot_evaluation', 'meeting': 12, 'format': 'csv'}"
    ) in lines
    assert f"2026-11-22 10:00:00 telegram:5 a consulté une demande (personne n° {person.id}) {{'case': 3}}" in lines
    assert "2026-11-22 10:00:00 telegram:5 a fait une action que cette version ne nomme pas (gone_action) {}" in lines


async def test_role_changes_print_the_bots_journal_sentences(db: Database, run_cli: RunCli) -> None:
    """Whose role was given or taken, and who joined with whose invitation, as the bot's 🧾 journal says it; before,
    « a donné un rôle dans l'équipe {'telegram_id': 503, 'role': 'mediator'} »."""
    async with db.unit_of_work() as session:
        marie = await grant(session, 501, "coordinator", "cli:root", NOW)
        rename(session, marie, "Marie", "cli:root", NOW)
        code = await invite(session, "mediator", "telegram:501", NOW)
    async with db.unit_of_work() as session:
        assert await redeem(session, code.code, 503, NOW + timedelta(minutes=1)) == "mediator"
    async with db.unit_of_work() as session:
        assert await revoke(session, 503, "telegram:501", NOW + timedelta(minutes=2))
    lines = run_cli("audit", env={"DATABASE_URL": db.url}).stdout.splitlines()
    assert lines[:2] == [
        "2026-11-22 10:02:00 Marie a retiré son rôle (médiatrice ou médiateur) à Telegram 503",
        "2026-11-22 10:01:00 Telegram 503 a rejoint l'équipe (médiatrice ou médiateur) avec une invitation de Marie",
    ]
    given = "2026-11-22 10:00:00 cli:root a donné le rôle « coordinatrice ou coordinateur » à Marie (Telegram 501)"
    assert given in lines
    assert "2026-11-22 10:00:00 Marie a créé une invitation {'role': 'mediator'}" in lines  # other rows keep theirs
