"""A staff member's report is read outside the bot's units of work: people are answered while it is counted."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import available_languages
from dialogs.reply import Reply
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.surveys import service
from faire_lien.surveys.report import Line
from storage.db import Database
from storage.models import AuditEntry
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows

COORDINATOR = 9
PERSON = 10

Yearly = Callable[..., Awaitable[list[Line]]]


class HeldRead:
    """The yearly report's read, kept open (its read-only transaction begun) until released."""

    def __init__(self, real: Yearly) -> None:
        self.real = real
        self.reading = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, reader: AsyncSession, *args: Any) -> list[Line]:
        lines = await self.real(reader, *args)  # the read-only transaction is open from here
        self.reading.set()
        await self.release.wait()
        return lines


async def test_a_person_is_answered_while_a_yearly_report_is_read(
    flows: dict[str, Flow], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=lambda: NOW)
    await make_staff(db, COORDINATOR, "coordinator")
    staff = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    person = Talker(assistant, db, who=Identity(telegram_id=PERSON))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await staff.do(step)
    held = HeldRead(service.yearly)
    monkeypatch.setattr(service, "yearly", held)

    report = asyncio.create_task(staff.do("raw:rep:2026"))
    reading = asyncio.create_task(held.reading.wait())
    await asyncio.wait({report, reading}, return_when=asyncio.FIRST_COMPLETED)
    assert held.reading.is_set(), report.exception() if report.done() else "the report neither read nor failed"

    seen: list[Reply] = await person.do("/start")  # the report is still being read
    assert not report.done()
    assert seen and seen[-1].labels()[0][0] == "Français"  # the newcomer's screen: choose a language
    await person.do("press:Français")
    assert person.screen[-1].labels()[0][0] == "✅ J'accepte"

    held.release.set()
    shown = await report
    assert shown[0].text.startswith("faire-lien — indicateurs 2026")
    assert shown[0].document is not None and shown[0].document.filename == "indicateurs-2026.xlsx"
    audit = [(a.actor, a.action, a.detail) for a in await rows(db, AuditEntry) if a.action == "read_yearly_report"]
    assert audit == [(f"telegram:{COORDINATOR}", "read_yearly_report", {"year": 2026})]
