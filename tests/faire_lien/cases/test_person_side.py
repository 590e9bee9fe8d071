"""A person asks for a human from a question, talks with staff through the bot, and finds their question again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from faire_lien.assistant import Assistant
from faire_lien.cases import service
from faire_lien.core.roles import Staff
from storage.db import Database
from storage.models import AuditEntry, Case, CaseMessage, Conversation, StaffMember
from storage.staff import revoke
from tests.conftest import NOW
from tests.faire_lien.cases.conftest import Chats, help_taken, pressed, talker

FIRST_ANSWERS = ["press:Bilan", "press:Nationalité", "press:Plus de 3 mois"]


async def test_mid_questionnaire_a_person_asks_a_human_and_resumes_at_the_same_step(
    assistant: Assistant, db: Database
) -> None:
    chats = Chats(db)
    marie = await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in FIRST_ANSWERS:
        await amina.do(step)
    question = amina.screen[-1].text
    assert "En quelle année êtes-vous né·e ?" in question

    await amina.do("press:Je ne comprends pas")
    assert "🙋 Demander à une personne" in str([r.labels() for r in amina.screen])
    await amina.do("press:Demander à une personne")
    assert amina.screen[0].text.startswith("🙋 Une personne de l'équipe")
    assert "pas vos réponses" in amina.screen[0].text
    await amina.do("press:Oui, demander à une personne")
    said = amina.screen[0].text
    assert said.startswith("📨 C'est noté : votre demande n° 1 est envoyée à l'équipe.")
    assert "dans les 2 jours ouvrés au plus" in said and "En attendant, voici la question :" in said
    assert "En quelle année êtes-vous né·e ?" in amina.screen[-1].text

    got = await chats.deliver()
    (notice,) = got[501]
    assert notice.text.startswith("🔔 Nouvelle demande n° 1 : demande d'aide sur une question, en français.")
    await marie.send("action", pressed(marie, notice, "Je la prends"))
    assert marie.screen[0].text.startswith("✋ Vous avez pris la demande n° 1")
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Bonjour, quelle question vous pose souci ?")
    assert marie.screen[0].text.startswith("✅ Message envoyé à la personne (demande n° 1).")

    got = await chats.deliver()
    (message,) = got[601]
    assert message.text.startswith("💬 Message de votre travailleur·se social·e :\n\nBonjour, quelle question")
    await amina.do("type:1992 ou 1993, je ne sais plus")  # goes to Marie, not into the questionnaire
    assert amina.screen[0].text.startswith("✉️ Transmis. Vous parlez avec une personne")
    got = await chats.deliver()
    assert got[501][0].text.endswith("1992 ou 1993, je ne sais plus")
    async with db.unit_of_work() as session:
        conversation = (await session.execute(select(Conversation))).scalar_one()
        assert conversation.step_id == "born" and "born" not in conversation.answers
        lines = (await session.execute(select(CaseMessage.author))).scalars().all()
        reads = (await session.execute(select(AuditEntry.actor, AuditEntry.detail))).all()
    assert lines == ["staff", "person"]
    assert ("telegram:501", {"case": 1, "via": "telegram"}) in [tuple(r) for r in reads]  # the relay is a read

    amina.screen = [message, *amina.screen]
    await amina.do("press:Revenir au bot")
    assert amina.screen[0].text.startswith("Vous êtes revenu·e au bot. Votre demande reste ouverte")
    assert "En quelle année êtes-vous né·e ?" in amina.screen[-1].text
    await amina.do("type:1992")  # now an answer again
    assert "Combien de personnes composent votre foyer" in amina.screen[-1].text


async def test_closing_gives_the_questionnaire_back_and_my_requests_shows_it(
    assistant: Assistant, db: Database
) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    coordinator = Staff("coordinator", 1, "telegram:501")
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        assert (await service.take(session, case.id, coordinator, NOW)).result == "taken"
        assert await service.write(session, case, coordinator, "Bonjour", NOW) == "sent"
    await chats.deliver()
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        assert await service.close(session, case, coordinator, "helped", NOW) == "closed"
    got = await chats.deliver()
    (closed,) = got[601]
    assert closed.text.startswith("✅ Votre demande n° 1 (demande d'aide sur une question) est close.")
    assert closed.labels()[0] == ["▶️ Reprendre mon questionnaire"]
    amina.screen = [closed]
    await amina.do("press:Reprendre mon questionnaire")
    assert "En quelle année êtes-vous né·e ?" in amina.screen[-1].text
    await amina.do("/menu")
    await amina.do("press:Mes demandes")
    assert amina.screen[0].text.startswith("📨 Vos demandes à l'équipe :")
    assert "n° 1 · demande d'aide sur une question" in amina.screen[0].text and "✅ Close." in amina.screen[0].text


async def test_a_person_cancels_a_request_and_the_holder_is_told(assistant: Assistant, db: Database) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "mediator")
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    await amina.do("press:Je ne comprends pas")
    await amina.do("press:Demander à une personne")
    assert amina.screen[0].text.startswith("📨 Votre demande n° 1 est déjà envoyée à l'équipe")
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        await service.take(session, case.id, Staff("mediator", 1, "telegram:501"), NOW)
    await chats.deliver()

    await amina.do("/menu")
    await amina.do("press:Mes demandes")
    assert "👤 Une personne de l'équipe s'en occupe" in amina.screen[0].text
    await amina.do("press:Annuler la demande n° 1")
    assert amina.screen[0].text.startswith("Annuler votre demande n° 1 (demande d'aide sur une question) ?")
    await amina.do("press:Oui, annuler")
    assert amina.screen[0].text.startswith("Votre demande n° 1 est annulée.")
    got = await chats.deliver()
    assert got[501][0].text == "↩️ La personne a annulé sa demande n° 1 (demande d'aide sur une question)."
    assert 601 not in got  # no "closed" message for a request the person cancelled
    await amina.do("/menu")
    await amina.do("press:Mes demandes")
    assert "↩️ Annulée par vous." in amina.screen[0].text


async def test_staff_find_open_cases_in_their_menu(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, 501, "coordinator")
    fatou = await talker(assistant, db, 503, "facilitator")
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    await marie.do("/staff")
    await marie.do("press:Demandes des personnes")
    listed = marie.screen[0].text
    assert listed.startswith("📥 1 demande ouverte :\n\nn° 1 · demande d'aide sur une question · français")
    assert "⏳ personne ne l'a prise" in marie.screen[0].text
    # Nobody holds it: the button says pressing takes it (« voir ou prendre » took it as soon as one looked)
    assert marie.screen[0].labels() == [["✋ n° 1 : la prendre"], ["◀ Espace professionnels"]]
    await marie.do("press:✋ n° 1 : la prendre")
    assert marie.screen[0].text.startswith("✋ Vous avez pris la demande n° 1")
    await fatou.do("/staff")
    await fatou.do("press:Demandes des personnes")
    assert fatou.screen[0].text == "📥 Aucune demande ouverte pour votre rôle."  # help requests are not hers


async def test_the_person_reads_the_staff_members_display_name_and_role(assistant: Assistant, db: Database) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "mediator")
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    mediator = Staff("mediator", 1, "telegram:501")
    async with db.unit_of_work() as session:
        (await session.get(StaffMember, 1)).display_name = "Marie"  # type: ignore[union-attr]
        case = (await session.execute(select(Case))).scalar_one()
        assert await service.write(session, case, mediator, "Bonjour Amina.", NOW) == "sent"
    got = await chats.deliver()
    assert got[601][0].text.startswith("💬 Message de Marie, médiateur·rice en santé :\n\nBonjour Amina.")
    await amina.do("type:Bonjour")
    assert amina.screen[0].text.startswith("✉️ Transmis à Marie. Vous parlez avec une personne de l'équipe")


async def test_text_typed_just_after_closing_is_not_lost_nor_taken_for_an_answer(
    assistant: Assistant, db: Database
) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    coordinator = Staff("coordinator", 1, "telegram:501")
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        assert await service.write(session, case, coordinator, "Vous êtes née en quelle année ?", NOW) == "sent"
    await chats.deliver()  # Amina now talks with the coordinator
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        assert await service.close(session, case, coordinator, "helped", NOW) == "closed"

    await amina.do("type:1992")  # written before she saw the closing: not an answer, and she is told
    said = amina.screen[0].text
    assert said.startswith("Votre conversation avec l'équipe est close (demande n° 1) : votre message n'a pas")
    assert amina.screen[0].labels() == [
        ["🙋 Demander à nouveau à une personne"],
        ["▶️ Reprendre mon questionnaire"],
        ["☰ Menu"],
    ]
    async with db.unit_of_work() as session:
        conversation = (await session.execute(select(Conversation))).scalar_one()
        assert conversation.step_id == "born" and "born" not in conversation.answers
        lines = (await session.execute(select(CaseMessage.author))).scalars().all()
    assert lines == ["staff"]  # nothing was added to the closed case either
    await amina.do("press:Reprendre mon questionnaire")
    await amina.do("type:1992")  # from now on her text answers her questionnaire again
    assert "Combien de personnes composent votre foyer" in amina.screen[-1].text


async def test_after_closing_a_person_who_presses_a_button_answers_her_questionnaire(
    assistant: Assistant, db: Database
) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    coordinator = Staff("coordinator", 1, "telegram:501")
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        assert await service.write(session, case, coordinator, "Bonjour", NOW) == "sent"
    await chats.deliver()
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        assert await service.close(session, case, coordinator, "helped", NOW) == "closed"
    (closed,) = (await chats.deliver())[601]
    await amina.send("action", pressed(amina, closed, "Reprendre mon questionnaire"))
    await amina.do("type:1992")
    assert "Combien de personnes composent votre foyer" in amina.screen[-1].text


async def test_with_nobody_to_tell_the_request_is_kept_and_no_answer_time_promised(
    assistant: Assistant, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await talker(assistant, db, 503, "facilitator")  # facilitators do not handle help requests
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    said = amina.screen[0].text
    assert said.startswith("📨 C'est noté : votre demande n° 1 est envoyée à l'équipe.")
    assert "Pour l'instant, personne de l'équipe ne peut la recevoir ici" in said and "jours ouvrés" not in said
    assert "appelez l'Assurance Maladie au 3646" in said
    assert "En quelle année êtes-vous né·e ?" in amina.screen[-1].text
    async with db.unit_of_work() as session:
        assert (await session.execute(select(Case.kind))).scalars().all() == ["help"]
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning == "case 1 (help) opened but nobody was told: no active staff member of its roles uses the bot"


async def test_with_nobody_to_tell_my_requests_promise_no_answer_time_either(
    assistant: Assistant, db: Database
) -> None:
    """Told « nous ne pouvons pas vous promettre de réponse », the person opens 📨 Mes demandes: no date promised there
    either, and whom to phone; once a coordinator talks to the bot, the list gives the answer time again."""
    await talker(assistant, db, 503, "facilitator")  # facilitators do not handle help requests
    amina = await talker(assistant, db, 601)
    for step in [*FIRST_ANSWERS, "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui"]:
        await amina.do(step)
    await amina.do("/menu")
    await amina.do("press:Mes demandes")
    listed = amina.screen[0].text
    assert listed.startswith("📨 Vos demandes à l'équipe :\n\nn° 1 · demande d'aide sur une question")
    assert "réponse promise" not in listed, listed
    assert "Pour l'instant, personne de l'équipe ne peut la recevoir ici" in listed
    assert listed.endswith("Pour être aidé·e sans attendre, appelez l'Assurance Maladie au 3646."), listed

    await talker(assistant, db, 501, "coordinator")
    await amina.do("/menu")
    await amina.do("press:Mes demandes")
    listed = amina.screen[0].text
    assert "⏳ Reçue ; réponse promise d'ici le" in listed and "Pour l'instant" not in listed, listed


async def test_a_message_to_a_holder_revoked_since_puts_the_case_back_and_tells_the_coordinators(
    assistant: Assistant, db: Database
) -> None:
    """Marie's role is taken away from the command line, then Amina answers her: Paul hears of it at once."""
    chats, marie, amina = await help_taken(assistant, db)
    paul = await talker(assistant, db, 502, "coordinator")
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Quelle question vous pose souci ?")
    await chats.deliver()
    async with db.unit_of_work() as session:
        assert await revoke(session, 501, "alice", NOW)  # `faire-lien staff revoke 501`: no reminder pass yet

    await amina.do("type:La première")
    assert amina.screen[0].text.startswith("✉️ Transmis. Vous parlez avec une personne de l'équipe")
    got = await chats.deliver()
    assert 501 not in got
    (notice,) = got[paul.who.telegram_id]
    assert notice.text.startswith(
        "↩️ La demande n° 1 (demande d'aide sur une question, en français) revient dans les demandes à prendre : "
        "la personne qui la tenait n'a plus ce rôle dans l'équipe."
    )
    await paul.send("action", pressed(paul, notice, "Je la prends"))
    async with db.unit_of_work() as session:
        case = await session.get(Case, 1)
        assert case is not None and (case.status, case.holder) == ("claimed", "telegram:502")
