"""A session's results page before its surveys went out: it says so, and when they will, instead of empty charts."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from storage.surveys import invite
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person
from tests.web.console.conftest import Desk
from tests.web.console.results_scene import COORDINATOR, answered_session, paris


def words(page: str) -> str:
    """The page's text as read, tags left out."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def nothing_of_results(page: str) -> bool:
    """No figures, no chart, no download: nothing that reads as results."""
    return "Personnes invitées" not in page and 'role="img"' not in page and "results.csv" not in page


async def test_a_session_not_held_yet_says_when_its_poll_can_be_sent(desk: Desk) -> None:
    async with desk.db.unit_of_work() as session:
        meeting = await a_meeting(session)  # in two days, 11:00 to 13:00 in Paris
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = (await signed.get(f"/sessions/{meeting.id}/results")).text
    said = words(page)
    assert (
        "Ce questionnaire n'a pas encore été envoyé : il pourra l'être après la fin de la rencontre, le mardi" in said
    )
    assert "24 novembre 2026 à 13:00." in said
    assert nothing_of_results(page) and "Moins de 5 répondants" not in said
    await signed.post("/language", {"language": "en", "back": "/"})
    english = words((await signed.get(f"/sessions/{meeting.id}/results")).text)
    assert "This survey has not been sent yet: it can be sent once the session is over, on Tuesday" in english


async def test_a_held_session_whose_poll_was_never_sent_says_so_and_leads_to_sending_it(desk: Desk) -> None:
    async with desk.db.unit_of_work() as session:
        meeting = await a_meeting(session, paris(2026, 11, 3, 14))
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = (await signed.get(f"/sessions/{meeting.id}/results")).text
    assert "Ce questionnaire n'a pas encore été envoyé : il n'y a pas encore de résultats." in words(page)
    assert f'<a href="/sessions/{meeting.id}/poll">Envoyer l\'avis aux personnes présentes</a>' in html.unescape(page)
    assert nothing_of_results(page)


async def test_a_survey_waiting_in_the_outbox_says_when_it_goes_out(desk: Desk) -> None:
    """The hot evaluation answered by 6 shows its results; the impact survey, due three months later, says when."""
    meeting_id = await answered_session(desk.db, followed_by=None)
    async with desk.db.unit_of_work() as session:
        person = await a_person(session, 71_001)
        await invite(session, person.id, "impact_3m", meeting_id, NOW + timedelta(days=73), NOW)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = (await signed.get(f"/sessions/{meeting_id}/results")).text
    said = words(page)
    assert "Ce questionnaire n'a pas encore été envoyé : il partira le mercredi 3 février 2027 à 11:00." in said
    assert "results.csv?survey=hot_evaluation" in page and "results.csv?survey=impact_3m" not in page
    assert page.count('role="img"') == 4  # the hot evaluation's charts only


async def test_a_poll_queued_but_not_delivered_says_it_waits_in_the_send_queue(desk: Desk) -> None:
    """Sent a moment ago, the outbox not through yet: neither « not sent » nor results, but queued for 2 people."""
    async with desk.db.unit_of_work() as session:
        meeting = await a_meeting(session, paris(2026, 11, 3, 14))
        for telegram_id in (71_002, 71_003):
            person = await a_person(session, telegram_id)
            await invite(session, person.id, "hot_evaluation", meeting.id, NOW, NOW)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = (await signed.get(f"/sessions/{meeting.id}/results")).text
    said = words(page)
    assert (
        "Ce questionnaire est en file d'attente pour 2 personnes, envoi en cours : il ne leur a pas encore été "
        "remis, il n'y a pas encore de résultats." in said
    )
    assert "pas encore été envoyé" not in said and f'href="/sessions/{meeting.id}/poll"' not in page
    assert nothing_of_results(page)
    await signed.post("/language", {"language": "en", "back": "/"})
    english = words((await signed.get(f"/sessions/{meeting.id}/results")).text)
    assert "This questionnaire is queued for 2 people, sending now: it has not reached them yet" in english


async def test_a_poll_queued_within_quiet_hours_says_when_it_goes(desk: Desk) -> None:
    """Sent at 21:00: the send queue holds it until quiet hours end at 08:00, and the page says so."""
    night = paris(2026, 11, 22, 21)
    async with desk.db.unit_of_work() as session:
        meeting = await a_meeting(session, paris(2026, 11, 3, 14))
        person = await a_person(session, 71_004)
        await invite(session, person.id, "hot_evaluation", meeting.id, night, night)
    desk.clock.now = night
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    said = words((await signed.get(f"/sessions/{meeting.id}/results")).text)
    assert (
        "Ce questionnaire est en file d'attente pour 1 personne : heures calmes, il partira le lundi "
        "23 novembre 2026 à 08:00 ; il n'y a pas encore de résultats." in said
    )
