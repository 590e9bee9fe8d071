""" "Write to the person" lasts until the next message: a staff member who goes elsewhere sends nothing by mistake."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from faire_lien.core.inbound import Inbound
from faire_lien.core.later import handled
from storage.db import Database
from storage.models import CaseMessage
from tests.dialogs.golden_driver import UPDATE_IDS
from tests.faire_lien.cases.conftest import help_taken
from tests.support.db import rows

ERASED_NOTICE = (
    "🗑 La demande n° 1 a été retirée : la personne a effacé ses données. Vous n'avez plus rien à faire pour cette "
    "demande."
)


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


async def test_a_message_for_someone_who_erased_their_data_is_not_lost_silently(
    assistant: Assistant, db: Database
) -> None:
    """Marie presses « Écrire à la personne », Amina erases her data, Marie's message: she reads it went nowhere."""
    chats, marie, amina = await help_taken(assistant, db)
    write = marie.action("Écrire à la personne")
    await marie.do("press:Écrire à la personne")
    for step in ["/forget", "press:Oui, tout effacer"]:
        await amina.do(step)
    await marie.do("type:Bonjour, je vous appelle demain à 10 h.")
    erased, menu = marie.screen
    assert erased.text == (
        "La demande n° 1 a été supprimée : la personne a effacé ses données, ou la durée de conservation est passée. "
        "Rien n'a été envoyé."
    )
    assert menu.text.startswith("Espace professionnels")  # her staff menu, not a person's « use the buttons »
    (notice,) = (await chats.deliver())[501]  # told, though she was writing
    assert notice.text == ERASED_NOTICE

    reply = Inbound("text", "Vous êtes là ?", language_hint="fr", update_id=next(UPDATE_IDS), replying_to=(write,))
    answer = await handled(db, lambda session: assistant.handle(session, marie.who, reply))  # Telegram's "Reply"
    assert answer[0].text.startswith("La demande n° 1 a été supprimée")  # not « Ce bouton n'est plus valide »
    assert await chats.deliver() == {}
