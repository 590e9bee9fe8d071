"""A coordinator's team screens in the bot: the team, the journal, undelivered messages and invitations."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.assistant import Assistant
from storage.audit import record
from storage.db import Database
from storage.models import StaffMember
from storage.staff import rename
from tests.conftest import NOW
from tests.faire_lien.cases.conftest import talker
from tests.support.records import a_person

COORDINATOR = 501
MEDIATOR = 503


async def test_each_team_screen_leads_back_to_the_staff_area(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    for opening in (["/staff", "press:Équipe"], ["/staff", "press:Journal"], ["/staff", "press:non remis"]):
        for step in opening:
            await marie.do(step)
        assert ["◀ Espace professionnels"] in marie.screen[-1].labels(), opening
        await marie.do("press:◀ Espace professionnels")
        assert marie.screen[-1].text == "Espace professionnels :"
    for command in ("/invite mediator", "/invite"):  # the code made, or how to ask for one
        await marie.do(command)
        await marie.do("press:◀ Espace professionnels")
        assert marie.screen[-1].text == "Espace professionnels :", command


async def test_the_journal_names_colleagues_and_says_paris_time(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await talker(assistant, db, MEDIATOR, "mediator")
    async with db.unit_of_work() as session:
        member = (await session.execute(select(StaffMember).where(StaffMember.telegram_id == MEDIATOR))).scalar_one()
        rename(session, member, "Sami", f"telegram:{COORDINATOR}", NOW)
    await marie.do("/staff")
    await marie.do("press:Journal")
    latest = marie.screen[-1].text.splitlines()[1]
    assert latest == "dim. 22 novembre 11:00 · Telegram 501 · rename_staff"  # 10:00 UTC, Paris winter time
    assert "telegram:" not in marie.screen[-1].text


async def test_the_journal_names_whom_a_row_was_about_in_the_staff_members_language(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    async with db.unit_of_work() as session:
        person = await a_person(session, 601)
        record(session, actor=f"telegram:{COORDINATOR}", action="read_case", at=NOW, person_id=person.id)
    await marie.do("/staff")
    await marie.do("press:Journal")
    assert marie.screen[-1].text.splitlines()[1].endswith(f" · read_case · personne n° {person.id}")  # not « person »


async def test_a_long_name_keeps_the_revoke_button_within_a_phone(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await talker(assistant, db, MEDIATOR, "mediator")
    async with db.unit_of_work() as session:
        member = (await session.execute(select(StaffMember).where(StaffMember.telegram_id == MEDIATOR))).scalar_one()
        rename(session, member, "Marie-Christine Dupont-Lefebvre de La Tour", f"telegram:{COORDINATOR}", NOW)
    await marie.do("/staff")
    await marie.do("press:Équipe")
    (revoke,) = [row[0] for row in marie.screen[-1].labels() if row[0].startswith("Retirer")]
    assert revoke == "Retirer le rôle de Marie-Christine Dupo…"
    assert len(revoke) <= 40
