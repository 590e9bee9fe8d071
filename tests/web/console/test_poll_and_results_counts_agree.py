"""A session's poll page and results page count its people in the same words, and say which counts are in whole
groups of 5: 8 invited and 6 answers read « Personnes invitées 8 » and « Répondants (arrondi par groupes de 5) 5 » on
the poll page, « Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5) » on the
results page."""

from __future__ import annotations

from datetime import timedelta

from dialogs.schema import Flow
from tests.conftest import NOW, assign_staff, make_staff
from tests.support.records import a_meeting
from tests.support.surveys import one_more_respondent
from tests.web.console.conftest import Desk
from tests.web.console.door import seen
from tests.web.console.results_scene import ANSWERS, FACILITATOR_A, answered_session

ROUNDED = '<th scope="row">Répondants (arrondi par groupes de 5)</th><td>{}</td>'


async def test_the_poll_page_and_the_results_page_say_the_same_counts(desk: Desk) -> None:
    """Before: « Invitées 8 … Ont répondu 5 » beside « Personnes invitées : 5 · répondants : 5 · taux de réponse :
    100 % », neither saying that some counts were rounded."""
    await make_staff(desk.db, FACILITATOR_A, "facilitator")
    meeting_id = await answered_session(desk.db)
    signed = await desk.sign_in(FACILITATOR_A, "facilitator")
    poll = seen(await signed.get(f"/sessions/{meeting_id}/poll"))
    assert '<th scope="row">Personnes invitées</th><td>8</td>' in poll  # each person invited, one by one
    assert ROUNDED.format(5) in poll
    results = seen(await signed.get(f"/sessions/{meeting_id}/results"))
    assert "Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5)" in results


async def test_four_answers_read_fewer_than_5_not_0(desk: Desk, flows: dict[str, Flow]) -> None:
    """Before: « Ont répondu 0 » while 4 people had answered."""
    await make_staff(desk.db, FACILITATOR_A, "facilitator")
    signed = await desk.sign_in(FACILITATOR_A, "facilitator")
    async with desk.db.unit_of_work() as session:
        meeting_id = (await a_meeting(session, NOW - timedelta(days=3), capacity=20)).id
        for answers in ANSWERS[:4]:
            await one_more_respondent(session, meeting_id, flows["hot_evaluation"], answers)
    await assign_staff(desk.db, FACILITATOR_A, meeting_id)
    poll = seen(await signed.get(f"/sessions/{meeting_id}/poll"))
    assert '<th scope="row">Personnes invitées</th><td>4</td>' in poll
    assert ROUNDED.format("moins de 5") in poll
