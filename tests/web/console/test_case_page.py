"""A case page: what the person shared, the check, the conversation; Take, Write, Close; refusals; the audit rows."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from faire_lien.cases.limits import MAX_TEXT
from faire_lien.jobs.retention import run_purge
from storage.models import Answer, OutboxMessage, Person
from tests.conftest import NOW
from tests.web.console.cases_scene import (
    PHONE,
    a_card_added,
    a_case,
    case_audit,
    name_staff,
    the_person_writes,
    words,
)
from tests.web.console.conftest import Desk


async def test_the_case_page_shows_what_the_person_shared_and_is_audited(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback", language="ar")
    signed = await desk.sign_in(8201, "mediator")
    page = await signed.get(f"/inbox/{opened.case_id}")
    assert page.status_code == 200
    text = words(page)
    assert f"Demande n° {opened.case_id} : Demande de rappel" in text
    assert "Demande de contact Accord pour être contacté·e Oui Contact Par téléphone" in text
    assert "Téléphone 06 12 34 56 78 Moment préféré Le matin" in text  # stored 0612345678: grouped by pairs
    assert "<td><bdi>06 12 34 56 78</bdi></td>" in page.text and PHONE not in page.text
    assert "Réponses au questionnaire « Bilan de droits santé »" in text
    assert "Situation en France Titre de séjour ou récépissé" in text and "Personnes dans le foyer 2" in text
    assert "العربية" in text and "Personne n'a encore écrit." in text
    assert "Prendre la demande" in text and "Nouvelle : personne ne l'a prise" in text
    assert await case_audit(desk.db) == [
        ("telegram:8201", "read_case", opened.person_id, {"case": opened.case_id, "via": "console"})
    ]


async def test_help_and_undelivered_cases_say_what_they_are_about(desk: Desk) -> None:
    helped = await a_case(desk.db, "help", number=1, context={"flow": "rights_check", "step": "household_size"})
    failed = await a_case(desk.db, "undelivered", number=2, context={"message": 31, "kind": "seat_offered"})
    signed = await desk.sign_in(8211, "coordinator")
    help_page = words(await signed.get(f"/inbox/{helped.case_id}"))
    assert "sur cette question du questionnaire « Bilan de droits santé »" in help_page
    assert "Combien de personnes composent votre foyer, vous compris ?" in help_page
    assert "Cette demande ne suit aucun bilan." in help_page
    failed_page = words(await signed.get(f"/inbox/{failed.case_id}"))
    assert "Le bot n'a pas pu lui remettre un message : Place proposée (message n° 31)." in failed_page
    assert "Voir les messages non remis" in failed_page


async def test_a_case_of_another_roles_kind_or_missing_is_not_found(desk: Desk) -> None:
    meeting = await a_case(desk.db, "facilitator", number=1)
    callback = await a_case(desk.db, "callback", number=2)
    mediator = await desk.sign_in(8221, "mediator")
    facilitator = await desk.sign_in(8222, "facilitator")
    for signed, case_id in ((mediator, meeting.case_id), (facilitator, callback.case_id), (mediator, 999)):
        assert (await signed.get(f"/inbox/{case_id}")).status_code == 404
        for action, form in (("take", {}), ("write", {"text": "Bonjour"}), ("close", {"outcome": "helped"})):
            refused = await signed.post(f"/inbox/{case_id}/{action}", form)
            assert refused.status_code == 404 and "Cette page n'existe pas" in refused.text
    assert await case_audit(desk.db) == []  # nothing was read, taken, written or closed


async def test_without_a_session_or_csrf_token_nothing_happens(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback")
    browser = desk.browser()
    assert (await browser.get(f"/inbox/{opened.case_id}")).status_code == 403
    assert (await browser.post(f"/inbox/{opened.case_id}/take")).status_code == 403
    signed = await desk.sign_in(8231, "mediator")
    for action, form in (("take", {}), ("write", {"text": "Bonjour"}), ("close", {"outcome": "helped"})):
        refused = await signed.client.post(f"/inbox/{opened.case_id}/{action}", data=form)
        assert refused.status_code == 403 and "jeton de sécurité" in refused.text
    page = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert "Nouvelle : personne ne l'a prise" in page and "Personne n'a encore écrit." in page


async def test_two_staff_take_the_same_case_one_gets_it(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback")
    first = await desk.sign_in(8241, "mediator")
    second = await desk.sign_in(8242, "mediator")
    await name_staff(desk.db, 8241, "Samira")
    taken = await first.post(f"/inbox/{opened.case_id}/take")
    assert taken.status_code == 303 and taken.headers["location"] == f"/inbox/{opened.case_id}"
    late = await second.post(f"/inbox/{opened.case_id}/take", follow_redirects=True)
    late_page = words(late)
    assert f"Samira a déjà pris la demande n° {opened.case_id}." in late_page
    assert "Prise par Samira," in late_page and "Prendre la demande" not in late_page
    assert "Envoyer le message" not in late_page  # only the holder writes
    assert "Samira a pris cette demande et est seul·e à pouvoir écrire à la personne." in late_page
    mine = words(await first.get(f"/inbox/{opened.case_id}"))
    assert "Prise par Samira (vous)" in mine and "Envoyer le message" in mine
    again = words(await first.post(f"/inbox/{opened.case_id}/take", follow_redirects=True))
    assert f"Vous aviez déjà pris la demande n° {opened.case_id}." in again
    taking = [row for row in await case_audit(desk.db) if row[1] == "take_case"]
    assert taking == [("telegram:8241", "take_case", opened.person_id, {"case": opened.case_id})]


async def test_writing_to_the_person_and_reading_their_answer(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback")
    signed = await desk.sign_in(8251, "mediator")
    await name_staff(desk.db, 8251, "Samira")
    sent = await signed.post(f"/inbox/{opened.case_id}/write", {"text": "  Bonjour, je vous appelle demain.  "})
    assert sent.status_code == 303  # writing to a case nobody held takes it
    page = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert "Message envoyé : le bot le transmet à la personne dans Telegram." in page
    assert "Samira , 22/11/2026 11:00 Bonjour, je vous appelle demain." in page
    assert "En attente de la personne" in page
    async with desk.db.unit_of_work() as session:
        queued = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "case_message"))).scalars()
        assert [message.person_id for message in queued] == [opened.person_id]

    await the_person_writes(desk.db, opened.case_id, "Merci, plutôt après 10 h.", NOW.replace(hour=11))
    answered = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert "La personne , 22/11/2026 12:00 Merci, plutôt après 10 h." in answered
    assert answered.index("Bonjour, je vous appelle") < answered.index("Merci, plutôt")
    assert "Prise en charge" in answered
    actions = [row[1] for row in await case_audit(desk.db)]
    assert actions == ["take_case", "write_case", "read_case", "read_case"]


async def test_a_message_written_within_quiet_hours_says_when_it_goes(desk: Desk) -> None:
    """At 21:00, to someone who has not written for an hour: held until 08:00, or until they write, and said so (in
    English too); once they wrote, the next one goes at once."""
    opened = await a_case(desk.db, "callback")
    desk.clock.now = datetime(2026, 11, 22, 21, tzinfo=ZoneInfo("Europe/Paris"))  # quiet hours: 20:00 to 08:00
    signed = await desk.sign_in(8256, "coordinator")
    await signed.post(f"/inbox/{opened.case_id}/write", {"text": "Bonjour, je vous appelle demain."})
    page = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert (
        "Message enregistré : heures calmes, le bot le transmettra à la personne le lundi 23 novembre 2026 à 08:00, "
        "ou dès qu'elle écrira." in page
    )
    assert "Message envoyé" not in page
    await signed.post("/language", {"language": "en", "back": "/"})
    await signed.post(f"/inbox/{opened.case_id}/write", {"text": "Or tonight if you prefer."})
    english = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert (
        "Message saved: quiet hours, the bot will pass it on to the person on Monday, November 23, 2026 at 8:00 AM, "
        "or as soon as they write." in english
    )

    await the_person_writes(desk.db, opened.case_id, "Ce soir, c'est possible ?", desk.clock.now)
    await signed.post("/language", {"language": "fr", "back": "/"})
    await signed.post(f"/inbox/{opened.case_id}/write", {"text": "Oui, je vous appelle."})
    assert "Message envoyé : le bot le transmet à la personne dans Telegram." in words(
        await signed.get(f"/inbox/{opened.case_id}")
    )
    async with desk.db.unit_of_work() as session:
        queued = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "case_message"))).scalars()
        assert [message.payload["urgent"] for message in queued] == [True, True, True]  # the held ones go now


async def test_refused_messages_say_why_and_keep_what_was_typed(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback")
    holder = await desk.sign_in(8261, "mediator")
    other = await desk.sign_in(8262, "mediator")
    await name_staff(desk.db, 8261, "Samira")

    empty = await holder.post(f"/inbox/{opened.case_id}/write", {"text": "   "})
    assert empty.status_code == 422 and "Votre message est vide" in words(empty)
    long_text = "a" * (MAX_TEXT + 1)
    too_long = await holder.post(f"/inbox/{opened.case_id}/write", {"text": long_text})
    assert too_long.status_code == 422
    longest = f"{MAX_TEXT:,}".replace(",", " ")  # grouped as French writes numbers (a narrow no-break space)
    typed = f"{MAX_TEXT + 1:,}".replace(",", " ")
    assert f"Votre message est trop long : {typed} caractères, {longest} au plus" in words(too_long)
    assert long_text in too_long.text  # still in the text box

    await holder.post(f"/inbox/{opened.case_id}/take")
    typed = "Je prends le relais <b>aussi</b>"
    refused = await other.post(f"/inbox/{opened.case_id}/write", {"text": typed})
    assert refused.status_code == 409
    assert "Samira a pris cette demande et est seul·e à pouvoir écrire à la personne." in words(refused)
    assert "Votre message n'a pas été envoyé." in words(refused)
    assert html.escape(typed, quote=False) in refused.text and typed not in refused.text  # kept, escaped
    assert "Votre message, non envoyé (pour le copier)" in words(refused)

    await holder.post(f"/inbox/{opened.case_id}/close", {"outcome": "not_needed"})
    closed = await holder.post(f"/inbox/{opened.case_id}/write", {"text": "Encore une chose"})
    assert closed.status_code == 409 and "Cette demande est close : votre message n'a pas été envoyé." in words(closed)
    assert "Votre message, non envoyé (pour le copier)" in words(closed) and "Encore une chose" in closed.text
    assert [row[1] for row in await case_audit(desk.db) if row[1] == "write_case"] == []


async def test_closing_with_an_outcome(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback", number=1)
    other_case = await a_case(desk.db, "callback", number=2)
    holder = await desk.sign_in(8271, "mediator")
    other = await desk.sign_in(8272, "mediator")
    coordinator = await desk.sign_in(8273, "coordinator")
    await name_staff(desk.db, 8271, "Samira")
    await holder.post(f"/inbox/{opened.case_id}/take")
    await holder.post(f"/inbox/{other_case.case_id}/take")

    unknown = await holder.post(f"/inbox/{opened.case_id}/close", {"outcome": "withdrawn"})  # not a staff outcome
    assert unknown.status_code == 422 and "Choisissez une issue dans la liste." in words(unknown)
    not_holder = await other.post(f"/inbox/{opened.case_id}/close", {"outcome": "helped"})
    assert not_holder.status_code == 409
    assert "elle ne peut être close que par Samira ou par une coordinatrice" in words(not_holder)

    closed = await holder.post(f"/inbox/{opened.case_id}/close", {"outcome": "referred"}, follow_redirects=True)
    page = words(closed)
    assert f"Demande n° {opened.case_id} close : orientée vers le bon service." in page
    assert "État Close : orientée vers le bon service" in page and "Clore la demande" not in page
    again = words(await holder.post(f"/inbox/{opened.case_id}/close", {"outcome": "helped"}, follow_redirects=True))
    assert f"La demande n° {opened.case_id} est close." in again

    by_coordinator = await coordinator.post(f"/inbox/{other_case.case_id}/close", {"outcome": "unreachable"})
    assert by_coordinator.status_code == 303  # a coordinator may close a colleague's case
    closing = [row for row in await case_audit(desk.db) if row[1] == "close_case"]
    assert closing == [
        ("telegram:8271", "close_case", opened.person_id, {"case": opened.case_id, "outcome": "referred"}),
        (
            "telegram:8273",
            "close_case",
            other_case.person_id,
            {"case": other_case.case_id, "outcome": "unreachable", "holder": 8271, "holder_told": False},
        ),  # Samira signed in to the console but never wrote to the bot: she cannot be told in Telegram
    ]
    journal = words(await coordinator.get("/team/audit"))
    assert (
        f"a clos la demande n° {other_case.case_id} (personne n° {other_case.person_id}), que tenait Samira "
        "(médiation) : personne injoignable. Samira (médiation) n'a pas pu en être prévenu·e dans Telegram."
    ) in journal
    assert f"Samira (médiation) a clos la demande n° {opened.case_id} (personne n° {opened.person_id}) : " in journal
    assert f"Samira (médiation) a pris la demande n° {opened.case_id}" in journal


async def test_a_pasted_nul_character_is_dropped_and_the_message_sent_on_postgresql(pg_desk: Desk) -> None:
    opened = await a_case(pg_desk.db, "callback")
    signed = await pg_desk.sign_in(8291, "mediator")
    sent = await signed.post(f"/inbox/{opened.case_id}/write", {"text": "Bonjour,\x00 je vous appelle demain."})
    assert sent.status_code == 303
    page = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert "Message envoyé" in page and "Bonjour, je vous appelle demain." in page


async def test_a_case_whose_person_blocked_the_bot_says_so(desk: Desk) -> None:
    """The person blocked the bot: the case page says since when and that nothing written reaches them; while
    it is not blocked, no such line."""
    failed = await a_case(desk.db, "undelivered", number=3, context={"message": 32, "kind": "seat_offered"})
    signed = await desk.sign_in(8212, "coordinator")
    assert "A bloqué le bot" not in words(await signed.get(f"/inbox/{failed.case_id}"))
    async with desk.db.unit_of_work() as session:
        person = await session.get(Person, failed.person_id)
        assert person is not None
        person.blocked_at = NOW
    page = words(await signed.get(f"/inbox/{failed.case_id}"))
    assert "Telegram A bloqué le bot le " in page
    assert "rien de ce que vous écrivez ne lui parvient." in page


RLO, PDF = "\u202e", "\u202c"
"""Right-to-left override and its end: typed in a name or a message, they would reverse the rest of the line."""


async def test_an_override_in_a_name_or_a_message_stays_inside_it(desk: Desk) -> None:
    """A staff name and a person's message carrying U+202E: each is shown in its own <bdi>, the override closed
    inside it, so « (vous) » and the page's words after them read in their order."""
    opened = await a_case(desk.db, "callback")
    signed = await desk.sign_in(8291, "mediator")
    await name_staff(desk.db, 8291, f"Sa{RLO}mira")
    await signed.post(f"/inbox/{opened.case_id}/take")
    await the_person_writes(desk.db, opened.case_id, f"oui {RLO}je viens", NOW)
    page = (await signed.get(f"/inbox/{opened.case_id}")).text
    assert f"<dd><bdi>Sa{RLO}mira{PDF}</bdi> (vous)" in page
    assert f"<strong><bdi>Sa{RLO}mira{PDF}</bdi></strong>" not in page  # the person wrote, not Samira
    assert f"<bdi>oui {RLO}je viens{PDF}</bdi></p>" in page
    assert f"<span><bdi>Sa{RLO}mira{PDF}</bdi> · médiation</span>" in page


async def test_the_flash_naming_the_holder_keeps_an_override_inside_the_name(desk: Desk) -> None:
    """A colleague taking a case Sa‮mira already holds reads « ⁨Sa‮mira‬⁩ a déjà pris la demande n° … »: the name
    between FSI and PDI, its override closed right after it, the sentence after it in its order."""
    opened = await a_case(desk.db, "callback")
    first = await desk.sign_in(8293, "mediator")
    second = await desk.sign_in(8294, "mediator")
    await name_staff(desk.db, 8293, f"Sa{RLO}mira")
    await first.post(f"/inbox/{opened.case_id}/take")
    late = await second.post(f"/inbox/{opened.case_id}/take", follow_redirects=True)
    flash = f"\u2068Sa{RLO}mira{PDF}\u2069 a déjà pris la demande n° {opened.case_id}."
    assert f'<p class="flash" role="status">{flash}</p>' in html.unescape(late.text)


async def test_a_closed_case_reads_in_english_typography(desk: Desk) -> None:
    """In English the state and the outcome of a closed request are joined as English writes it ("Closed: …"), not
    with the French space before the colon."""
    opened = await a_case(desk.db, "callback")
    signed = await desk.sign_in(8231, "coordinator")
    await signed.post(f"/inbox/{opened.case_id}/take")
    await signed.post(f"/inbox/{opened.case_id}/close", {"outcome": "helped"})
    await signed.post("/language", {"language": "en", "back": "/"})
    text = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert "Status Closed: the person was helped" in text, text
    await signed.post("/language", {"language": "fr", "back": "/"})
    assert "État Close : la personne a été aidée" in words(await signed.get(f"/inbox/{opened.case_id}"))


async def test_a_phone_number_from_abroad_or_not_french_is_shown_as_french_people_read_it_or_as_typed(
    desk: Desk,
) -> None:
    french = await a_case(desk.db, "callback", number=1)
    german = await a_case(desk.db, "callback", number=2)
    async with desk.db.unit_of_work() as session:
        for opened, typed in ((french, "+33612345678"), (german, "+4915112345678")):
            stored = await session.execute(
                select(Answer).where(Answer.person_id == opened.person_id, Answer.step_id == "phone")
            )
            stored.scalar_one().value = typed
    signed = await desk.sign_in(8202, "mediator")
    assert "Téléphone +33 6 12 34 56 78 Moment" in words(await signed.get(f"/inbox/{french.case_id}"))
    assert "Téléphone +4915112345678 Moment" in words(await signed.get(f"/inbox/{german.case_id}"))
    async with desk.db.unit_of_work() as session:
        kept = await session.execute(select(Answer.value).where(Answer.step_id == "phone").order_by(Answer.id))
        assert list(kept.scalars()) == ["+33612345678", "+4915112345678"]  # the page changes nothing stored


async def test_a_cards_answers_added_to_an_open_request_are_shown_latest_first_with_a_line(desk: Desk) -> None:
    """The person pressed a second card's 📞 while their request was open: both cards' answers, the latest first,
    and the conversation says when they were added."""
    opened = await a_case(desk.db, "callback")
    await the_person_writes(desk.db, opened.case_id, "Je suis joignable le matin.", NOW + timedelta(minutes=30))
    later = {"residence": "french", "household_size": 4}
    await a_card_added(desk.db, opened.case_id, "rights_check", later, NOW + timedelta(hours=1))
    signed = await desk.sign_in(8291, "mediator")
    page = words(await signed.get(f"/inbox/{opened.case_id}"))
    added = "Réponses au questionnaire « Bilan de droits santé », ajoutées par la personne le 22/11/2026 12:00"
    assert added in page and "Personnes dans le foyer 4" in page
    first = "Réponses au questionnaire « Bilan de droits santé » Situation en France Titre de séjour"
    assert page.index(added) < page.index(first) < page.index("Conversation")  # latest first, both kept
    assert page.index("Personnes dans le foyer 4") < page.index("Personnes dans le foyer 2")
    line = (
        "Le service , 22/11/2026 12:00 Elle a ajouté à sa demande ses réponses au questionnaire "
        "« Bilan de droits santé »."
    )
    assert line in page
    assert page.index("Je suis joignable le matin.") < page.index(line)


async def test_a_request_following_no_check_shows_the_card_added_since(desk: Desk) -> None:
    """A request that followed no check (as one asked from the main menu), then a card's 📞: the page shows that
    card's answers, not « Cette demande ne suit aucun bilan »."""
    opened = await a_case(desk.db, "help", number=3, context={"flow": "rights_check", "step": "household_size"})
    await a_card_added(desk.db, opened.case_id, "rights_check", {"household_size": 3}, NOW + timedelta(hours=2))
    signed = await desk.sign_in(8292, "coordinator")
    page = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert "Personnes dans le foyer 3" in page and "Cette demande ne suit aucun bilan." not in page
    assert "ajoutées par la personne le 22/11/2026 13:00" in page


async def test_a_card_made_anonymous_by_retention_is_no_longer_shown_on_the_request(desk: Desk) -> None:
    """An old check added to a recent request: once retention made its answers anonymous, the request no longer leads
    to them (as for the check a request was made from)."""
    opened = await a_case(desk.db, "callback")
    old = NOW - timedelta(days=800)
    await a_card_added(desk.db, opened.case_id, "rights_check", {"household_size": 5}, old)
    signed = await desk.sign_in(8293, "coordinator")
    assert "Personnes dans le foyer 5" in words(await signed.get(f"/inbox/{opened.case_id}"))
    await run_purge(desk.db.url, 24, desk.db)
    page = words(await signed.get(f"/inbox/{opened.case_id}"))
    assert "Personnes dans le foyer 5" not in page and "ajoutées par la personne" not in page
    assert "ses réponses au questionnaire" not in page
