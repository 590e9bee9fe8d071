"""A coordinator's team screens in the bot: the team, the journal, undelivered messages and invitations."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.audit import record
from storage.db import Database
from storage.models import StaffMember
from storage.staff import grant, rename
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
    # 10:00 UTC, Paris winter time; the action in words, never its code
    assert latest == "dim. 22 novembre 11:00 · Telegram 501 · a changé le nom affiché d'un membre de l'équipe"
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
    assert marie.screen[-1].text.splitlines()[1].endswith(f" · a consulté une demande · personne n° {person.id}")


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


async def test_the_journal_says_actions_in_the_staff_members_language_and_an_unknown_one_neutrally(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    async with db.unit_of_work() as session:
        record(session, actor=f"telegram:{COORDINATOR}", action="read_roster", at=NOW, detail={"meeting": 12})
        record(session, actor=f"telegram:{COORDINATOR}", action="gone_action", at=NOW)  # type: ignore[arg-type]
    await marie.do("/staff")
    await marie.do("press:Journal")
    lines = marie.screen[-1].text.splitlines()
    assert lines[1:3] == [
        "dim. 22 novembre 11:00 · Telegram 501 · a fait une action que cette version ne nomme pas (gone_action)",
        "dim. 22 novembre 11:00 · Telegram 501 · a consulté la liste des inscrits",
    ]
    await marie.do("raw:setlang:en")
    await marie.do("/staff")
    await marie.do("press:🧾")
    assert "Telegram 501 · viewed the list of registered people" in marie.screen[-1].text
    assert "read_roster" not in marie.screen[-1].text


async def test_the_team_says_since_when_as_the_staff_members_language_writes_a_day_in_paris(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await talker(assistant, db, MEDIATOR, "mediator")
    async with db.unit_of_work() as session:
        await grant(
            session, MEDIATOR, "mediator", "test", NOW.replace(hour=23, minute=30)
        )  # 00:30 the next day in Paris
    await marie.do("/staff")
    await marie.do("press:Équipe")
    assert marie.screen[-1].text.splitlines()[1:] == [
        "• Telegram 501 — coordinatrice ou coordinateur (22 nov. 2026)",
        "• Telegram 503 — médiatrice ou médiateur (23 nov. 2026)",
    ]
    await marie.do("raw:setlang:en")
    await marie.do(f"raw:{routes.STAFF_TEAM.data()}")
    assert "• Telegram 503 — mediator (Nov 23, 2026)" in marie.screen[-1].text.splitlines()
