"""A coordinator's team screens in the bot: the team, the journal, undelivered messages and invitations."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.cases.conftest import talker

COORDINATOR = 501


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
