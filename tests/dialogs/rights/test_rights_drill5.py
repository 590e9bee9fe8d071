"""Fifth drill: the points left open by the fourth, settled with the texts, and households nobody had tried.

2025 ceilings (from 1 April 2025; still applied after 1 April 2026, the 2026 ones not collected): free 10 339 € for
one person × the R861-3 coefficient, rounded down; × 1.35 with participation; × 1.113 overseas. AME has the free
ceiling (CASF L251-1), but not for minors (circulaire DSS/2A/2011/351).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person
from tests.dialogs.rights.test_rights_drill import answers

NBSP, NNBSP = "\u00a0", "\u202f"
DAY = date(2026, 11, 22)
START = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
TENANT_TO_END = ["press:Non", "press:sans aide", "press:Non", "press:Aucune de ces situations", "press:Valider"]
"""No maintenance paid, tenant without housing benefit, no C2S yet, none of the social situations."""


def euros(text: str) -> str:
    """A French amount as the card writes it (« 8 500 € » with its narrow and plain no-break spaces)."""
    return text.replace(" ", NNBSP) + f"{NBSP}€"


async def answer(person: Person, steps: list[str]) -> str:
    """Every step in turn; the screen's text and buttons afterwards."""
    for step in steps:
        await person.do(step)
    return "\n".join(f"{r.text}\n{r.labels()}" for r in person.screen)


def card(flows: dict[str, Flow], day: date, language: str = "fr", **given: Any) -> str:
    """The card the person reads, in their language."""
    c = rights(flows["rights_check"], answers(**given), day)
    return render_blocks(c.blocks, translator(language))


def plain(text: str) -> str:
    """The text without the direction marks put around figures in right-to-left languages."""
    return "".join(c for c in text if c not in "\u200e\u200f\u2066\u2067\u2068\u2069")


PARENT_OVER = {
    "residence": "irregular",
    "born": "1988",
    "household_size": 2,
    "couple": False,
    "shared_any": False,
    "child_1_age": 7,
    "income_year_ame": "20000",
}


def test_children_of_parents_over_the_ame_ceiling_are_told_they_have_ame(flows: dict[str, Flow]) -> None:
    """A father without a permit, born 1988, with his daughter of 7, 20 000 € over 12 months, on 22 November 2026.

    20 000 € is over the two-person ceiling (10 339 × 1.5 = 15 508 €): his AME is unlikely, and urgent care is for
    him. His daughter's is not: ameli.fr says « l'AME est attribuée sans conditions aux enfants mineurs dont les
    parents sont en situation irrégulière, même lorsque ces derniers … dépassent le plafond de ressources »
    (circulaire DSS/2A/2011/351, CE 7 juin 2006). Before, the card said only « AME : peu probable », nothing for her.
    """
    text = card(flows, DAY, **PARENT_OVER)
    assert "⚪ AME : peu probable avec ces ressources" in text
    assert (
        "🟢 AME pour vos enfants de moins de 18 ans : droit probable\n"
        "• Les enfants de moins de 18 ans ont droit à l'AME dès leur arrivée, même quand les ressources du foyer "
        "dépassent le plafond.\n"
        "→ Demandez dès maintenant l'AME pour vos enfants, en personne à l'accueil de votre CPAM." in text
    )
    arrived = card(flows, DAY, **{**PARENT_OVER, "in_france": "less", "arrived": "2026-10-01"})
    assert "soit à partir du 2 janvier 2027" in arrived
    assert "🟢 AME pour vos enfants de moins de 18 ans : droit probable" in arrived
    overseas = card(flows, DAY, territory="overseas", **PARENT_OVER)
    assert "→ Demandez dès maintenant l'AME pour vos enfants, en personne à l'accueil de votre CGSS." in overseas
    adult_child = card(flows, DAY, **{**PARENT_OVER, "child_1_age": 19})
    assert "AME pour vos enfants" not in adult_child
    english = card(flows, DAY, "en", **PARENT_OVER)
    assert "even when the household's income is over the limit" in english


def test_a_minor_over_the_ceiling_and_a_renewal_keep_the_childrens_ame(flows: dict[str, Flow]) -> None:
    """A girl of 16 (born 2010) without a permit, 20 000 € in her household; a father holding AME until 10 January.

    The girl reads that her AME is probable whatever the resources (before: « peu probable », urgent care only). The
    father renewing his AME with 20 000 € reads that his would not be renewed, but his daughter's is: to ask for it
    (before: « l'AME ne serait pas renouvelée » and nothing else).
    """
    minor = card(flows, DAY, residence="irregular", born="2010", income_year_ame="20000")
    assert "🟢 AME (aide médicale de l'État) : droit probable" in minor
    assert "• Vous avez moins de 18 ans : l'AME vous est ouverte même quand les ressources dépassent le plafond." in (
        minor
    )
    assert "Soins urgents" not in minor
    renewing = card(flows, DAY, cover="ame", cover_end="2027-01-10", **PARENT_OVER)
    assert (
        "• L'AME de vos enfants de moins de 18 ans, elle, est renouvelée quelles que soient les ressources : demandez "
        "son renouvellement.\n→ Envoyez ou déposez votre demande de renouvellement à votre CPAM." in renewing
    )


def test_the_first_day_of_sick_leave_counts_and_91_days_are_more_than_90(flows: dict[str, Flow]) -> None:
    """Sick leave from 24 August 2026, read on 22 November 2026: the 91st day of leave (24 August is its 1st).

    The social service invites people on leave for more than 90 days: the card now says « soit 91 jours » and
    « C'est plus de 90 jours. » (before: « soit 90 jours », not yet, the meeting from 23 November); a leave begun
    today is « soit 1 jour » (before: « soit 0 jour »); begun on 25 August, 90 days: from 23 November.
    """
    given = {"born": "1980", "income_year": "20000", "situations": ["sick_leave"]}
    text = card(flows, DAY, sick_leave_since="2026-08-24", **given)
    assert (
        "🤝 Service social : arrêt de travail long\n"
        "• Vous êtes en arrêt de travail depuis le 24 août 2026, soit 91 jours.\n"
        "• C'est plus de 90 jours." in text
    )
    today = card(flows, DAY, sick_leave_since="2026-11-22", **given)
    assert "• Vous êtes en arrêt de travail depuis le 22 novembre 2026, soit 1 jour.\n" in today
    assert "à partir du 20 février 2027" in today
    ninety = card(flows, DAY, sick_leave_since="2026-08-25", **given)
    assert "soit 90 jours.\n• Après 90 jours d'arrêt, à partir du 23 novembre 2026, vous pourrez" in ninety
    russian = card(flows, DAY, "ru", sick_leave_since="2026-08-24", **given)
    assert "91" in russian and "90" in russian


ENDED = "moins la rémunération d'un stage fini, sans autre revenu à la place"


async def test_training_pay_stopped_for_good_is_not_counted(assistant: Assistant, db: Database) -> None:
    """Born 1998, alone, 14 500 € over 12 months, of which 6 000 € of pay for a training course now over, with no
    unemployment benefit nor other income instead (chat, 22 November 2026).

    CSS R861-8, last paragraph: « Il n'est pas tenu compte des rémunérations de stages de formation professionnelle …
    lorsque l'intéressé justifie que la perception de celles-ci est interrompue de manière certaine et qu'il ne peut
    prétendre à un revenu de substitution »: 14 500 − 6 000 = 8 500 € ≤ 10 339 € → free C2S. Before, the chat had no
    way to say so: 14 500 € was counted, over 13 957 €, « C2S : peu probable avec ces ressources ».
    """
    person = Person(assistant, db)
    steps = [*START, "press:Nationalité", "press:Plus de 3 mois", "type:1998", "type:1", "press:métropolitaine"]
    steps += ["press:Aucune de ces aides", "press:Valider", "press:Non, elles changent", "type:14500"]
    shown = await answer(person, [*steps, "press:Stage payé fini", "press:Valider"])
    assert "Sur ces 12 mois, combien ce stage fini a-t-il rapporté, en euros ?" in shown
    assert "combien cette ou ces personnes ont-elles gagné" not in shown
    refused = await answer(person, ["type:15000"])
    assert "Ce montant est plus grand que les ressources de tout le foyer sur 12 mois" in refused
    card = await answer(person, ["type:6000", *TENANT_TO_END])
    assert "🟢 C2S gratuite : droit probable" in card, card
    assert (
        f"Ressources retenues : {euros('8 500')} (ressources déclarées sur 12 mois : {euros('14 500')}, {ENDED} : "
        f"{euros('6 000')})." in card
    )


def test_training_pay_ended_next_to_the_30_percent_cut(flows: dict[str, Flow]) -> None:
    """A couple born 1980 and 1982, 24 000 € over 12 months: the partner on unemployment benefit had earned 8 000 € of
    salaries (30 % cut: 2 400 €), the person's training course, 4 000 €, is over with no other income.

    24 000 − 2 400 − 4 000 = 17 600 € ≤ 20 936 € (15 508 × 1.35) → C2S with participation, 14 + 14 = 28 € a month
    (44 and 46 in 2026). Before: 21 600 €, over 20 936 €, « peu probable ». Without a permit (AME) nothing is taken
    off; answers of flow version 6 (no such option) read as before.
    """
    given = {
        "born": "1982",
        "household_size": 2,
        "couple": True,
        "partner_born": "1980",
        "income_year": "24000",
        "activity_situation": ["unemployed", "training_ended"],
        "activity_cut_income": "8000",
        "training_pay_ended": "4000",
    }
    text = card(flows, DAY, **given)
    assert "🟢 C2S avec participation : droit probable" in text, text
    assert f"Ressources retenues : {euros('17 600')}" in text and f"{ENDED} : {euros('4 000')}" in text
    version_6 = card(flows, DAY, **{**given, "activity_situation": ["unemployed"]})
    assert f"Ressources retenues : {euros('21 600')}" in version_6 and ENDED not in version_6
    english = card(flows, DAY, "en", **given)
    assert "minus the pay for a finished training course with no other income instead" in english
    staff = render_blocks(rights(flows["rights_check"], answers(**given), DAY).for_staff().blocks, translator("fr"))
    assert (
        "Appliqué selon la situation déclarée : Part non comptée pour la C2S de la rémunération d'un stage de "
        "formation arrêtée, sans revenu de substitution (CSS R861-8, dernier alinéa" in staff
    )


# Households nobody had tried, worked by hand on 22 November 2026; the card already read them right.
# RSA for the flat amount: 651.69 € (1 April 2026); 12 % for one person: 938.43 € a year.
NONE = ["none"]
RIGHT: dict[str, tuple[dict[str, Any], list[str]]] = {
    # A student of 21 living away from her parents, 6 000 € + housing benefit 200 € a month: flat amount 938.43 €
    # (under the 2 400 € of benefit) → 6 938.43 € ≤ 10 339 € → free C2S; Mon bilan prévention 18–25.
    "student_away_from_parents": (
        {"born": "2004", "income_year": "6000", "benefits": ["housing"], "housing": "tenant_benefit"}
        | {"housing_benefit": "200", "activity_situation": NONE},
        # Under 25: free C2S only if she is not on her parents' tax return (R861-2), which the chat does not ask.
        [
            "🟠 C2S gratuite : droit possible, à confirmer",
            f"Ressources retenues : {euros('6 938,43')}",
            "tranche 18–25 ans",
            "Vous avez moins de 25 ans : si vous vivez chez vos parents",
        ],
    ),
    # Arrived from abroad on 15 October 2026 with a permit and a job in France: covered by work at once (L160-1);
    # 12 000 € → participation, 35 on 1 January → 14 €.
    "arrived_with_a_job": (
        {"residence": "permit", "in_france": "less", "arrived": "2026-10-15", "born": "1990", "works": True}
        | {"income_year": "12000", "activity_situation": NONE},
        ["• Vous travaillez en France : vous êtes couvert·e.", f"Participation estimée : 14{NBSP}€ par mois"],
    ),
    # Alsace-Moselle: the person (1975, 50) not affiliated, the partner (1978, 47) is, children 14 and 10 follow
    # her: 21 + 4.90 + 2.80 + 2.80 = 31.50 €; 4 people × 2.1: 21 711 / 29 311 €, 24 000 € between.
    "alsace_partner_alone_in_the_local_scheme": (
        {"born": "1975", "household_size": 4, "couple": True, "partner_born": "1978", "shared_any": False}
        | {"child_1_age": 14, "child_2_age": 10, "territory": "alsace_moselle", "local_scheme_couple": "partner"}
        | {"income_year": "24000", "activity_situation": NONE},
        [f"({euros('21 711')})", f"({euros('29 311')})", f"Participation estimée : 31,50{NBSP}€", "pour 3 personnes"],
    ),
    # A widow born 1958 with a survivor's pension of 900 € a month, owner without a loan: 10 800 + 938.43 =
    # 11 738.43 € → participation, 67 on 1 January → 25 €.
    "widow_with_a_survivors_pension": (
        {"born": "1958", "income_regular": "same", "income_month": "900", "housing": "owner"}
        | {"activity_situation": NONE},
        [f"Ressources retenues : {euros('11 738,43')}", f"Participation estimée : 25{NBSP}€ par mois"],
    ),
    # A couple (1992, 1994) with a baby born this year (0): 1.8 → 18 610 / 25 123 €; 20 000 € → 14 + 14 + 8 = 36 €.
    "baby_born_this_year": (
        {"born": "1992", "household_size": 3, "couple": True, "partner_born": "1994", "shared_any": False}
        | {"child_1_age": 0, "income_year": "20000", "activity_situation": NONE},
        [f"({euros('18 610')})", f"({euros('25 123')})", f"Participation estimée : 36{NBSP}€"],
    ),
    # On the ASS (1970) while the partner (1972) works: 1 800 € a month, the ASS recipient had earned 3 000 € of pay:
    # 21 600 − 900 = 20 700 € ≤ 20 936 €, within 3 % of a ceiling computed with 2025 values → amber; 21 + 21 = 42 €.
    # Not automatic: the ASS opens C2S without a resource check only for someone living alone.
    "ass_while_the_partner_works": (
        {"born": "1970", "household_size": 2, "couple": True, "partner_born": "1972", "benefits": ["ass"]}
        | {"income_regular": "same", "income_month": "1800", "activity_situation": ["ass"]}
        | {"activity_cut_income": "3000"},
        [
            "🟠 C2S avec participation : droit possible, à confirmer",
            f"Ressources retenues : {euros('20 700')}",
            f"Participation estimée : 42{NBSP}€",
        ],
    ),
    # A seasonal worker now on unemployment benefit: 11 000 €, of which 9 000 € of pay → 11 000 − 2 700 = 8 300 €.
    "seasonal_worker_between_seasons": (
        {"born": "1985", "income_year": "11000", "activity_situation": ["unemployed"], "activity_cut_income": "9000"},
        ["🟢 C2S gratuite : droit probable", f"Ressources retenues : {euros('8 300')}"],
    ),
    # Guadeloupe, a couple with a child of 5, 19 500 €: 10 339 × 1.8 × 1.113 = 20 713 € → free C2S, at the CGSS.
    "guadeloupe_family": (
        {"born": "1980", "household_size": 3, "couple": True, "partner_born": "1982", "shared_any": False}
        | {"child_1_age": 5, "territory": "overseas", "income_year": "19500", "activity_situation": NONE},
        ["🟢 C2S gratuite : droit probable", f"({euros('20 713')})", "à l'accueil de votre CGSS."],
    ),
    # La Réunion, alone, born 1960, 13 000 €: 11 507 / 15 534 € → participation, 65 on 1 January → 25 €.
    "reunion_alone_at_65": (
        {"born": "1960", "territory": "overseas", "income_year": "13000", "activity_situation": NONE},
        [f"({euros('11 507')})", f"({euros('15 534')})", f"Participation estimée : 25{NBSP}€"],
    ),
    # Guyane, without a permit for years, 9 000 € ≤ 11 507 € → AME at the CGSS, in person.
    "guyane_without_a_permit": (
        {"residence": "irregular", "born": "1995", "territory": "overseas", "income_year_ame": "9000"},
        ["🟢 AME (aide médicale de l'État) : droit probable", f"({euros('11 507')})", "l'accueil de votre CGSS."],
    ),
    # Mayotte: neither C2S nor AME, the CSSM.
    "mayotte": (
        {"born": "1990", "territory": "mayotte", "income_year": "8000"},
        ["ℹ️ Mayotte : ni C2S ni AME", "Caisse de sécurité sociale de Mayotte (CSSM)"],
    ),
    # Full-rate AAH, alone, born 1964 (62 this year): C2S with participation without a resource check since
    # 1 July 2025, 61 on 1 January → 25 €.
    "aah_turning_62": (
        {"born": "1964", "benefits": ["aah"], "aah_rate": True, "income_regular": "same", "income_month": "1000"}
        | {"aah_month": "1000", "activity_situation": NONE},
        ["🟢 C2S : attribuée sans examen de vos ressources", f"Participation estimée : 25{NBSP}€"],
    ),
    # A student arrived on 1 October 2026 with a permit: no 3 months for students (D160-2); 4 000 € → free C2S.
    "student_just_arrived": (
        {"residence": "permit", "in_france": "less", "arrived": "2026-10-01", "born": "2003", "works": False}
        | {"waivers": ["student"], "income_year": "4000", "activity_situation": NONE},
        ["vous êtes étudiant·e", "🟠 C2S gratuite : droit possible, à confirmer", "Vous avez moins de 25 ans"],
    ),
    # A couple, the person on AAH (1 100 €) and working part time, the partner working: 2 600 € a month = 31 200 €,
    # one AAH deduction 68 × 12 = 816 € → 30 384 € > 20 936 € → unlikely.
    "aah_couple_both_working": (
        {"born": "1985", "household_size": 2, "couple": True, "partner_born": "1987", "benefits": ["aah"]}
        | {"income_regular": "same", "income_month": "2600", "aah_month": "1100", "partner_aah_month": "0"}
        | {"activity_situation": NONE},
        ["⚪ C2S : peu probable avec ces ressources", f"Ressources retenues : {euros('30 384')}"],
    ),
}


@pytest.mark.parametrize("name", list(RIGHT))
def test_drill_households_the_card_already_got_right(flows: dict[str, Flow], name: str) -> None:
    given, lines = RIGHT[name]
    text = card(flows, DAY, **given)
    for line in lines:
        assert line in text, (name, line, text)
