"""Someone new arriving by a poster's link or a staff invitation lands there once they chose a language and agreed."""

from __future__ import annotations

from sqlalchemy import func, select

from dialogs.i18n import available_languages
from faire_lien.assistant import Assistant
from faire_lien.core.contacts import Contacts
from storage.db import Database
from storage.models import Conversation, Response
from storage.people import Identity, find_person
from storage.staff import invite, role_of
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person
from tests.support.records import a_meeting


def text(person: Person) -> str:
    return "\n".join(reply.text for reply in person.screen)


async def a_session(db: Database) -> int:
    async with db.unit_of_work() as session:
        return (await a_meeting(session)).id


async def test_a_poster_link_survives_language_and_consent(assistant: Assistant, db: Database) -> None:
    meeting = await a_session(db)
    newcomer = Person(assistant, db, who=Identity(telegram_id=8101), language_hint="ar")
    await newcomer.do(f"/start s_{meeting}")
    await newcomer.do("press:English")
    assert "Do you agree to have your answers saved?" in text(newcomer)
    await newcomer.do("press:Learn more")  # reading the details keeps the link too
    await newcomer.do("press:I agree")
    assert "C2S meeting" in text(newcomer) and "CPAM Poitiers" in text(newcomer)
    await newcomer.do("press:Register")
    assert "registered" in text(newcomer).lower()


async def test_an_invitation_link_makes_a_new_facilitator_staff(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        code = (await invite(session, "facilitator", "test", NOW)).code
    newcomer = Person(assistant, db, who=Identity(telegram_id=8102))
    await newcomer.do(f"/start inv_{code}")
    await newcomer.do("press:Français")
    await newcomer.do("press:J'accepte")
    async with db.unit_of_work() as session:
        assert await role_of(session, 8102) == "facilitator"
    await newcomer.do("/staff")
    assert "Je ne connais pas cette commande" not in text(newcomer)


async def test_refusing_then_following_a_link_asks_consent_there(assistant: Assistant, db: Database) -> None:
    meeting = await a_session(db)
    person = Person(assistant, db, who=Identity(telegram_id=8103))
    for step in ["/start", "press:Français", "press:Je refuse"]:
        await person.do(step)
    await person.do(f"/start s_{meeting}")
    assert "Acceptez-vous que vos réponses soient enregistrées ?" in text(person)
    await person.do("press:J'accepte")
    assert "Réunion C2S" in text(person)


async def test_a_broken_link_is_not_carried_and_said_gone(assistant: Assistant, db: Database) -> None:
    newcomer = Person(assistant, db, who=Identity(telegram_id=8104))
    await newcomer.do("/start s_99999999999999999999")
    assert all("9999" not in button.action for reply in newcomer.screen for row in reply.buttons for button in row)
    await newcomer.do("press:Français")
    await newcomer.do("press:J'accepte")
    assert "Cette rencontre n'est plus proposée." in text(newcomer) and "Que voulez-vous faire ?" in text(newcomer)


async def test_without_consent_sessions_can_be_read_and_registering_asks_for_it(
    assistant: Assistant, db: Database
) -> None:
    await a_session(db)
    person = Person(assistant, db, who=Identity(telegram_id=8105))
    for step in ["/start", "press:Français", "press:Je refuse", "press:📅 Rencontres"]:
        await person.do(step)
    assert "Choisissez une date" in text(person)
    await person.do("press:places libres")
    assert "CPAM Poitiers" in text(person)
    await person.do("press:M'inscrire")
    assert "Acceptez-vous que vos réponses soient enregistrées ?" in text(person)
    await person.do("press:J'accepte")
    await person.do("press:M'inscrire")
    assert "inscrit" in text(person)


async def test_an_anonymous_rights_check_stores_nothing(assistant: Assistant, db: Database) -> None:
    person = Person(assistant, db, who=Identity(telegram_id=8106))
    for step in ["/start", "press:Français", "press:Je refuse", "press:Bilan de droits anonyme"]:
        await person.do(step)
    assert "rien de ce que vous répondez n'est enregistré" in text(person)
    for step in ["press:Nationalité", "press:Plus de 3 mois", "type:1961"]:
        await person.do(step)
    assert "Combien de personnes" in text(person) or "couple" in text(person)
    async with db.unit_of_work() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 0
        assert await session.scalar(select(func.count()).select_from(Response)) == 0
    await person.do("press:◀ Retour")  # the engine's own navigation works in memory too
    assert "né·e" in text(person)
    stale = Person(assistant, db, who=Identity(telegram_id=8106))
    stale.screen = person.screen
    assistant.anonymous.forget(person_id=await person_id(db, 8106))  # as another worker, or after a restart
    await stale.do("press:◀ Retour")
    assert "Votre bilan anonyme a été oublié" in text(stale)
    assert "Bilan de droits anonyme" in str([r.labels() for r in stale.screen])  # and can start again


async def person_id(db: Database, telegram_id: int) -> int:
    async with db.unit_of_work() as session:
        found = await find_person(session, Identity(telegram_id=telegram_id))
        assert found is not None
        return found.id


async def test_information_pages_without_consent_show_the_configured_contacts(db: Database) -> None:
    contacts = Contacts("3646", "CCAS de Poitiers", "05 49 41 91 91")
    assistant = Assistant({}, available_languages(), clock=lambda: NOW, contacts=contacts)
    person = Person(assistant, db, who=Identity(telegram_id=8107))
    for step in ["/start", "press:Français", "press:Je refuse", "press:Informations sur la couverture", "press:AME"]:
        await person.do(step)
    page = text(person)
    assert "aide médicale de l'État" in page and "3646" in page and "CCAS de Poitiers, 05 49 41 91 91" in page
    await person.do("press:Soins urgents")
    assert "PASS" in text(person) and "15" in text(person)


async def test_privacy_names_the_configured_data_controller(db: Database) -> None:
    contacts = Contacts(data_controller="CCAS de Poitiers", data_contact="dpo@example.org")
    assistant = Assistant({}, available_languages(), clock=lambda: NOW, contacts=contacts)
    person = Person(assistant, db, who=Identity(telegram_id=8108))
    await person.do("/privacy")
    assert "Responsable du traitement : CCAS de Poitiers. Pour toute question sur vos données : dpo@example.org." in (
        text(person)
    )
