""" "Write to the person" lasts until the next message: a staff member who goes elsewhere sends nothing by mistake."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import CaseMessage
from tests.faire_lien.cases.conftest import help_taken
from tests.support.db import rows


async def test_a_staff_member_who_goes_elsewhere_keeps_her_next_answer(assistant: Assistant, db: Database) -> None:
    chats, marie, _amina = await help_taken(assistant, db)
    await marie.do("press:Écrire à la personne")
    assert marie.screen[0].text.startswith("✍️ Écrivez maintenant votre message pour la personne")

    for step in ["/menu", "press:Bilan", "press:Nationalité", "press:Plus de 3 mois", "type:1975"]:
        await marie.do(step)  # her own rights check instead: her year of birth is an answer, not a message
    assert "Combien de personnes composent votre foyer" in marie.screen[-1].text
    assert 601 not in await chats.deliver()
    assert await rows(db, CaseMessage) == []


async def test_a_button_pressed_while_writing_cancels_the_message(assistant: Assistant, db: Database) -> None:
    chats, marie, _amina = await help_taken(assistant, db)
    await marie.do("press:Écrire à la personne")
    await marie.do("/staff")
    await marie.do("type:Réunion C2S du mardi")
    assert 601 not in await chats.deliver()

    await marie.do("/staff")
    await marie.do("press:Demandes des personnes")
    await marie.do("press:n° 1")
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Bonjour, je suis là.")  # writing right after pressing still goes to the person
    assert marie.screen[0].text.startswith("✅ Message envoyé à la personne (demande n° 1).")
    assert (await chats.deliver())[601][0].text.startswith("💬 Message de votre travailleur·se social·e")


async def test_the_person_talking_with_staff_stays_in_the_conversation_between_buttons(
    assistant: Assistant, db: Database
) -> None:
    chats, marie, amina = await help_taken(assistant, db)
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Quelle question vous pose souci ?")
    await chats.deliver()

    await amina.do("/menu")
    await amina.do("type:La première")
    assert amina.screen[0].text.startswith("✉️ Transmis.")
    assert (await chats.deliver())[501][0].text.endswith("La première")
