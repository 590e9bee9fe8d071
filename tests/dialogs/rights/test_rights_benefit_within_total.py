"""A monthly AAH, ASI or ASPA above the household's 12-month total is refused: the total includes it.

Before, 900 € of AAH a month next to 500 € declared for the whole year was accepted, and the card said « ramenées à
0 € » for figures that could not both be true. The chat's clock is 22 November 2026.
"""

from __future__ import annotations

from dialogs.i18n import translator
from dialogs.schema import Flow
from dialogs.text import Msg
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person

START = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
BORN_1950 = ["press:Nationalité", "press:Plus de 3 mois", "type:1950"]
NBSP, NNBSP = "\u00a0", "\u202f"
REFUSED = "Ce montant est plus grand que les ressources de tout le foyer sur 12 mois que vous avez données : {total}."


async def answer(person: Person, steps: list[str]) -> str:
    """Every step in turn; the screen's text and buttons afterwards."""
    for step in steps:
        await person.do(step)
    return "\n".join(f"{r.text}\n{r.labels()}" for r in person.screen)


async def test_an_aah_a_month_above_the_yearly_total_is_refused_then_a_possible_one_accepted(
    assistant: Assistant, db: Database
) -> None:
    """Alone, AAH at full rate, 500 € declared for the 12 months: 900 € of AAH a month is refused (500 € at most),
    400 € is accepted and the chat goes on to the home."""
    person = Person(assistant, db)
    steps = [*START, *BORN_1950[:2], "type:1985", "type:1", "press:métropolitaine", "press:AAH", "press:Valider"]
    steps += ["press:Oui", "press:Non, elles changent", "type:500", "press:Non, personne", "press:Valider"]
    shown = await answer(person, [*steps, "press:Non", "type:900"])
    assert REFUSED.format(total=f"500{NBSP}€") in shown, shown
    assert "Combien recevez-vous d'AAH par mois, vous-même, en euros ?" in shown
    shown = await answer(person, ["type:400"])
    assert "Quel est votre logement ?" in shown and REFUSED[:30] not in shown, shown


async def test_a_couple_s_aspa_above_twelve_times_the_monthly_total_is_refused(
    assistant: Assistant, db: Database
) -> None:
    """A couple born 1950 and 1952 with the ASPA, 300 € a month in all (3 600 € a year): 4 000 € of ASPA a month is
    refused (3 600 € at most)."""
    person = Person(assistant, db, who=Identity(telegram_id=4601))
    steps = [*START, *BORN_1950, "type:2", "press:Oui", "type:1952", "press:métropolitaine", "press:ASPA"]
    steps += ["press:Valider", "press:Non", "press:Non", "press:Oui, à peu près", "type:300"]
    steps += ["press:Non, personne", "press:Valider", "press:Non", "type:4000"]
    shown = await answer(person, steps)
    assert REFUSED.format(total=f"3{NNBSP}600{NBSP}€") in shown, shown
    assert "Combien le foyer reçoit-il d'ASPA par mois, en euros ?" in shown


def test_every_benefit_amount_question_is_bounded_by_the_total_in_every_language(flows: dict[str, Flow]) -> None:
    """The six monthly benefit questions share the refusal of the other amounts that are part of the total."""
    flow = flows["rights_check"]
    bounded = ["aah_month", "partner_aah_month", "young_aah_month", "asi_month", "partner_asi_month", "aspa_month"]
    reference = flow.step("activity_cut_income")
    for step_id in bounded:
        step = flow.step(step_id)
        assert step.at_most == reference.at_most and step.at_most_error == reference.at_most_error, step_id
    for language in ("en", "ar", "uk"):
        text = translator(language)(Msg(reference.at_most_error or "", "flow:rights_check"))
        assert "{total}" in text and "Ce montant" not in text, language
