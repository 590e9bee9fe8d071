"""The buttons under the rights-check card: call-back request, renewal reminder, sessions, forged offers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cli.requests import list_requests
from dialogs.i18n import translator
from faire_lien.assistant import Assistant
from faire_lien.outbox.renderers.renewal_reminder import renewal_reminder
from storage.cases import cards_added
from storage.db import Database
from storage.models import AuditEntry, Case, Conversation, OutboxMessage, Response
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import talker as coworker
from tests.support.db import rows, set_aside_now
from tests.support.profiles import ALONE_ON_800, NO_SITUATION
from tests.support.records import a_meeting

START = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
# French national living here, born in 1992, alone, metropole, no benefit, 800 € a month, no maintenance, tenant.
PROFILE = ALONE_ON_800
HAS_C2S = ["press:Oui, la C2S", "type:31/05/2027"]


async def finish_check(talker: Talker, cover: list[str]) -> None:
    for step in [*START, *PROFILE, *cover, *NO_SITUATION]:
        await talker.do(step)


async def test_card_shows_the_outcome_why_and_the_offers(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    await finish_check(talker, HAS_C2S)
    card, menu = talker.screen
    assert "🟢 C2S gratuite : droit probable" in card.text
    assert "• Ressources du foyer sur 12 mois : 9\u202f600\xa0€." in card.text
    # 2026 ceilings are not in the table yet: the person is told plainly; the professional details are staff-only.
    assert "🟠 Les plafonds de ressources utilisés sont ceux du 1er avril 2025" in card.text
    assert "Pour les professionnels" not in card.text
    assert card.labels() == [
        ["📅 Réunion d'information"],
        ["🩺 Réserver l'examen de santé"],
        ["📞 Parler à un travailleur social"],
        ["⏰ Me rappeler le 31 mars 2027"],
    ]
    assert menu.text.startswith("Merci ! Vos réponses sont enregistrées.")


async def test_renewal_reminder_is_scheduled_once_and_can_be_cancelled(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    await finish_check(talker, HAS_C2S)
    await talker.do("press:Me rappeler")
    confirm = talker.screen[0]
    assert confirm.text == "⏰ C'est noté : je vous enverrai un rappel le 31 mars 2027 pour renouveler la C2S."
    (reminder,) = await rows(db, OutboxMessage)
    assert (reminder.kind, reminder.status, reminder.payload) == (
        "renewal_reminder",
        "pending",
        {"cover": "c2s", "end": "2027-05-31"},
    )
    assert reminder.due_at == datetime(2027, 3, 31, 7, 0, tzinfo=UTC)  # 9:00 in Paris (summer time)
    (response,) = await rows(db, Response)
    await talker.do(f"raw:offer:{response.id}:renewal")  # pressed again: still one reminder
    assert len(await rows(db, OutboxMessage)) == 1
    await talker.do("press:Annuler ce rappel")
    assert talker.screen[0].text.startswith("Le rappel est annulé.")
    assert [m.status for m in await rows(db, OutboxMessage)] == ["cancelled"]


async def test_call_back_request_is_stored_only_with_consent(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    await talker.do("press:📞 Parler")
    assert "Êtes-vous d'accord ?" in talker.screen[0].text
    await talker.do("press:Non")
    assert talker.screen[0].text == "D'accord : aucune demande n'a été envoyée."
    assert not any("Vos réponses sont enregistrées" in r.text for r in talker.screen)  # said before, for a « non »
    assert await rows(db, Case) == []
    await talker.do("press:Bilan")
    for step in [*PROFILE, "press:Non", *NO_SITUATION, "press:📞 Parler", "press:Oui", "press:Par téléphone"]:
        await talker.do(step)
    await talker.do("type:06 12 34")
    assert talker.screen[0].text.startswith("Écrivez un numéro de téléphone, par exemple : 06 12 34 56 78.")
    for step in ["type:06 12 34 56 78", "press:Le matin"]:
        await talker.do(step)
    assert talker.screen[0].text.startswith("✅ Votre demande de contact est enregistrée.")
    said = talker.screen[0].text  # nobody in the team uses the bot yet: no promise, whom to phone instead
    assert "Pour l'instant, personne de l'équipe ne peut la recevoir ici" in said and "jours ouvrés" not in said
    assert "Un travailleur social vous appellera" not in said
    assert "Pour être aidé·e sans attendre, appelez l'Assurance Maladie au 3646." in said
    assert "❌ Annuler ma demande" in str(talker.screen[0].labels())
    (request,) = await rows(db, Case)
    checks = [r for r in await rows(db, Response) if r.flow_id == "rights_check"]
    assert request.origin_response_id == checks[-1].id
    await talker.do(f"raw:offer:{checks[-1].id}:callback")
    assert talker.screen[0].text.startswith(
        "📨 Votre demande de contact n° 1 est déjà enregistrée.\n\nPour être aidé·e sans attendre, appelez"
    )

    lines = await list_requests(db.engine.url.render_as_string(hide_password=False), "marie", assistant.flows)
    # As the bot's and the console's lists: French, Paris time, the request's number, never the person's (before:
    # "#1 2026-11-22 10:00 UTC callback (fr) person 1: new; phone 0612345678, morning; after rights_check").
    assert lines[0] == "📥 1 demande ouverte :"
    assert lines[1].startswith(f"n° {request.id} · demande de rappel · français\n⏳ personne ne l'a prise · ")
    assert "réponse promise d'ici le " in lines[1]
    assert "Contact : Par téléphone" in lines[1] and "Téléphone : 06 12 34 56 78" in lines[1]
    assert "Moment préféré : Le matin" in lines[1] and "Suite au questionnaire « " in lines[1]
    assert f"person {request.person_id}" not in "\n".join(lines) and "UTC" not in "\n".join(lines)
    (audit,) = await rows(db, AuditEntry)
    assert (audit.actor, audit.action, audit.person_id) == ("marie", "read_case", request.person_id)

    await talker.do(f"raw:offer:{request.response_id}:uncallback")  # the person changes their mind
    assert talker.screen[0].text.startswith("Votre demande de contact est annulée")
    assert await list_requests(db.engine.url.render_as_string(hide_password=False), "marie", assistant.flows) == [
        "📥 Aucune demande ouverte pour votre rôle."
    ]
    await talker.do(f"raw:offer:{request.response_id}:uncallback")
    assert talker.screen[0].text.startswith("Il n'y a plus de demande de contact à annuler")


async def test_sessions_offer_opens_the_sessions_list(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    await talker.do("press:Réunion d'information")
    assert talker.screen[0].text.startswith("Aucune rencontre n'est encore publiée")


async def test_an_offer_for_someone_elses_check_is_refused(assistant: Assistant, db: Database) -> None:
    owner = Talker(assistant, db)
    await finish_check(owner, HAS_C2S)
    (response,) = await rows(db, Response)
    from storage.people import Identity

    other = Talker(assistant, db, who=Identity(telegram_id=777))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await other.do(step)
    await other.do(f"raw:offer:{response.id}:renewal")
    assert other.screen[0].text.startswith("Ce bouton n'est plus valide.")
    assert await rows(db, OutboxMessage) == []


async def test_the_renewal_reminder_names_the_caisse_the_card_named(assistant: Assistant, db: Database) -> None:
    """Alone in Saint-Barthélemy, holding the C2S until 31 May 2027: the reminder sent on 31 March 2027 says to ask
    « à la Caisse de prévoyance sociale de Saint-Barthélemy » (no ameli account, no CPAM there); in mainland France
    the reminder is the usual one."""
    talker = Talker(assistant, db)
    saint_barthelemy = [step if step != "press:métropolitaine" else "press:Saint-Barthélemy" for step in PROFILE]
    for step in [*START, *saint_barthelemy, *HAS_C2S, *NO_SITUATION]:
        await talker.do(step)
    await talker.do("press:Me rappeler")
    (reminder,) = await rows(db, OutboxMessage)
    assert reminder.payload == {"cover": "c2s", "end": "2027-05-31", "territory": "saint_barthelemy"}
    async with db.unit_of_work() as session:
        sent = await renewal_reminder(session, reminder, translator("fr"), reminder.due_at)
    assert sent is not None
    assert sent.text == (
        "⏰ Rappel : vos droits à la C2S prennent fin le 31 mai 2027. C'est le moment de demander leur renouvellement "
        "à la Caisse de prévoyance sociale de Saint-Barthélemy."
    )
    mainland = OutboxMessage(payload={"cover": "c2s", "end": "2027-05-31"})
    async with db.unit_of_work() as session:
        usual = await renewal_reminder(session, mainland, translator("fr"), reminder.due_at)
    assert usual is not None and usual.text.endswith("sur votre compte ameli ou à votre CPAM.")


async def test_no_checkup_date_yet_offers_the_other_sessions_and_a_call_back(
    assistant: Assistant, db: Database
) -> None:
    """Only an information meeting published: « 🩺 Réserver l'examen de santé » says no check-up date is published
    yet and offers the meetings published and a call-back, in the person's language (before: « Aucune rencontre
    n'est encore publiée dans ce service. Votre travailleur social peut vous renseigner. », false,
    with no call-back)."""
    async with db.unit_of_work() as session:
        await a_meeting(session, NOW + timedelta(days=9), title={"fr": "Réunion C2S"})
    talker = Talker(assistant, db)
    await finish_check(talker, HAS_C2S)
    await talker.do("press:Réserver l'examen")
    (screen,) = talker.screen
    assert screen.text == (
        "Aucune date n'est encore publiée pour « Examen de prévention en santé ».\nLes autres rencontres proposées :"
    )
    assert screen.labels() == [["Réunion d'information (1)"], ["📞 Parler à un travailleur social"], ["☰ Menu"]]
    await talker.do("press:Parler à un travailleur social")
    assert "Êtes-vous d'accord ?" in talker.screen[0].text
    (response,) = [r for r in await rows(db, Response) if r.flow_id == "rights_check"]
    await talker.do("raw:setlang:en")
    await talker.do(f"raw:offer:{response.id}:checkup")
    (screen,) = talker.screen
    assert screen.text.startswith("No date is published yet for “Preventive health check-up”.")
    assert screen.labels()[0] == ["Information meeting (1)"]
    await talker.do("press:Information meeting")
    assert talker.screen[0].text.startswith("📅 Information meeting")


async def test_no_date_of_a_kind_leads_to_the_kinds_published(assistant: Assistant, db: Database) -> None:
    """« ◀ Autres dates » of a kind with no date left, another kind published: the kinds published (before: « Aucune
    rencontre n'est encore publiée dans ce service. »)."""
    async with db.unit_of_work() as session:
        await a_meeting(session, NOW + timedelta(days=9), title={"fr": "Réunion C2S"})
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:mk:checkup"]:
        await talker.do(step)
    (screen,) = talker.screen
    assert screen.text.startswith("Aucune date n'est encore publiée pour « Examen de prévention en santé ».")
    assert screen.labels() == [["Réunion d'information (1)"], ["☰ Menu"]]


async def test_a_second_call_back_from_another_checks_card_adds_its_answers_to_the_open_one(
    assistant: Assistant, db: Database
) -> None:
    """One open call-back request, whichever card the 📞 is under: a second card's answers join it (both kept), and
    the person is told so (before: « déjà envoyée » alone, the second check's answers never reached the team)."""
    await coworker(assistant, db, 501, "coordinator")  # a coordinator uses the bot: a time is promised
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    for step in ["press:📞 Parler", "press:Oui", "press:Par message", "press:Le matin"]:
        await talker.do(step)
    assert talker.screen[0].text.startswith("✅ Votre demande de contact est enregistrée.")
    await talker.do("/menu")
    await talker.do("press:Bilan")
    for step in [*PROFILE, "press:Non", *NO_SITUATION]:
        await talker.do(step)
    await talker.do("press:📞 Parler")  # under the second check's card
    said = talker.screen[0]
    assert said.text.startswith("📨 Vos résultats sont ajoutés à votre demande de contact n° 1, que vous aviez déjà")
    assert "Vous pouvez la suivre ou l'annuler dans « 📨 Mes demandes »." in said.text
    assert ["📨 Mes demandes"] in said.labels()
    assert "Êtes-vous d'accord ?" not in said.text
    (request,) = await rows(db, Case)
    first, second = [r.id for r in await rows(db, Response) if r.flow_id == "rights_check"]
    assert (request.origin_response_id, [r for r, _ in cards_added(request)]) == (first, [second])

    await talker.do(f"raw:offer:{first}:callback")  # the first card's 📞 again: already there, nothing added
    assert talker.screen[0].text.startswith(
        "📨 Votre demande de contact n° 1 est déjà envoyée à l'équipe : réponse promise d'ici le "
    )
    (request,) = await rows(db, Case)
    assert [r for r, _ in cards_added(request)] == [second]


async def test_a_social_worker_can_be_asked_for_from_the_main_menu(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    assert ["📞 Parler à un travailleur social"] in talker.screen[0].labels()
    await talker.do("press:📞 Parler à un travailleur social")  # no questionnaire first
    assert "vous contacter. Êtes-vous d'accord ?" in talker.screen[0].text
    for step in ["press:Oui", "press:Par message", "press:L'après-midi"]:
        await talker.do(step)
    assert talker.screen[0].text.startswith("✅ Votre demande de contact est enregistrée.")
    (request,) = await rows(db, Case)
    assert (request.kind, request.origin_response_id, request.status) == ("callback", None, "new")
    await talker.do("/menu")
    await talker.do("press:📞 Parler à un travailleur social")  # one open request of a kind: the one already sent
    assert talker.screen[0].text.startswith("📨 Votre demande de contact n° 1 est déjà enregistrée.")
    assert len(await rows(db, Case)) == 1
    await talker.do(f"raw:offer:{request.response_id}:uncallback")
    assert talker.screen[0].text.startswith("Votre demande de contact est annulée")


async def test_asking_for_a_social_worker_during_a_questionnaire_asks_which_to_do(
    assistant: Assistant, db: Database
) -> None:
    """Someone who paused their rights check presses 📞 in the menu: they read that it is in progress and what
    starting the request costs, then choose (they were shown the check's next question, silently)."""
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité", "/cancel"]:
        await talker.do(step)
    await talker.do("press:📞 Parler à un travailleur social")
    (question,) = talker.screen
    assert question.text.startswith("Vous êtes en train de répondre à « Bilan"), question.text
    assert "« Reprendre » garde vos réponses ; commencer « Demande de contact » les efface." in question.text
    labels = [label for row in question.labels() for label in row]
    assert labels[0].startswith("Reprendre « Bilan") and labels[1].startswith("Commencer « ")
    await talker.do(f"press:{labels[0]}")  # resume: the check where it was, nothing lost
    assert "Depuis combien de temps vivez-vous en France" in talker.screen[-1].text
    await talker.do("/menu")
    await talker.do("press:📞 Parler à un travailleur social")
    await talker.do(f"press:{labels[1]}")  # the request in its place
    assert "vous contacter. Êtes-vous d'accord ?" in talker.screen[0].text
    for step in ["press:Oui", "press:Par message", "press:L'après-midi"]:
        await talker.do(step)
    assert talker.screen[0].text.startswith("✅ Votre demande de contact est enregistrée.")
    (request,) = await rows(db, Case)
    assert (request.kind, request.origin_response_id) == ("callback", None)


async def test_a_cards_call_back_during_another_questionnaire_keeps_the_card_once_chosen(
    assistant: Assistant, db: Database
) -> None:
    """A finished check's card, then a new check begun: the old card's 📞 asks first, and the request started in its
    place still follows that card."""
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    (card,) = await rows(db, Response)
    await talker.do("/menu")
    await talker.do("press:Bilan")
    await talker.do("press:Nationalité")
    await talker.do(f"raw:offer:{card.id}:callback")
    (question,) = talker.screen
    assert "commencer « Demande de contact » les efface" in question.text
    start = [b.action for row in question.buttons for b in row][1]
    assert start == f"ofn:callback:{card.id}:{await set_aside_now(db)}"
    await talker.send("action", start)
    assert "vous contacter. Êtes-vous d'accord ?" in talker.screen[0].text
    for step in ["press:Oui", "press:Par message", "press:L'après-midi"]:
        await talker.do(step)
    (request,) = await rows(db, Case)
    assert request.origin_response_id == card.id


async def test_an_old_start_of_a_call_back_over_another_questionnaire_asks_again(
    assistant: Assistant, db: Database
) -> None:
    """The card's 📞 asked over a rights check, which the person resumed, then set aside for a screening grid: the
    old « Commencer » of the request now names the grid and erases nothing; chosen again, the request begins."""
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    (card,) = await rows(db, Response)
    for step in ["/menu", "press:Bilan", "press:Nationalité", f"raw:offer:{card.id}:callback"]:
        await talker.do(step)
    old_start = talker.action("Commencer")
    await talker.do("press:Reprendre")
    grid_over_check = f"raw:new:epices:{await set_aside_now(db)}"
    for step in [grid_over_check, "press:Oui"]:  # the grid, begun in place of the rights check
        await talker.do(step)
    assert "Questionnaire EPICES · question 2" in talker.screen[-1].text
    await talker.send("action", old_start)
    (question,) = talker.screen
    assert question.text == (
        "Vous êtes en train de répondre à « Questionnaire EPICES ». "
        "« Reprendre » garde vos réponses ; commencer « Demande de contact » les efface."
    )
    assert question.labels() == [["Reprendre « Questionnaire EPICES »"], ["Commencer « Demande de contact »"]]
    (conversation,) = await rows(db, Conversation)
    assert conversation.flow_id == "epices" and conversation.answers  # nothing erased
    await talker.do("press:Reprendre")
    assert "Questionnaire EPICES · question 2" in talker.screen[-1].text
    for old in [f"ofn:callback:{card.id}", f"ofn:callback:{card.id}:epices"]:  # drawn before this form: refused
        await talker.send("action", old)
        assert talker.screen[-1].text.startswith("Ce bouton n'est plus valide. Voici où vous en êtes.")
    assert "Questionnaire EPICES · question 2" in talker.screen[-1].text
    await talker.send("action", old_start)
    await talker.do("press:Commencer")  # chosen now, over the grid it names
    assert "vous contacter. Êtes-vous d'accord ?" in talker.screen[0].text
