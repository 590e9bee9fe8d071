"""One request read in the bot's staff inbox: what the person chose to share, as the console's page shows it, in
the staff member's language, within Telegram's length, each read audited and nothing of it logged."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import update

from dialogs.reply import units
from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Person
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import talker
from tests.web.console.cases_scene import PHONE, a_card_added, a_case, case_audit

TELEGRAM_LIMIT = 4096
"""Telegram's longest message, in UTF-16 units."""
SHARED_FR = (
    "📋 Ce que la personne a choisi de partager :\n"
    "Demande de contact\n"
    "• Accord pour être contacté·e : Oui\n"
    "• Contact : Par téléphone\n"
    "• Téléphone : 06 12 34 56 78\n"
    "• Moment préféré : Le matin\n"
    "\n"
    "🧾 Le bilan qui a mené à la demande :\n"
    "Réponses au questionnaire « Bilan de droits santé », ajoutées par la personne le dim. 22 novembre 12:00 :\n"
    "• Personnes dans le foyer : 4\n"
    "\n"
    "Réponses au questionnaire « Bilan de droits santé » :\n"
    "• Situation en France : Titre de séjour ou récépissé\n"
    "• Personnes dans le foyer : 2\n"
    "• En couple : Oui"
)


async def english_staff(assistant: Assistant, db: Database, telegram_id: int) -> Talker:
    """A coordinator who chose English for the bot."""
    await make_staff(db, telegram_id, "coordinator")
    member = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    for step in ("/start", "press:English", "press:I agree"):
        await member.do(step)
    return member


async def test_taking_a_request_shows_what_the_person_shared_and_the_checks_it_follows(
    assistant: Assistant, db: Database
) -> None:
    """The call-back's answers (the phone grouped by pairs), the card added since, the check it was made from: the
    console's page, line for line; the take and the read each leave an audit row."""
    marie = await talker(assistant, db, 501, "coordinator")
    opened = await a_case(db, "callback", language="ar")
    await a_card_added(db, opened.case_id, "rights_check", {"household_size": 4}, NOW + timedelta(hours=1))

    (shown,) = await marie.send("action", routes.CASE_TAKE.data(opened.case_id))
    head = (
        "✋ Vous avez pris la demande n° 1 (demande de rappel, en arabe). Réponse promise d'ici le mer. "
        "25 novembre 08:00."
    )
    assert shown.text == f"{head}\n\n{SHARED_FR}"
    assert shown.labels() == [
        ["✍️ Écrire à la personne"],
        ["✅ Clore la demande"],
        ["🖥 Ouvrir dans la console"],
        ["◀ Espace professionnels"],
    ]
    audit = await case_audit(db)
    assert [(actor, action) for actor, action, _, _ in audit] == [
        ("telegram:501", "take_case"),
        ("telegram:501", "read_case"),
    ]
    assert audit[-1][2:] == (opened.person_id, {"case": opened.case_id, "via": "bot"})


async def test_a_colleague_pressing_see_reads_the_same_details_and_the_read_is_audited(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, 501, "coordinator")
    paul = await talker(assistant, db, 502, "coordinator")
    opened = await a_case(db, "callback")
    await a_card_added(db, opened.case_id, "rights_check", {"household_size": 4}, NOW + timedelta(hours=1))
    await marie.send("action", routes.CASE_TAKE.data(opened.case_id))

    await paul.do("/staff")
    await paul.do("press:Demandes des personnes")
    (shown,) = await paul.do("press:n° 1 : voir")
    assert shown.text == f"La demande n° 1 est déjà prise par Telegram 501.\n\n{SHARED_FR}"
    reads = [(actor, detail) for actor, action, _, detail in await case_audit(db) if action == "read_case"]
    assert reads[-1] == ("telegram:502", {"case": opened.case_id, "via": "bot"})


async def test_a_staff_member_reading_in_english_reads_the_details_in_english(
    assistant: Assistant, db: Database
) -> None:
    john = await english_staff(assistant, db, 503)
    opened = await a_case(db, "callback", language="ar")
    await a_card_added(db, opened.case_id, "rights_check", {"household_size": 4}, NOW + timedelta(hours=1))

    (shown,) = await john.send("action", routes.CASE_TAKE.data(opened.case_id))
    _, details = shown.text.split("\n\n", 1)
    assert details == (
        "📋 What the person chose to share:\n"
        "Contact request\n"
        "• Agree to be contacted: Yes\n"
        "• Contact: By phone\n"
        "• Phone: 06 12 34 56 78\n"
        "• Preferred time: In the morning\n"
        "\n"
        "🧾 The check that led to the request:\n"
        "Answers to the questionnaire “Health rights check”, added by the person on Sun, November 22 12:00\u202fPM:\n"
        "• People in the household: 4\n"
        "\n"
        "Answers to the questionnaire “Health rights check”:\n"
        "• Situation in France: Residence permit or receipt\n"
        "• People in the household: 2\n"
        "• Living as a couple: Yes"
    )
    assert shown.labels()[0] == ["✍️ Write to the person"]


async def test_an_arabic_reading_staff_member_reads_every_line_right_to_left_the_phone_number_kept_whole(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, 501, "coordinator")
    async with db.unit_of_work() as session:  # Marie chose Arabic since
        await session.execute(update(Person).where(Person.telegram_id == 501).values(language="ar"))
    opened = await a_case(db, "callback")

    (shown,) = await marie.send("action", routes.CASE_TAKE.data(opened.case_id))
    lines = [line for line in shown.text.split("\n") if line]
    assert all(line.startswith("\u200f") for line in lines)  # a right-to-left mark opens each line
    assert "\u200f📋 ما اختار الشخص مشاركته:" in lines
    assert "\u200f• \u2068\u200fالهاتف\u2069: \u206806 12 34 56 78\u2069" in lines  # the number in its own isolate
    assert "\u200f🧾 التقييم الذي أدى إلى الطلب:" in lines


async def test_help_and_undelivered_requests_say_what_they_are_about(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, 501, "coordinator")
    helped = await a_case(db, "help", number=1, context={"flow": "rights_check", "step": "household_size"})
    failed = await a_case(db, "undelivered", number=2, context={"message": 31, "kind": "seat_offered"})
    menu = await a_case(db, "callback", number=3)

    (help_shown,) = await marie.send("action", routes.CASE_TAKE.data(helped.case_id))
    assert help_shown.text.split("\n\n", 1)[1] == (
        "📋 Ce que la personne a choisi de partager :\n"
        "Elle a demandé l'aide d'une personne sur cette question du questionnaire « Bilan de droits santé » :\n"
        "Combien de personnes composent votre foyer, vous compris ?\n"
        "\n"
        "🧾 Le bilan qui a mené à la demande :\n"
        "Cette demande ne suit aucun bilan."
    )
    (failed_shown,) = await marie.send("action", routes.CASE_TAKE.data(failed.case_id))
    assert "Le bot n'a pas pu lui remettre un message : Place proposée (message n° 31)." in failed_shown.text
    assert "Rien d'autre que sa demande." not in failed_shown.text
    (menu_shown,) = await marie.send("action", routes.CASE_TAKE.data(menu.case_id))
    assert "• Téléphone : 06 12 34 56 78" in menu_shown.text


async def test_a_request_longer_than_a_telegram_message_comes_in_several_with_the_buttons_under_the_last(
    assistant: Assistant, db: Database
) -> None:
    """Forty cards added to one request: every answer is read, in messages Telegram takes, none cut mid-line."""
    marie = await talker(assistant, db, 501, "coordinator")
    opened = await a_case(db, "callback")
    for n in range(40):
        answers = {"residence": "permit", "household_size": n + 1, "couple": True}
        await a_card_added(db, opened.case_id, "rights_check", answers, NOW + timedelta(minutes=n))

    shown = await marie.send("action", routes.CASE_TAKE.data(opened.case_id))
    assert len(shown) >= 2
    assert all(units(reply.text) <= TELEGRAM_LIMIT for reply in shown)
    assert [reply.buttons == () for reply in shown] == [True] * (len(shown) - 1) + [False]
    assert shown[-1].labels()[0] == ["✍️ Écrire à la personne"]
    text = "\n".join(reply.text for reply in shown)
    assert text.count("ajoutées par la personne le") == 40
    assert all(f"• Personnes dans le foyer : {n + 1}\n" in text for n in range(40))
    assert all(line.startswith(("•", "Réponses", "📋", "🧾", "✋", "Demande")) for line in text.split("\n") if line)


async def test_reading_a_request_logs_nothing_the_person_shared(
    assistant: Assistant, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    marie = await talker(assistant, db, 501, "coordinator")
    opened = await a_case(db, "callback")
    caplog.set_level(logging.DEBUG)
    (shown,) = await marie.send("action", routes.CASE_TAKE.data(opened.case_id))
    assert "06 12 34 56 78" in shown.text
    for secret in (PHONE, "06 12 34 56 78", "Le matin"):
        assert secret not in caplog.text
