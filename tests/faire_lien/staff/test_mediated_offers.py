"""The offers of a card a mediator answered for someone: done for that person, audited, then the staff menu."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dialogs.bidi import visible
from dialogs.bilingual import BUTTON, Bilingual
from dialogs.i18n import available_languages, translator
from dialogs.reply import MAX_TEXT
from dialogs.results.blocks import Card, OfferButton
from dialogs.results.grid import OFFER_LABELS as GRID_OFFERS
from dialogs.results.rights import OFFER_LABELS as RIGHTS_OFFERS
from dialogs.steps.yesno import NO
from faire_lien import routes
from faire_lien.assistant import Assistant
from faire_lien.core.runner import card_replies
from faire_lien.person.offers import CANCEL_CALLBACK
from faire_lien.sessions.screens import ALREADY as ALREADY_YOU
from faire_lien.staff.on_behalf import (
    ASK_REGISTER_YOU,
    FULL_YOU,
    NO_MESSAGES_YOU,
    PICK_DATE_YOU,
    REGISTER_YES,
    REGISTERED_YOU,
)
from storage.db import Database
from storage.models import (
    Answer,
    AuditEntry,
    Case,
    Meeting,
    OutboxMessage,
    Person,
    Registration,
    Response,
    SurveyInvitation,
)
from storage.outbox import NO_CHAT
from storage.people import Identity
from storage.surveys import invite
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.bilingual import paired
from tests.support.db import rows
from tests.support.records import a_meeting

MEDIATOR = 31
STAFF_MENU = "Espace professionnels :"
STALE = "Ce bouton n'est plus valide."
# The rights check of someone living alone on 790 € a month (nobody out of work) who owns their home with a loan: all
# three offers.
# A number presses the first button of that row of the last message; a pair, that row and column.
RIGHTS_CHECK: list[str | int | tuple[int, int]] = [
    0, 0, "type:1985", "type:1", 0, 8, 9, 0, "type:790", 5, 6, (0, 1), 2, 0, 6, 7,
]  # fmt: skip


async def a_mediator(assistant: Assistant, db: Database, telegram_id: int = MEDIATOR, role: str = "mediator") -> Talker:
    """A staff member who chose French and agreed, with a staff role."""
    talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    await make_staff(db, telegram_id, role)
    return talker


async def answer(talker: Talker, steps: list[str | int | tuple[int, int]]) -> None:
    """Typed steps as the golden driver does them; numbers press buttons by position (labels change with length)."""
    for step in steps:
        if isinstance(step, str):
            await talker.do(step)
            continue
        row, column = (step, 0) if isinstance(step, int) else step
        await talker.send("action", talker.screen[-1].buttons[row][column].action)


async def mediated_check(talker: Talker, language: str = "ar") -> int:
    """A rights check run in mediated mode to its card; the card's response number."""
    for step in ["/staff", "press:dans sa langue"]:
        await talker.do(step)
    await talker.send("action", routes.MEDIATED_START.data(language, "rights_check"))
    await answer(talker, RIGHTS_CHECK)
    (response,) = await rows(talker.db, Response)
    return response.id


async def the_person(db: Database) -> Person:
    """The person the mediator was with: no Telegram account."""
    (person,) = [p for p in await rows(db, Person) if p.telegram_id is None]
    return person


async def published(db: Database, **fields: object) -> Meeting:
    async with db.unit_of_work() as session:
        return await a_meeting(session, NOW + timedelta(days=9), **fields)


async def test_the_card_offers_register_the_person_not_the_mediator(assistant: Assistant, db: Database) -> None:
    meeting = await published(db, title={"fr": "Réunion C2S", "ar": "اجتماع C2S"})
    await published(db, title={"fr": "Complète"}, capacity=2, taken=2, place="CCAS Poitiers")
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_check(mediator)
    card, staff_menu = mediator.screen[-2:]
    assert staff_menu.text == STAFF_MENU
    offers = [b.action for row in card.buttons for b in row]
    assert offers == [routes.ON_BEHALF_OFFER.data(response_id, k) for k in ("session", "checkup", "callback")]
    assert all(len(b.label) <= BUTTON for row in card.buttons for b in row)
    assert "📅 Réunion d'information" in card.text  # shortened buttons are written out in both languages

    await mediator.do("press:📅")
    dates = mediator.screen[0]
    assert "Quelle date vous convient ?" in dates.text
    assert "Réunion C2S" not in dates.text and "اجتماع C2S" in dates.text  # the title in the person's language
    assert "mardi 1er décembre 2026, 11:00–13:00" in dates.text  # the day and time also in the mediator's
    assert "CCAS Poitiers" not in dates.text  # a full date: no waiting list for someone without a chat
    await mediator.do("press:CPAM Poitiers")
    assert "Voulez-vous vous inscrire à cette rencontre ?" in mediator.screen[0].text
    assert await rows(db, Registration) == []  # nothing before the person agreed
    await mediator.do("press:✅")

    person = await the_person(db)
    (registration,) = await rows(db, Registration)
    assert (registration.person_id, registration.meeting_id) == (person.id, meeting.id)
    assert registration.status == "registered"
    confirmation, *menu = mediator.screen
    assert "C'est noté, vous êtes inscrit·e." in confirmation.text
    assert registration.code is not None and registration.code in confirmation.text
    assert "ni rappel ni message" in confirmation.text
    assert menu[0].text == STAFF_MENU  # the mediator is back in the staff menu, not in the person's
    (audit,) = [a for a in await rows(db, AuditEntry) if a.action == "act_on_behalf"]
    assert (audit.actor, audit.person_id) == (f"telegram:{MEDIATOR}", person.id)
    assert audit.detail == {
        "offer": "session",
        "consent": "asked",
        "response": response_id,
        "meeting": meeting.id,
        "registration": registration.id,
    }
    # The reminders have nowhere to go: kept cancelled, never sent to anyone (the mediator's chat included).
    reminders = await rows(db, OutboxMessage)
    assert {(m.person_id, m.kind, m.status, m.last_error) for m in reminders} == {
        (person.id, "meeting_confirm", "cancelled", NO_CHAT),
        (person.id, "meeting_details", "cancelled", NO_CHAT),
    }

    await mediator.send("action", routes.ON_BEHALF_REGISTER.data(response_id, meeting.id, "yes"))
    assert "Vous êtes déjà inscrit·e à cette rencontre." in mediator.screen[0].text
    assert len(await rows(db, Registration)) == 1


async def test_the_call_back_is_asked_for_the_person(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_check(mediator, "en")
    await mediator.do("press:📞")
    question = mediator.screen[0]
    assert "will be able to read your answers and call you." in question.text  # read out in English
    assert "🇫🇷 Un travailleur social du service pourra lire vos réponses et vous appeler." in (question.text)
    assert "Par message, ici" not in str(question.labels())  # the person has no chat: by phone only
    await answer(mediator, [(0, 0), "type:06 12 34 56 78", 0])

    person = await the_person(db)
    (request,) = await rows(db, Case)
    assert (request.person_id, request.origin_response_id, request.status) == (person.id, response_id, "new")
    given = {a.given_by for a in await rows(db, Answer) if a.response_id == request.response_id}
    assert given == {(await mediator_row(db)).id}  # answered by the mediator, for the person
    card, menu = mediator.screen[-2:]
    assert "A social worker will call you on the number you gave." in card.text
    assert menu.text == STAFF_MENU
    (audit,) = [a for a in await rows(db, AuditEntry) if a.action == "act_on_behalf"]
    assert (audit.actor, audit.person_id, audit.detail) == (
        f"telegram:{MEDIATOR}",
        person.id,
        {"offer": "callback", "consent": "asked", "response": response_id, "request": request.response_id},
    )

    await mediator.send("action", routes.ON_BEHALF_OFFER.data(response_id, "callback"))
    assert mediator.screen[0].text.startswith("📨 Your contact request No. 1 has already been sent to the team")
    assert mediator.screen[-1].text == STAFF_MENU
    await mediator.send("action", routes.ON_BEHALF_OFFER.data(request.response_id, "uncallback"))
    assert (await rows(db, Case))[0].outcome == "withdrawn"
    assert mediator.screen[-1].text == STAFF_MENU


async def test_a_refused_call_back_stores_no_request(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediated_check(mediator, "en")
    await mediator.do("press:📞")
    await answer(mediator, [(0, 1)])
    assert await rows(db, Case) == []
    assert [a for a in await rows(db, AuditEntry) if a.action == "act_on_behalf"] == []
    assert mediator.screen[-1].text == STAFF_MENU


@pytest.mark.parametrize(("who", "role"), [(40, None), (41, "facilitator"), (42, "mediator")])
async def test_anyone_but_that_mediator_finds_the_offers_no_longer_valid(
    assistant: Assistant, db: Database, who: int, role: str | None
) -> None:
    meeting = await published(db)
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_check(mediator)
    other = Talker(assistant, db, who=Identity(telegram_id=who))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await other.do(step)
    if role is not None:
        await make_staff(db, who, role)
    forged = [
        routes.ON_BEHALF_OFFER.data(response_id, "session"),
        routes.ON_BEHALF_OFFER.data(response_id, "callback"),
        routes.ON_BEHALF_REGISTER.data(response_id, meeting.id, "yes"),
        routes.OFFER.data(response_id, "session"),
    ]
    for data in forged:
        await other.send("action", data)
        assert other.screen[0].text.startswith(STALE), data
    assert await rows(db, Registration) == []
    assert await rows(db, Case) == []


async def test_a_full_date_taken_meanwhile_puts_nobody_on_the_waiting_list(assistant: Assistant, db: Database) -> None:
    meeting = await published(db, capacity=1)
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_check(mediator)
    async with db.unit_of_work() as session:
        (await session.get(Meeting, meeting.id)).taken = 1  # type: ignore[union-attr]
    await mediator.send("action", routes.ON_BEHALF_REGISTER.data(response_id, meeting.id, "yes"))
    assert "Cette date est complète." in mediator.screen[0].text
    assert [r.status for r in await rows(db, Registration)] == ["cancelled"]
    assert mediator.screen[-1].text == STAFF_MENU  # no other date: back to the staff menu


async def test_a_poll_to_someone_without_a_chat_is_not_sent(assistant: Assistant, db: Database) -> None:
    meeting = await published(db)
    mediator = await a_mediator(assistant, db)
    await mediated_check(mediator)
    person = await the_person(db)
    async with db.unit_of_work() as session:
        invitation = await invite(session, person.id, "hot_evaluation", meeting.id, NOW, NOW)
        assert invitation is not None
    (found,) = await rows(db, SurveyInvitation)
    assert found.status == "unreachable"  # the facilitator sees it; nothing queued for anyone
    assert {m.status for m in await rows(db, OutboxMessage)} == {"cancelled"}


STAFF_LANGUAGES = ("fr", "en")
ON_BEHALF_LABELS = [*RIGHTS_OFFERS.values(), *GRID_OFFERS.values(), CANCEL_CALLBACK]


@pytest.mark.parametrize("staff", STAFF_LANGUAGES)
@pytest.mark.parametrize("language", available_languages())
def test_every_bilingual_offer_button_fits_a_phone(staff: str, language: str) -> None:
    t = Bilingual(language, staff)
    offers = tuple(OfferButton("session", label) for label in ON_BEHALF_LABELS)
    (reply,) = card_replies(Card(["🩺"], offers), t, 7, on_behalf=True)
    labels = [button.label for row in reply.buttons for button in row]
    assert len(labels) == len(ON_BEHALF_LABELS)
    assert all(visible(label) <= BUTTON for label in labels), [label for label in labels if visible(label) > BUTTON]
    for offer, label in zip(offers, labels, strict=True):
        full = t(offer.label)
        assert label == full or full in reply.text  # shortened: written out in full above


def test_a_label_too_long_for_both_languages_keeps_the_persons() -> None:
    both = Bilingual("ar", "fr")
    full = both(RIGHTS_OFFERS["callback"])
    assert full == "\u200f\u2067📞 التحدث مع أخصائي اجتماعي\u2069 · \u2066📞 Parler à un travailleur social\u2069"
    assert both.button(full) == ("\u200f📞 التحدث مع أخصائي اجتماعي", full)
    english = Bilingual("ar", "en")  # an English-speaking mediator reads English under the person's language
    assert english(RIGHTS_OFFERS["callback"]).endswith(" · \u2066📞 Talk to a social worker\u2069")
    assert english(ASK_REGISTER_YOU).endswith("\n🇬🇧 Do you want to register for this session?")


async def mediator_row(db: Database) -> Person:
    (person,) = [p for p in await rows(db, Person) if p.telegram_id == MEDIATOR]
    return person


@pytest.mark.parametrize("language", ["fa", "uk", "ar", "ru"])
async def test_a_long_bilingual_card_is_cut_between_paragraphs(
    assistant: Assistant, db: Database, language: str
) -> None:
    """Too long for one message, the card is cut before a section: never between a line and its French, nor after a
    section's title."""
    mediator = await a_mediator(assistant, db)
    await mediated_check(mediator, language)
    *card, staff_menu = mediator.screen
    assert len(card) > 1 and staff_menu.text == STAFF_MENU
    assert all(len(m.text.encode("utf-16-le")) // 2 <= MAX_TEXT for m in card)  # glossary notes included
    for message in card[1:]:
        assert not message.text.startswith("🇫🇷"), message.text[:80]  # the French of the line ending the message before
        assert message.text.startswith(("\u200f", "🔒", "📖", "🩺", "🟢", "📅")), message.text[:80]
    for message in card[:-1]:
        assert "🔒" not in message.text.split("\n")[-1]  # « 🔒 Pour les professionnels » goes with what it heads


@pytest.mark.parametrize("language", ["uk", "ar", "fa", "tr"])
async def test_the_person_is_asked_whether_they_want_a_seat_in_their_language(
    assistant: Assistant, db: Database, language: str
) -> None:
    """In mediated mode the person reads « Voulez-vous vous inscrire ? » in their language, not « La personne… »."""
    await published(db, title={"fr": "Réunion C2S"})
    mediator = await a_mediator(assistant, db)
    await mediated_check(mediator, language)
    await mediator.do("press:📅")
    await mediator.do("press:CPAM Poitiers")
    (asked,) = mediator.screen
    theirs = translator(language)
    assert f"\n\n{theirs(ASK_REGISTER_YOU)}\n🇫🇷 Voulez-vous vous inscrire à cette rencontre ?" in asked.text
    assert "La personne" not in asked.text and "accepte" not in asked.text
    (yes,), (no,) = asked.labels()
    both = paired(theirs(REGISTER_YES), "✅ Oui, je m'inscris", language)
    assert yes == both or (yes == theirs(REGISTER_YES) and asked.text.endswith(f"\n\n{both}"))  # too long: written out
    assert no == paired(theirs(NO), "Non", language)
    await mediator.send("action", asked.buttons[0][0].action)
    assert "C'est noté, vous êtes inscrit·e." in mediator.screen[0].text
    assert len(await rows(db, Registration)) == 1


@pytest.mark.parametrize("language", ["uk", "ar", "fa", "tr"])
async def test_every_screen_of_a_seat_speaks_to_the_person_in_their_language(
    assistant: Assistant, db: Database, language: str
) -> None:
    """In mediated mode the person reads « Quelle date vous convient ? », « Vous êtes inscrit·e », « gardez bien la
    date… » in their language (French under it), not « Quelle date convient à la personne ? » and « Donnez-lui… »."""
    meeting = await published(db, title={"fr": "Réunion C2S"})
    full = await published(db, title={"fr": "Complète"}, capacity=2, taken=2, place="CCAS Poitiers")
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_check(mediator, language)
    theirs = translator(language)
    await mediator.do("press:📅")
    (dates,) = mediator.screen
    assert dates.text.startswith(f"{theirs(PICK_DATE_YOU)}\n🇫🇷 Quelle date vous convient ?\n")
    await mediator.send("action", routes.ON_BEHALF_REGISTER.data(response_id, meeting.id, "yes"))
    confirmation = mediator.screen[0].text
    assert confirmation.startswith(f"{theirs(REGISTERED_YOU)}\n🇫🇷 ✅ C'est noté, vous êtes inscrit·e.\n")
    assert confirmation.endswith(
        f"{theirs(NO_MESSAGES_YOU)}\n🇫🇷 Sans compte Telegram, vous ne recevrez ni rappel ni message du service : "
        "gardez bien la date, l'adresse et le code d'inscription."
    )
    await mediator.send("action", routes.ON_BEHALF_REGISTER.data(response_id, meeting.id, "yes"))
    assert mediator.screen[0].text.startswith(
        f"{theirs(ALREADY_YOU)}\n🇫🇷 Vous êtes déjà inscrit·e à cette rencontre.\n"
    )
    await mediator.send("action", routes.ON_BEHALF_REGISTER.data(response_id, full.id, "yes"))
    assert mediator.screen[0].text == (
        f"{theirs(FULL_YOU)}\n🇫🇷 Cette date est complète. Sans Telegram, vous ne pourriez pas être prévenu·e si une "
        "place se libérait : choisissez une autre date."
    )
    said = "\n".join(reply.text for reply in mediator.screen)
    assert "personne" not in said.replace("personnes", "")  # « La personne… », « Donnez-lui… » nowhere


async def test_text_typed_while_choosing_a_questionnaire_keeps_the_mediator_on_that_screen(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    for step in ["/staff", "press:dans sa langue", "press:العربية"]:
        await mediator.do(step)
    assert mediator.screen[-1].text.startswith("Quel questionnaire faire ensemble ?")
    start = mediator.screen[-1].buttons[0][0].action
    (said,) = await mediator.do("type:elle ne parle que l'arabe")
    assert said.text.startswith("Ce message n'est lu par personne ici : choisissez une option avec les boutons")
    assert said.labels() == [["☰ Menu"]]  # not the person's main menu in place of the staff screen
    first = await mediator.send("action", start)  # the questionnaire chosen after the text: the person's consent first
    assert first[-1].text.endswith("Acceptez-vous que vos réponses soient enregistrées ?")
