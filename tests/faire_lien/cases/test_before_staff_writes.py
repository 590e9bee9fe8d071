"""What a person types after asking for a person, before anyone in the team wrote to them, reaches their request."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Answer, CaseMessage, Conversation
from tests.faire_lien.cases.conftest import ASK_FOR_HELP, Chats, help_taken, pressed, talker
from tests.support.surveys import invited_yesterday

BORN = ["press:Bilan", "press:Nationalité", "press:Plus de 3 mois"]
"""Up to « En quelle année êtes-vous né·e ? », a question answered by typing."""


async def test_text_typed_before_anyone_took_the_request_reaches_it_and_whoever_takes_it(
    assistant: Assistant, db: Database
) -> None:
    chats = Chats(db)
    marie = await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    await chats.deliver()  # Marie's « 🔔 Nouvelle demande n° 1 »

    await amina.do("type:Je ne sais pas si ma carte de séjour compte")
    said = amina.screen[0].text
    assert said.startswith("✉️ Transmis à l'équipe avec votre demande n° 1 : la personne qui la prendra lira")
    assert "Merci de répondre avec les boutons" not in said
    assert "Quelle est votre situation en France ?" in amina.screen[-1].text  # her question is still there
    (notice,) = (await chats.deliver())[501]
    assert notice.text.startswith("💬 La personne a écrit dans la demande n° 1 (demande d'aide sur une question, en")
    assert "Je ne sais pas" not in notice.text  # no personal detail in a notice to the whole team
    await amina.do("type:Elle expire en mai")
    assert 501 not in await chats.deliver()  # one notice per request, not one per message

    await marie.send("action", pressed(marie, notice, "Je la prends"))
    assert marie.screen[0].text.startswith("✋ Vous avez pris la demande n° 1")
    relayed = (await chats.deliver())[501]
    assert [r.text.split("\n\n")[-1] for r in relayed] == [
        "Je ne sais pas si ma carte de séjour compte",
        "Elle expire en mai",
    ]
    assert relayed[0].text.startswith("💬 Demande n° 1 (demande d'aide sur une question) — la personne a écrit :")


async def test_text_typed_after_the_request_was_taken_but_before_staff_wrote_reaches_the_holder(
    assistant: Assistant, db: Database
) -> None:
    chats, _, amina = await help_taken(assistant, db)
    await amina.do("type:Je suis là")
    assert amina.screen[0].text.startswith("✉️ Transmis. Vous parlez avec une personne de l'équipe")
    (relayed,) = (await chats.deliver())[501]
    assert relayed.text.endswith("\n\nJe suis là")
    async with db.unit_of_work() as session:
        assert (await session.execute(select(CaseMessage.text))).scalars().all() == ["Je suis là"]


async def test_a_question_waiting_for_a_typed_answer_keeps_it_and_a_button_writes_to_the_team(
    assistant: Assistant, db: Database
) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in [*BORN, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    said = amina.screen[0]
    assert said.text.startswith("📨 C'est noté : votre demande n° 1 est envoyée à l'équipe.")
    assert "Pour écrire à l'équipe, appuyez d'abord sur « ✍️ Écrire à l'équipe »." in said.text
    assert said.labels() == [["✍️ Écrire à l'équipe"]]
    assert "En quelle année êtes-vous né·e ?" in amina.screen[-1].text
    await amina.do("type:1992")  # the questionnaire's answer
    assert "Combien de personnes composent votre foyer" in amina.screen[-1].text

    amina.screen = [said]
    await amina.do("press:Écrire à l'équipe")
    assert amina.screen[0].text.startswith("✍️ Écrivez maintenant votre message pour l'équipe (demande n° 1)")
    await amina.do("type:Et pour mon fils ?")
    assert amina.screen[0].text.startswith("✉️ Transmis.")
    await chats.deliver()
    async with db.unit_of_work() as session:
        assert (await session.execute(select(CaseMessage.text))).scalars().all() == ["Et pour mon fils ?"]
        conversation = (await session.execute(select(Conversation))).scalar_one()
        assert conversation.step_id != "born"


EDIT_NOT_PASSED = (
    "✏️ Votre modification n'a pas été transmise : l'équipe ne voit que votre message d'origine. "
    "Pour corriger, envoyez un nouveau message."
)
MEDIA_NOT_PASSED = "Je ne peux transmettre que du texte : les photos, fichiers, messages vocaux"
QUESTION_EDITED = (
    "Un message modifié n'est pas pris en compte : pour répondre à la question en cours, envoyez un nouveau message ; "
    "pour changer une réponse déjà donnée, utilisez « ◀ Retour »."
)


async def test_an_edit_or_a_photo_where_text_reaches_the_request_says_the_team_will_not_see_it(
    assistant: Assistant, db: Database
) -> None:
    """Amina wrote to her request before anyone took it, then edits her message or sends a photo: she reads that the
    team will not see it, above her question (not the questionnaire's notice); the same once Marie took it."""
    chats = Chats(db)
    marie = await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    (notice,) = (await chats.deliver())[501]
    await amina.do("type:Je ne sais pas si ma carte de séjour compte")
    for step, said in [("edited", EDIT_NOT_PASSED), ("media", MEDIA_NOT_PASSED)]:
        await amina.do(step)
        assert amina.screen[0].text.startswith(said), (step, amina.screen[0].text)
        assert "Quelle est votre situation en France ?" in amina.screen[-1].text
    await marie.send("action", pressed(marie, notice, "Je la prends"))
    await amina.do("edited")
    assert amina.screen[0].text.startswith(EDIT_NOT_PASSED), amina.screen[0].text


async def test_an_edit_on_a_question_waiting_for_a_typed_answer_is_the_questions(
    assistant: Assistant, db: Database
) -> None:
    """With a request open, on « En quelle année êtes-vous né·e ? » (typed text answers it): the question's notice."""
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in [*BORN, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui", "edited"]:
        await amina.do(step)
    assert amina.screen[0].text.startswith(QUESTION_EDITED), amina.screen[0].text
    assert "En quelle année êtes-vous né·e ?" in amina.screen[0].text


async def test_a_point_typed_on_the_0_to_10_scale_answers_it_rather_than_reaching_the_request(
    assistant: Assistant, db: Database
) -> None:
    """Amina asked a person for help, then opens her satisfaction poll: « 8 » typed on « would you recommend »
    (0–10, answered by buttons or by typing the point) is her answer, not a message to the team; words still go to
    her request."""
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    await chats.deliver()
    invitation_id = await invited_yesterday(db, amina.who)
    await amina.do(f"raw:sv:{invitation_id}")
    await amina.do("press:Commencer")  # over the rights check in progress
    for token in ("v4", "o4", "o0", "skip"):  # 🙂, very clear, useful, no answer to the optional question
        actions = [b.action for reply in amina.screen for row in reply.buttons for b in row]
        (action,) = [a for a in actions if a.endswith(f":{token}")]
        await amina.send("action", action)
    assert "0" in amina.screen[-1].labels()[0]  # the 0–10 question
    await amina.do("type:Je ne sais pas")  # words are not a point: they reach her request
    assert amina.screen[0].text.startswith("✉️ Transmis à l'équipe avec votre demande n° 1"), amina.screen[0].text
    await amina.do("type:8")
    assert not amina.screen[0].text.startswith("✉️"), amina.screen[0].text
    await amina.send(
        "action", next(b.action for r in amina.screen for row in r.buttons for b in row if b.action.endswith(":skip"))
    )
    async with db.unit_of_work() as session:
        assert (await session.execute(select(CaseMessage.text))).scalars().all() == ["Je ne sais pas"]
        answers = {a.step_id: a.value for a in (await session.execute(select(Answer))).scalars()}
    assert answers["recommend"] == 8
