"""Every file the bot sends to staff is audited as an export, as the console's downloads are, « via bot »."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import AuditEntry
from tests.faire_lien.cases.conftest import talker
from tests.support.db import rows

COORDINATOR = 501


async def test_the_yearly_report_in_the_chat_is_a_read_and_an_xlsx_export(assistant: Assistant, db: Database) -> None:
    """Before, only the read was audited: the workbook sent with it left no trace of an export."""
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await marie.do("/staff")
    shown = await marie.do("press:📈 Rapport annuel 2026")
    assert shown[0].document is not None and shown[0].document.filename == "indicateurs-2026.xlsx"
    audit = [(a.actor, a.action, a.detail) for a in await rows(db, AuditEntry) if a.action != "grant_role"]
    assert audit == [
        (f"telegram:{COORDINATOR}", "read_yearly_report", {"year": 2026}),
        (f"telegram:{COORDINATOR}", "export_yearly_report", {"year": 2026, "via": "bot", "format": "xlsx"}),
    ]


async def test_the_journal_says_the_yearly_report_was_read_and_exported(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await marie.do("/staff")
    await marie.do("press:📈 Rapport annuel 2026")
    await marie.do("press:◀ Espace professionnels")
    await marie.do("press:🧾")
    lines = marie.screen[-1].text.splitlines()
    assert lines[1].endswith(" · Telegram 501 · a exporté le rapport annuel")
    assert lines[2].endswith(" · Telegram 501 · a consulté le rapport annuel")
    assert "export_yearly_report" not in marie.screen[-1].text


async def test_a_report_button_refused_exports_nothing(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    shown = await marie.do("raw:rep:1066")
    assert shown[0].text.startswith("Ce bouton n'est plus valide.")
    assert [a.action for a in await rows(db, AuditEntry) if a.action != "grant_role"] == []


async def test_a_facilitator_pressing_an_old_report_button_exports_nothing(assistant: Assistant, db: Database) -> None:
    facilitator = await talker(assistant, db, 502, "facilitator")
    await facilitator.do("raw:rep:2026")
    assert all(reply.document is None for reply in facilitator.screen)
    assert [a.action for a in await rows(db, AuditEntry) if a.action.endswith("yearly_report")] == []
