"""What the person sends while talking with a staff member that cannot reach them: an edit, a photo."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.cases.conftest import help_taken


async def test_an_edit_or_a_photo_in_the_conversation_says_what_did_not_reach_staff(
    assistant: Assistant, db: Database
) -> None:
    """Not the questionnaire's « Un message modifié n'est pas pris en compte : envoyez plutôt une nouvelle réponse. »
    with its question and answer buttons: the person is still talking with a staff member."""
    chats, marie, amina = await help_taken(assistant, db)
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Bonjour Amina")
    await chats.deliver()
    await amina.do("type:Merci, j'ai une carte de séjur")
    await amina.do("edited")
    (said,) = amina.screen
    assert said.text == (
        "✏️ Votre modification n'a pas été transmise : l'équipe ne voit que votre message d'origine. "
        "Pour corriger, envoyez un nouveau message."
    )
    assert said.labels() == [["↩️ Revenir au bot"]]
    await amina.do("media")
    assert amina.screen[0].text.startswith("Je ne peux transmettre que du texte : les photos")
    assert amina.screen[0].labels() == [["↩️ Revenir au bot"]]
    await amina.do("type:Merci, j'ai une carte de séjour")
    assert amina.screen[0].text.startswith("✉️ Transmis.")
    relayed = (await chats.deliver())[501]
    assert [r.text.split("\n\n")[-1] for r in relayed] == [
        "Merci, j'ai une carte de séjur",
        "Merci, j'ai une carte de séjour",
    ]
