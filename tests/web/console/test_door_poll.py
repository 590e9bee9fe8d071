"""The satisfaction poll of a session (/sessions/{id}/poll): not before the end, never twice, followed by counts."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.models import OutboxMessage, SurveyInvitation
from tests.support.db import rows
from tests.web.console.conftest import Desk, SignedIn
from tests.web.console.door import a_session, seen

ANNE, BRUNO, MEDIATOR = 7201, 7202, 7203


def count(page: str, step: str) -> int:
    """The number shown on one line of the follow-up table."""
    found = re.search(rf'<th scope="row">{step}</th><td>(\d+)</td>', page)
    assert found is not None, step
    return int(found.group(1))


async def mark_present(signed: SignedIn, meeting_id: int, registrations: list[int]) -> None:
    form = {f"att-{number}": "present" for number in registrations}
    assert (await signed.post(f"/sessions/{meeting_id}/roster/marks", form)).status_code == 303


async def test_the_poll_cannot_be_sent_before_the_session_ends(desk: Desk) -> None:
    booked = await a_session(desk.db, facilitator=ANNE)
    desk.clock.advance(hours=2)
    signed = await desk.sign_in(ANNE, "facilitator")
    await mark_present(signed, booked.meeting_id, [number for number, _ in booked.registered])
    desk.clock.advance(hours=2, minutes=59)  # 15:59 in Paris: the session ends at 16:00
    signed = await desk.sign_in(ANNE, "facilitator")  # a new sign-in: the console signs out after 30 idle minutes
    page = await signed.get(f"/sessions/{booked.meeting_id}/poll")
    assert page.status_code == 200
    assert "L'avis pourra être envoyé après la fin de la rencontre, à 16:00 (dimanche 22 novembre 2026)." in seen(page)
    assert "Envoyer l'avis de satisfaction" not in seen(page)
    refused = await signed.post(f"/sessions/{booked.meeting_id}/poll")
    assert refused.status_code == 409
    assert "L'avis ne peut être envoyé qu'après la fin de la rencontre : à 16:00" in seen(refused)
    assert [i for i in await rows(desk.db, SurveyInvitation) if i.flow_id == "hot_evaluation"] == []


async def test_send_once_then_follow_up_counts(desk: Desk) -> None:
    booked = await a_session(desk.db, registered=4, waiting=1, facilitator=ANNE)
    desk.clock.advance(hours=2)
    signed = await desk.sign_in(ANNE, "facilitator")
    present = [number for number, _ in booked.registered[:3]]
    await mark_present(signed, booked.meeting_id, present)
    desk.clock.advance(hours=3)  # 16:00 in Paris: the session has ended
    signed = await desk.sign_in(ANNE, "facilitator")  # a new sign-in: the console signs out after 30 idle minutes
    page = await signed.get(f"/sessions/{booked.meeting_id}/poll")
    assert "Questionnaire envoyé : Votre avis sur la rencontre, l'évaluation à chaud" in seen(page)
    assert "hot_evaluation" not in seen(page)  # the survey in words, not its internal id
    assert "3 personnes sont marquées présentes." in seen(page)
    assert count(seen(page), "Personnes invitées") == 0
    sent = await signed.post(f"/sessions/{booked.meeting_id}/poll")
    assert sent.status_code == 303 and sent.headers["location"] == f"/sessions/{booked.meeting_id}/poll"
    page = await signed.get(sent.headers["location"])
    assert "Avis mis en file d'attente pour 3 personnes présentes, envoi en cours." in seen(page)
    assert "Déjà 3 personnes invitées." in seen(page)
    # Queued, not delivered yet: the table does not count them as sent.
    assert (count(seen(page), "En attente d'envoi"), count(seen(page), "Message remis")) == (3, 0)
    again = await signed.post(f"/sessions/{booked.meeting_id}/poll")
    page = await signed.get(again.headers["location"])
    assert "Déjà 3 personnes invitées : personne de plus à inviter." in seen(page)
    hot = [i for i in await rows(desk.db, SurveyInvitation) if i.flow_id == "hot_evaluation"]
    assert len(hot) == 3
    queued = [m for m in await rows(desk.db, OutboxMessage) if m.kind == "survey_invite" and m.due_at == desk.clock.now]
    assert len(queued) == 3

    async with desk.db.unit_of_work() as session:
        for invitation, status in zip(hot, ("sent", "answered", "unreachable"), strict=True):
            (await session.get(SurveyInvitation, invitation.id)).status = status  # type: ignore[union-attr]
    page = seen(await signed.get(f"/sessions/{booked.meeting_id}/poll"))
    # Answers in whole groups of 5, as results count them: the first answer is not seen arriving.
    assert (count(page, "Personnes invitées"), count(page, "Message remis")) == (3, 2)
    assert '<th scope="row">Répondants (arrondi par groupes de 5)</th><td>moins de 5</td>' in page
    assert (count(page, "Injoignables"), count(page, "En attente d'envoi")) == (1, 0)
    assert count(page, "Envoi incertain") == 0

    late = booked.registered[3][0]  # marked present afterwards: only they are asked now
    await mark_present(signed, booked.meeting_id, [late])
    more = await signed.post(f"/sessions/{booked.meeting_id}/poll")
    queued = "Avis mis en file d'attente pour 1 personne présente, envoi en cours."
    assert queued in seen(await signed.get(more.headers["location"]))
    assert len([i for i in await rows(desk.db, SurveyInvitation) if i.flow_id == "hot_evaluation"]) == 4


async def test_nobody_present_nothing_sent(desk: Desk) -> None:
    booked = await a_session(desk.db)
    desk.clock.advance(hours=6)
    signed = await desk.sign_in(None)
    assert "0 personne est marquée présente." in seen(await signed.get(f"/sessions/{booked.meeting_id}/poll"))
    sent = await signed.post(f"/sessions/{booked.meeting_id}/poll")
    page = await signed.get(sent.headers["location"])
    assert "Personne n'est marqué·e présent·e : aucun avis envoyé." in seen(page)
    assert await rows(desk.db, SurveyInvitation) == []


async def test_the_poll_page_is_only_for_the_sessions_own_facilitators_and_coordinators(desk: Desk) -> None:
    booked = await a_session(desk.db, facilitator=ANNE)
    desk.clock.advance(hours=6)
    poll = f"/sessions/{booked.meeting_id}/poll"
    bruno = await desk.sign_in(BRUNO, "facilitator")
    assert (await bruno.get(poll)).status_code == 403
    refused = await bruno.post(poll)
    assert refused.status_code == 403 and "n'est pas l'une des vôtres" in seen(refused)
    mediator = await desk.sign_in(MEDIATOR, "mediator")
    assert (await mediator.get(poll)).status_code == 403
    assert (await mediator.post(poll)).status_code == 403
    anne = await desk.sign_in(ANNE, "facilitator")
    assert (await anne.get(poll)).status_code == 200
    no_token = await anne.client.post(poll)
    assert no_token.status_code == 403 and "jeton de sécurité" in seen(no_token)
    assert (await desk.browser().post(poll)).status_code == 403
    coordinator = await desk.sign_in(None)
    assert (await coordinator.get(f"/sessions/{booked.meeting_id + 7}/poll")).status_code == 404


async def test_sent_within_quiet_hours_it_says_when_it_goes(desk: Desk) -> None:
    booked = await a_session(desk.db, registered=2, facilitator=ANNE)
    desk.clock.advance(hours=2)
    signed = await desk.sign_in(ANNE, "facilitator")
    await mark_present(signed, booked.meeting_id, [number for number, _ in booked.registered])
    desk.clock.now = datetime(2026, 11, 22, 21, tzinfo=ZoneInfo("Europe/Paris"))  # quiet hours: 20:00 to 08:00
    signed = await desk.sign_in(ANNE, "facilitator")
    sent = await signed.post(f"/sessions/{booked.meeting_id}/poll")
    page = seen(await signed.get(sent.headers["location"]))
    assert (
        "Avis mis en file d'attente pour 2 personnes présentes : heures calmes, il partira le lundi 23 novembre 2026 "
        "à 08:00." in page
    )
    assert (count(page, "En attente d'envoi"), count(page, "Message remis")) == (2, 0)


async def test_an_invitation_whose_delivery_is_uncertain_is_counted_apart(desk: Desk) -> None:
    """Sent without knowing whether it arrived: neither « Message remis » nor « En attente d'envoi », its own line."""
    booked = await a_session(desk.db, registered=2, facilitator=ANNE)
    desk.clock.advance(hours=2)
    signed = await desk.sign_in(ANNE, "facilitator")
    await mark_present(signed, booked.meeting_id, [number for number, _ in booked.registered])
    desk.clock.advance(hours=3)  # the session has ended
    signed = await desk.sign_in(ANNE, "facilitator")
    await signed.post(f"/sessions/{booked.meeting_id}/poll")
    hot = min(i.id for i in await rows(desk.db, SurveyInvitation) if i.flow_id == "hot_evaluation")
    (message,) = [m for m in await rows(desk.db, OutboxMessage) if m.idempotency_key == f"survey:{hot}"]
    async with desk.db.unit_of_work() as session:
        (await session.get(OutboxMessage, message.id)).status = "uncertain"  # type: ignore[union-attr]

    page = seen(await signed.get(f"/sessions/{booked.meeting_id}/poll"))
    assert (count(page, "Personnes invitées"), count(page, "En attente d'envoi"), count(page, "Message remis")) == (
        2,
        1,
        0,
    )
    assert count(page, "Envoi incertain") == 1
    assert "« Envoi incertain » : le message est parti sans que l'on sache s'il est arrivé" in page
