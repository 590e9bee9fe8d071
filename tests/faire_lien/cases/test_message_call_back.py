"""A call-back « Par message, ici » promises a conversation: what the person types while it is open reaches it."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import CaseMessage
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import Chats, pressed, talker
from tests.support.profiles import ALONE_ON_800, NO_SITUATION

CHECK = ["press:Bilan", *ALONE_ON_800, "press:Non", *NO_SITUATION]
"""A rights check to its card (no cover yet)."""


async def call_back(assistant: Assistant, db: Database, channel: str) -> tuple[Chats, Talker, Talker]:
    """Marie (501, coordinator) uses the bot; Amina (601) asks for a call-back after her rights check."""
    chats = Chats(db)
    marie = await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in [*CHECK, "press:📞 Parler", "press:Oui", f"press:{channel}"]:
        await amina.do(step)
    if channel == "Par téléphone":
        await amina.do("type:06 12 34 56 78")
    await amina.do("press:Le matin")
    await chats.deliver()  # Marie's « 🔔 Nouvelle demande n° 1 »
    return chats, marie, amina


async def test_text_typed_after_a_call_back_by_message_reaches_it_and_whoever_takes_it(
    assistant: Assistant, db: Database
) -> None:
    chats, marie, amina = await call_back(assistant, db, "Par message")
    assert "Un travailleur social vous écrira ici." in amina.screen[0].text

    await amina.do("type:Mon dossier est à la CAF de Poitiers")
    said = amina.screen[0].text
    assert said.startswith("✉️ Transmis à l'équipe avec votre demande n° 1 : la personne qui la prendra lira")
    (notice,) = (await chats.deliver())[501]
    assert notice.text.startswith("💬 La personne a écrit dans la demande n° 1 (demande de rappel, en")
    assert "Poitiers" not in notice.text

    await marie.send("action", pressed(marie, notice, "Je la prends"))
    (relayed,) = (await chats.deliver())[501]
    assert relayed.text.endswith("\n\nMon dossier est à la CAF de Poitiers")


async def test_text_typed_after_a_call_back_by_phone_is_not_taken_for_a_message(
    assistant: Assistant, db: Database
) -> None:
    chats, _, amina = await call_back(assistant, db, "Par téléphone")
    await amina.do("type:Allô ?")
    assert not amina.screen[0].text.startswith("✉️")
    assert 501 not in await chats.deliver()
    async with db.unit_of_work() as session:
        assert (await session.execute(select(CaseMessage))).all() == []
