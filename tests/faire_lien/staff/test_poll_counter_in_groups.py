"""A session's poll counter on the bot's staff screen counts its respondents as its results do, in whole groups of 5,
and says so, in the words of the results: « moins de 5 » rather than « réponses : 0 » while 4 people had answered."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.staff.test_poll_counter_uncertain import HELD, coordinator, poll_line
from tests.support.surveys import one_more_respondent, surveyed_session
from tests.web.console.results_scene import ANSWERS

START = ["/start", "press:Français", "press:J'accepte"]


async def test_the_counter_says_fewer_than_5_then_the_results_count(assistant: Assistant, db: Database) -> None:
    """Before: « Avis — invité·es : 6 · … · réponses : 0 » with 4 answers, and beside the results' « Invités : 5 ·
    répondants : 5 » at 6 answers « invité·es : 6 · … · réponses : 5 », nothing saying which counts were rounded."""
    async with db.unit_of_work() as session:
        meeting_id = await surveyed_session(session, HELD, ANSWERS[:4], invited=6)
    staff = await coordinator(assistant, db, START)
    await staff.do(f"raw:sm:{meeting_id}")
    assert poll_line(staff) == (
        "Avis — personnes invitées : 6 · envoyés : 4 · en attente : 0 · incertains : 0 · injoignables : 0 · "
        "répondants (arrondi par groupes de 5) : moins de 5"
    )
    async with db.unit_of_work() as session:
        for answers in ANSWERS[4:6]:
            await one_more_respondent(session, meeting_id, assistant.flows["hot_evaluation"], answers)
    await staff.do(f"raw:sm:{meeting_id}")
    assert poll_line(staff).endswith("répondants (arrondi par groupes de 5) : 5")
    await staff.do("press:📊 Résultats de l'avis")
    assert staff.screen[0].text.splitlines()[1] == (
        "Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5)"
    )
