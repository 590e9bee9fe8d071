"""The period of the resources: C2S counts 12 months from the 13th to the 2nd month before the request (R861-8).

CSS R861-8 as amended by décret 2021-1642 (rights-rules.md): "the 12 months from the 13th to the 2nd calendar month
before the month of the request". The question and the card said "the last 12 months" to everyone; people without a
permit, asked for AME (CASF L251-1, the 12 months before the request), keep that wording.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights.answers import household
from dialogs.rights.outcome import add_months
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person

DAY = date(2026, 11, 30)
C2S_PERIOD = "du 13e au 2e mois avant le mois de votre demande"


def card_text(flows: dict[str, Flow], **answers: Any) -> str:
    base = {"in_france": "more", "born": "1985", "household_size": 1, "territory": "metropole"}
    base |= {"benefits": ["none"], "income_regular": "varies", "housing": "tenant"}
    return render_blocks(rights(flows["rights_check"], {**base, **answers}, DAY).blocks, translator("fr"))


def test_the_c2s_card_asks_for_the_resources_of_the_r861_8_period(flows: dict[str, Flow]) -> None:
    free = card_text(flows, residence="national", income_year="9000")
    assert (
        "→ Préparez : une pièce d'identité, un justificatif de domicile et les ressources du foyer sur 12 mois, du 13e "
        "au 2e mois avant le mois de votre demande (pour une demande en décembre : de novembre de l'année d'avant à "
        "octobre)." in free
    )
    assert "12 derniers mois" not in free
    over = card_text(flows, residence="national", income_year="30000")
    assert f"le droit se calcule sur 12 mois, {C2S_PERIOD}." in over


def test_the_ame_card_keeps_the_last_12_months(flows: dict[str, Flow]) -> None:
    ame = card_text(flows, residence="irregular", income_year_ame="30000")
    assert "le droit se calcule sur les 12 derniers mois." in ame
    assert C2S_PERIOD not in ame
    assert household({"residence": "irregular", "income_year_ame": "9000"}).resources == Decimal(9000)


async def test_the_yearly_income_question_says_the_c2s_period(assistant: Assistant, db: Database) -> None:
    """Someone asked for C2S reads the R861-8 period; someone without a permit, asked for AME, the last 12 months."""
    for who, situation, question in [
        (4301, "press:Nationalité", "du 13e au 2e mois avant ce mois-ci"),
        (4302, "press:Sans titre", "sur les 12 derniers mois"),
    ]:
        person = Person(assistant, db, who=Identity(telegram_id=who))
        steps = ["/start", "press:Français", "press:J'accepte", "press:Bilan", situation, "press:Plus de 3"]
        steps += ["press:Passer"] if situation == "press:Sans titre" else []
        steps += ["type:1985", "type:1", "press:métropolitaine"]
        if situation == "press:Nationalité":
            steps += ["press:Aucune de ces aides", "press:Valider"]
        steps += ["press:Non, elles changent"]
        for step in steps:
            await person.do(step)
        shown = "\n".join(r.text for r in person.screen)
        assert question in shown, shown


def test_months_added_to_a_day_stay_right_when_asked_again_for_other_days() -> None:
    asked = [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 10, 15), 3, date(2026, 1, 15)),
        (date(2025, 10, 15), -12, date(2024, 10, 15)),
    ]
    for _ in range(2):  # the second time from what was kept
        for day, months, expected in asked:
            assert add_months(day, months) == expected, (day, months)
