"""Drill households nobody had seen, through the chat: the card each person reads, with the figures worked by hand.

The chat's clock is 22 November 2026: the 2026-04-01 ceilings are not collected, the 2025 base (10 339 €) applies
and the card says so; a request made that day may be decided in January 2027 (CSS R861-16: two months), so the
participation is given for both years when someone's age band changes on 1 January.
"""

from __future__ import annotations

import pytest

from dialogs.i18n import translator
from dialogs.schema import Flow
from dialogs.text import msg
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person

START = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
END = ["press:Non", "press:Aucune de ces situations", "press:Valider"]
"""No C2S or AME yet, none of the social situations."""

HOUSEHOLDS = {
    # A woman without a permit, born 1985, arrived on 1 October 2026, alone, 20 000 € over 12 months, tenant
    # without benefit. AME (CASF L251-1) needs 3 months of presence and resources ≤ the free-C2S ceiling:
    # 20 000 € > 10 339 €, so AME is unlikely even after 1 January 2027; urgent care meanwhile.
    "newcomer_without_permit_over_the_ceiling": (
        [
            "press:Sans titre",
            "press:Moins de 3 mois",
            "type:01/10/2026",
            "press:Passer",
            "type:1985",
            "type:1",
            "press:métropolitaine",
            "press:Non, elles changent",
            "type:20000",
            "press:Non",
            "press:sans aide",
        ],
        [
            "⚪ AME : peu probable avec ces ressources",
            # More than 3 months of presence (CASF L251-1): from the day after 1 January.
            "• Vous êtes arrivé·e en France le 1er octobre 2026 : l'AME demande 3 mois de présence, soit à partir du "
            "2 janvier 2027.",
            "• 20\u202f000\u00a0€ dépasse le plafond de l'AME pour votre foyer (10\u202f339\u00a0€).",
            "🏥 Soins urgents à l'hôpital",
        ],
        ["AME (aide médicale de l'État) : pas encore", "Faites la demande d'AME"],
    ),
    # A couple in Guadeloupe born 1982 and 1984 with 5 children: 17, 14 (shared custody), 11, 6 and 2; family and
    # housing benefits; 3 300 € a month; housing benefit 450 € a month. R861-3 by rank: partner +0.5, the 17-year-old
    # +0.3, the 14-year-old +0.3 halved = 0.15, then +0.4 × 3 → 3.15. D861-1: +11.3 % overseas, on the mainland
    # ceiling, to the nearest euro. Free: 10 339 × 3.15 = 32 567.85 → 32 567 €, × 1.113 = 36 247.07 → 36 247 €;
    # with participation: 32 567.85 × 1.35 = 43 966.60 → 43 966 €, × 1.113 = 48 934.16 → 48 934 €.
    # Resources: 39 600 € + housing flat amount (R861-7, 3+ people: 16.5 % of 651.69 × 1.8, 12 months)
    # 2 322.62 € (under the 5 400 € of benefit) = 41 922.62 € → C2S with participation:
    # 14 € (43 on 1 January 2026) + 14 € (41) + 5 × 8 € = 68 € a month; nobody changes band on 1 January 2027.
    "guadeloupe_family_of_seven_with_shared_custody": (
        [
            "press:Nationalité",
            "press:Plus de 3 mois",
            "type:1982",
            "type:7",
            "press:Oui",
            "type:1984",
            "press:Oui",
            "type:17",
            "press:Non",
            "type:14",
            "press:Oui",
            "type:11",
            "press:Non",
            "type:6",
            "press:Non",
            "type:2",
            "press:Non",
            "press:Guadeloupe",
            "press:Allocations familiales",
            "press:Aide au logement",
            "press:Valider",
            "press:Oui, à peu près",
            "type:3300",
            "press:Non, personne",
            "press:Valider",
            "press:Non",
            "press:avec une aide",
            "type:450",
        ],
        [
            "🟢 C2S avec participation : droit probable",
            "• Votre foyer : 7 personnes (dont 1 enfant en garde alternée, compté pour moitié).",
            "• Ressources retenues : 41\u202f922,62\u00a0€ (ressources déclarées sur 12 mois : 39\u202f600\u00a0€, "
            "plus le forfait logement : 2\u202f322,62\u00a0€).",
            "• 41\u202f922,62\u00a0€ dépasse le plafond de la C2S gratuite (36\u202f247\u00a0€) mais reste sous "
            "celui de la C2S avec participation (48\u202f934\u00a0€).",
            "• Participation estimée : 68\u00a0€ par mois pour les 7 personnes du foyer (selon l'âge de chacun).",
        ],
        ["Alsace-Moselle"],
    ),
    # Born 1966, alone, affiliated to the Alsace-Moselle local scheme, 12 000 € over 12 months: between 10 339 € and
    # 13 957 €. 59 on 1 January 2026 → 7,30 € (local, 50–59); 60 on 1 January 2027 → 8,70 € (local, 60–69).
    "alsace_moselle_turning_60": (
        [
            "press:Nationalité",
            "press:Plus de 3 mois",
            "type:1966",
            "type:1",
            "press:Alsace",
            "press:Oui",
            "press:Aucune de ces aides",
            "press:Valider",
            "press:Non, elles changent",
            "type:12000",
            "press:Non, personne",
            "press:Valider",
            "press:Non",
            "press:sans aide",
        ],
        [
            "🟢 C2S avec participation : droit probable",
            "• Participation estimée pour 1 personne : 7,30\u00a0€ par mois si la décision est prise en 2026, "
            "8,70\u00a0€ par mois si elle est prise en 2027.",
            "• Tarif réduit du régime local d'Alsace-Moselle pour 1 personne.",
            "🩺 Mon bilan prévention",
        ],
        [],
    ),
    # An ASPA couple born 1956 and 1957, neither worked in the last 3 months, 1 650 € a month (all ASPA), owners
    # without a loan: the ASPA opens C2S with participation without a resource check. By resources they are
    # not under the free ceiling either: 19 800 − 12 × 110 (couple deduction) + 12 × 14 % × 651.69 × 1.5 =
    # 18 480 + 1 642.26 = 20 122.26 € > 15 508 €. Participation: 69 on 1 January 2026 → 25 €, 68 → 25 €: 50 €;
    # in 2027, 70 → 30 € and 69 → 25 €: 55 €.
    "aspa_couple_turning_70": (
        [
            "press:Nationalité",
            "press:Plus de 3 mois",
            "type:1956",
            "type:2",
            "press:Oui",
            "type:1957",
            "press:métropolitaine",
            "press:ASPA",
            "press:Valider",
            "press:Non",
            "press:Non",
            "press:Oui, à peu près",
            "type:1650",
            "press:Non, personne",
            "press:Valider",
            "press:Non",
            "type:1650",
            "press:sans prêt",
        ],
        [
            "🟢 C2S : attribuée sans examen de vos ressources",
            "• Participation estimée pour les 2 personnes du foyer : 50\u00a0€ par mois si la décision est prise en "
            "2026, 55\u00a0€ par mois si elle est prise en 2027.",
            "1 personne du foyer passe dans la tranche d'âge suivante le 1er janvier 2027.",
        ],
        [],
    ),
    # Born 1990 in La Réunion, alone, AAH at full rate 1 033 € a month and nothing else: since 1 July 2025 the AAH
    # (full rate, alone, no child) opens C2S with participation without a resource check. By resources:
    # 12 396 − 12 × 68 = 11 580 € > 11 507 € (10 339 × 1.113) → not free. 35 on 1 January 2026 → 14 €.
    "reunion_aah_alone": (
        [
            "press:Nationalité",
            "press:Plus de 3 mois",
            "type:1990",
            "type:1",
            "press:Guadeloupe",
            "press:AAH",
            "press:Valider",
            "press:Oui",
            "press:Oui, à peu près",
            "type:1033",
            "press:Non, personne",
            "press:Valider",
            "press:Non",
            "type:1033",
            "press:sans aide",
        ],
        [
            "🟢 C2S : attribuée sans examen de vos ressources",
            "• Vous recevez l'AAH à taux plein et vivez seul·e sans enfant : la C2S avec participation vous est "
            "accordée sans déclarer vos ressources.",
            "• Participation estimée : 14\u00a0€ par mois (selon votre âge).",
        ],
        [],
    ),
    # A refugee mother born 1995, arrived on 1 November 2026 with children of 5 and 3, no resources, housed free of
    # charge: refugees are not asked for 3 months (D160-2). Household of 3: 10 339 × 1.8 = 18 610 €; flat amount
    # for a household housed free (R861-5, 3+ people: 14 % of 651.69 × 1.8, 12 months) = 1 970.71 € → free C2S.
    "refugee_mother_of_two": (
        [
            "press:Réfugié",
            "press:Moins de 3 mois",
            "type:01/11/2026",
            "type:1995",
            "type:3",
            "press:Non",
            "press:Non",
            "type:5",
            "type:3",
            "press:métropolitaine",
            "press:Aucune de ces aides",
            "press:Valider",
            "press:Oui, à peu près",
            "type:0",
            "press:Non",
            "press:Hébergé",
        ],
        [
            "• La condition de 3 mois de résidence ne s'applique pas à vous : vous êtes réfugié·e ou bénéficiaire de "
            "la protection subsidiaire.",
            "🟢 C2S gratuite : droit probable",
            "• Votre foyer : 3 personnes.",
            "• Ressources retenues : 1\u202f970,71\u00a0€ (ressources déclarées sur 12 mois : 0\u00a0€, plus le "
            "forfait logement : 1\u202f970,71\u00a0€).",
            "• 1\u202f970,71\u00a0€ est en dessous du plafond de la C2S gratuite pour votre foyer "
            "(18\u202f610\u00a0€).",
        ],
        [],
    ),
}


@pytest.mark.parametrize("name", list(HOUSEHOLDS))
async def test_each_drill_household_reads_the_hand_worked_card(assistant: Assistant, db: Database, name: str) -> None:
    steps, shown, absent = HOUSEHOLDS[name]
    person = Person(assistant, db)
    for step in [*START, *steps, *END]:
        await person.do(step)
    card = "\n".join(r.text for r in person.screen)
    assert "🟠 Les plafonds de ressources utilisés sont ceux du 1er avril 2025" in card
    for line in shown:
        assert line in card, (name, line, card)
    for line in absent:
        assert line not in card, (name, line)
    assert "Pour les professionnels" not in card


async def test_the_territory_question_keeps_overseas_residents_on_their_territory(
    assistant: Assistant, db: Database, flows: dict[str, Flow]
) -> None:
    """Open question settled: overseas residents are not asked about the Alsace-Moselle local scheme.

    A retired man in Martinique who worked in Strasbourg read "choose Alsace-Moselle … even if you live elsewhere"
    and chose it: the check then applied the mainland ceilings (10 339 € for one person) instead of the overseas
    ones (+11.3 %, D861-1: 11 507 €), so with 11 000 € he was told C2S "with participation" instead of free. The
    help now says "elsewhere in mainland France" and that overseas residents always choose their territory.
    """
    person = Person(assistant, db)
    for step in [*START, "press:Nationalité", "press:Plus de 3 mois", "type:1958", "type:1"]:
        await person.do(step)
    question = person.screen[-1].text
    assert "même en habitant ailleurs en métropole" in question
    assert "Si vous habitez en outre-mer, choisissez toujours votre territoire." in question
    help_text = flows["rights_check"].step("territory").help
    assert help_text is not None
    persian = translator("fa")(msg(help_text, "flow:rights_check"))
    assert "همیشه سرزمین خود را انتخاب کنید" in persian and "Alsace" not in persian
