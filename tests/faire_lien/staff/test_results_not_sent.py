"""A session's results in /staff before its poll went out: it says so, and when it will, instead of empty figures."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import AuditEntry
from storage.people import Identity
from storage.surveys import invite
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows
from tests.support.records import a_meeting, a_person
from tests.support.surveys import surveyed_session

COORDINATOR = 1
HELD = datetime(2026, 11, 3, 14, tzinfo=ZoneInfo("Europe/Paris"))
"""A session held on 3 November 2026, 14:00 to 16:00 in Paris."""
FIGURES = "invité"
START = {"fr": ["/start", "press:Français", "press:J'accepte"], "en": ["/start", "press:English", "press:I agree"]}


async def results(assistant: Assistant, db: Database, meeting_id: int, language: str = "fr") -> Talker:
    """A coordinator who opened the session's results (as « 📊 Résultats de l'avis » does)."""
    await make_staff(db, COORDINATOR, "coordinator")
    talker = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in [*START[language], f"raw:res:{meeting_id}"]:
        await talker.do(step)
    return talker


async def test_a_session_not_over_says_when_its_poll_can_be_sent(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session)).id  # in two days, 11:00 to 13:00 in Paris
    talker = await results(assistant, db, meeting_id)
    (shown,) = talker.screen
    assert shown.text.splitlines()[1] == (
        "L'avis n'a pas encore été envoyé : il pourra l'être après la fin de la rencontre, "
        "à 13:00 (mardi 24 novembre 2026)."
    )
    assert FIGURES not in shown.text and shown.document is None
    assert shown.labels() == [["◀ Inscriptions"], ["◀ Rencontres"]]
    assert [a.action for a in await rows(db, AuditEntry)] == ["grant_role", "read_survey_results"]  # no chart sent


async def test_in_english_too(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session)).id
    (shown,) = (await results(assistant, db, meeting_id, "en")).screen
    assert shown.text.splitlines()[1] == (
        "The poll has not been sent yet: it can be sent once the session is over, "
        "on Tuesday, November 24, 2026 at 1:00\u202fPM."
    )
    assert shown.labels() == [["◀ Registrations"], ["◀ Sessions"]]


async def test_a_held_session_whose_poll_was_never_sent_says_so_and_offers_to_send_it(
    assistant: Assistant, db: Database
) -> None:
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session, HELD)).id
    talker = await results(assistant, db, meeting_id)
    (shown,) = talker.screen
    assert shown.text.splitlines()[1] == "L'avis n'a pas encore été envoyé : il n'y a pas encore de résultats."
    assert FIGURES not in shown.text and shown.document is None
    assert shown.labels() == [["📨 Envoyer l'avis aux présents"], ["◀ Inscriptions"], ["◀ Rencontres"]]


async def test_a_poll_waiting_in_the_outbox_says_when_it_goes_out(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session, HELD)).id
        person = await a_person(session, 71_001)
        await invite(session, person.id, "hot_evaluation", meeting_id, NOW + timedelta(days=1), NOW)
    talker = await results(assistant, db, meeting_id)
    (shown,) = talker.screen
    assert (
        shown.text.splitlines()[1] == "L'avis n'a pas encore été envoyé : il partira à 11:00 (lundi 23 novembre 2026)."
    )
    assert shown.labels() == [["◀ Inscriptions"], ["◀ Rencontres"]]


async def test_a_poll_sent_shows_its_results(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting_id = await surveyed_session(session, HELD, [{"overall": 5}, {"overall": 4}], invited=3)
    talker = await results(assistant, db, meeting_id)
    (shown,) = talker.screen
    assert "pas encore été envoyé" not in shown.text
    assert "moins de 5 répondants n'est pas comptée" in shown.text
