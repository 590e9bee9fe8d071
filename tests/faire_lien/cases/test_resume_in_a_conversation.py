"""« Reprendre » pressed by someone talking with the team, after the menu and « 📨 Mes demandes »: the question comes
back and what they type next answers it (it went to the team, under the question it showed)."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.assistant import Assistant
from faire_lien.cases import service
from faire_lien.core.roles import Staff
from storage.db import Database
from storage.models import Case, CaseMessage, Conversation
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import ASK_FOR_HELP, Chats, talker

BORN = "Bilan de droits santé · question 3\nEn quelle année êtes-vous né·e ?"
BACK = (
    "Vous êtes revenu·e au bot. Votre demande reste ouverte : si la personne de l'équipe vous écrit, "
    "vous recevrez son message ici."
)


async def in_conversation(assistant: Assistant, db: Database) -> Talker:
    """Amina asked for help on the rights check's third question; Marie wrote to her: she talks with the team."""
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ["press:Bilan", "press:Nationalité", "press:Plus de 3 mois", *ASK_FOR_HELP[1:]]:
        await amina.do(step)
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        assert await service.write(session, case, Staff("coordinator", 1, "telegram:501"), "Bonjour", NOW) == "sent"
    assert 601 in await chats.deliver()
    return amina


async def test_resuming_from_the_menu_after_my_requests_brings_the_question_back_and_answers_it(
    assistant: Assistant, db: Database
) -> None:
    amina = await in_conversation(assistant, db)
    await amina.do("/cancel")
    paused = amina.screen
    assert paused[0].labels()[0] == ["Reprendre « Bilan de droits santé »"]
    await amina.do("press:📨 Mes demandes")
    assert "💬 Message reçu de l'équipe : répondez ici, dans la conversation." in amina.screen[0].text
    await amina.do("press:☰ Menu")
    amina.screen = paused  # back to the menu /cancel showed, whose « Reprendre » is pressed
    await amina.do("press:Reprendre « Bilan de droits santé »")
    assert amina.screen[-1].text.startswith(f"{BACK}\n\n{BORN}")
    assert amina.screen[-1].labels() == [["◀ Retour", "↺ Recommencer"], ["🤔 Je ne comprends pas"]]
    await amina.do("type:1992")  # the question's answer, not a message to the team
    assert "Combien de personnes composent votre foyer" in amina.screen[-1].text
    async with db.unit_of_work() as session:
        conversation = (await session.execute(select(Conversation))).scalar_one()
        assert conversation.answers["born"] == "1992"
        assert (await session.execute(select(CaseMessage.author))).scalars().all() == ["staff"]


async def test_resuming_after_the_sessions_asks_the_question_with_nothing_to_say(
    assistant: Assistant, db: Database
) -> None:
    """Not talking with anyone: « Reprendre » is the question alone, after 📅 as after anything else."""
    amina = await talker(assistant, db, 602)
    for step in ["press:Bilan", "press:Nationalité", "press:Plus de 3 mois", "/cancel"]:
        await amina.do(step)
    paused = amina.screen
    await amina.do("press:📅 Rencontres")
    assert amina.screen[-1].text.startswith("Aucune rencontre n'est encore publiée")
    amina.screen = paused
    await amina.do("press:Reprendre « Bilan de droits santé »")
    (question,) = amina.screen
    assert question.text.startswith(BORN)
    await amina.do("type:1992")
    assert "Combien de personnes composent votre foyer" in amina.screen[-1].text
