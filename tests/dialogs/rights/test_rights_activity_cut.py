"""The 30 % cut of the pay from work of someone out of work, on long sick leave or in training (CSS R861-8).

R861-8 (décret 2021-1642, in force since 1 January 2022): the pay from work of a member of the C2S household who, at
the request, receives unemployment benefit (total or partial) or the ASS, has been on sick leave for more than six
months, or is without a job and paid for vocational training, counts 30 % lower; only that person's pay, not their
benefits nor the others' pay (lettre-circulaire DSS/2A du 27 décembre 2001). The bot counted every euro declared.

The chat's clock is 22 November 2026; the API checks run on 30 November 2026. Both apply the 2025 ceilings:
10 339 € for one person (participation: × 1.35 = 13 957 €), 15 508 € for a couple (× 1.35 = 20 936 €), rounded down
like the published tables.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bench.answers import answers_of
from dialogs.engine import next_step
from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights import evaluate
from dialogs.rights.answers import household
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context
from dialogs.rights.resources import resources
from dialogs.rights.table import default_table
from dialogs.schema import END, Flow
from dialogs.text import Msg
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person

DAY = date(2026, 11, 30)
START = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
ALONE_1985 = ["press:Nationalité", "press:Plus de 3 mois", "type:1985", "type:1", "press:métropolitaine"]
NO_BENEFIT = ["press:Aucune de ces aides", "press:Valider"]
YEARLY = "press:Non, elles changent"
TENANT_TO_END = ["press:Non", "press:sans aide", "press:Non", "press:Aucune de ces situations", "press:Valider"]
"""No maintenance paid, tenant without housing benefit, no C2S yet, none of the social situations."""
QUESTION = "Aujourd'hui, une personne du foyer est-elle dans l'une de ces situations ?"
AMOUNT = "Sur ces 12 mois, combien cette ou ces personnes ont-elles gagné en salaires ou revenus d'activité"
CUT = (
    "moins l'abattement sur les revenus d'activité de la ou des personnes au chômage, à l'ASS, en arrêt maladie long "
    "ou en formation (30 %)"
)
NBSP, NNBSP = "\u00a0", "\u202f"


def euros(text: str) -> str:
    """A French amount as the card writes it (« 9 900 € » with its narrow and plain no-break spaces)."""
    return text.replace(" ", NNBSP) + f"{NBSP}€"


def said(message: Msg) -> str:
    return translator("fr")(message)


def c2s_lines(h: Household) -> tuple[str, list[str]]:
    """The C2S band and reasons the API gives for `h`."""
    outcome = evaluate(h, DAY).get("c2s")
    assert outcome is not None
    return outcome.band, [said(r) for r in outcome.reasons]


def test_the_example_through_the_api_gives_free_c2s() -> None:
    """Alone, salaried until 3 months ago, now on unemployment benefit: 12 000 € of salaries + 1 500 € of benefit.

    Resources: 13 500 − 0.3 × 12 000 = 13 500 − 3 600 = 9 900 € ≤ 10 339 € → free C2S (before: 13 500 € counted,
    between 10 339 € and 13 957 €: C2S with participation).
    """
    h = Household(born=1985, resources=Decimal(13_500), activity_cut_income=Decimal(12_000), housing="tenant")
    band, reasons = c2s_lines(h)
    assert band == "free"
    assert (
        f"Ressources retenues : {euros('9 900')} (ressources déclarées sur 12 mois : {euros('13 500')}, "
        f"{CUT} : {euros('3 600')})." in reasons
    )
    assert f"{euros('9 900')} est en dessous du plafond de la C2S gratuite pour votre foyer ({euros('10 339')})." in (
        reasons
    )
    ctx = Context(DAY, default_table())
    assert resources(h, ctx).total == Decimal("9900.00")
    assert (
        ctx.used["c2s_activity_income_cut"].href
        == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044492511"
    )


def test_only_the_unemployed_partners_pay_is_cut() -> None:
    """Two couples where one partner works and the other is out of work: only the latter's pay counts 30 % lower.

    Couple on ASS: 21 000 € in all, of which 8 000 € earned by the partner now on ASS: 21 000 − 0.3 × 8 000 =
    21 000 − 2 400 = 18 600 € ≤ 20 936 € → C2S with participation (before: 21 000 € > 20 936 €, no C2S). Cutting the
    whole 21 000 € would give 14 700 € ≤ 15 508 €, free C2S: the card does not.
    Couple on ARE: 12 000 € of the person's salaries (still working), 6 000 € earned by the partner before being laid
    off and 3 000 € of unemployment benefit: 21 000 − 0.3 × 6 000 = 21 000 − 1 800 = 19 200 € → with participation.
    """
    ass = Household(born=1980, partner_born=1982, resources=Decimal(21_000), activity_cut_income=Decimal(8_000))
    band, reasons = c2s_lines(ass)
    assert band == "participation"
    assert any(euros("18 600") in r and euros("2 400") in r for r in reasons), reasons
    are = Household(born=1980, partner_born=1982, resources=Decimal(21_000), activity_cut_income=Decimal(6_000))
    band, reasons = c2s_lines(are)
    assert band == "participation"
    assert any(euros("19 200") in r and euros("1 800") in r for r in reasons), reasons


def test_no_cut_for_someone_without_a_permit_nor_before_2022() -> None:
    """The AME (people without a permit) has no such cut; R861-8's version with it applies from 1 January 2022."""
    ame = Household(born=1985, residence="irregular", resources=Decimal(13_500), activity_cut_income=Decimal(12_000))
    assert resources(ame, Context(DAY, default_table())).total == Decimal(13_500)
    alone = Household(born=1985, resources=Decimal(13_500), activity_cut_income=Decimal(12_000))
    assert resources(alone, Context(date(2021, 12, 31), default_table())).activity_cut == 0


async def answer(person: Person, steps: list[str]) -> str:
    """Every step in turn; the screen's text and buttons afterwards."""
    for step in steps:
        await person.do(step)
    return "\n".join(f"{r.text}\n{r.labels()}" for r in person.screen)


async def test_the_example_through_the_chat_gives_free_c2s(assistant: Assistant, db: Database) -> None:
    """The same person in the chat: 13 500 € over 12 months, on unemployment benefit, 12 000 € of salaries.

    9 900 € ≤ 10 339 € → free C2S (before: « C2S avec participation » on 13 500 €).
    """
    person = Person(assistant, db)
    shown = await answer(person, [*START, *ALONE_1985, *NO_BENEFIT, YEARLY, "type:13500"])
    assert QUESTION in shown
    shown = await answer(person, ["press:Au chômage", "press:Valider"])
    assert AMOUNT in shown
    card = await answer(person, ["type:12000", *TENANT_TO_END])
    assert "🟢 C2S gratuite : droit probable" in card
    assert f"Ressources retenues : {euros('9 900')}" in card
    assert f"{CUT} : {euros('3 600')}" in card


async def test_a_couple_on_the_chat_cuts_only_the_pay_of_the_partner_on_long_sick_leave(
    assistant: Assistant, db: Database
) -> None:
    """A couple born 1980 and 1982, 1 750 € a month (21 000 € a year); the partner, on sick leave for 8 months, had
    earned 8 000 € of salaries over the 12 months: 21 000 − 2 400 = 18 600 € ≤ 20 936 € → C2S with participation
    (before: 21 000 € > 20 936 €, « peu probable »)."""
    person = Person(assistant, db)
    steps = [*START, "press:Nationalité", "press:Plus de 3 mois", "type:1980", "type:2", "press:Oui", "type:1982"]
    steps += ["press:métropolitaine", *NO_BENEFIT, "press:Oui, à peu près", "type:1750"]
    steps += ["press:arrêt maladie", "press:Valider", "type:8000", *TENANT_TO_END]
    card = await answer(person, steps)
    assert "🟢 C2S avec participation : droit probable" in card, card
    assert f"Ressources retenues : {euros('18 600')}" in card
    assert f"{CUT} : {euros('2 400')}" in card


async def test_an_amount_above_the_household_total_is_refused_then_a_smaller_one_accepted(
    assistant: Assistant, db: Database, flows: dict[str, Flow]
) -> None:
    """The pay is part of the 12-month total (13 500 €, or 12 × 1 000 € = 12 000 € a month): more is refused."""
    person = Person(assistant, db)
    await answer(person, [*START, *ALONE_1985, *NO_BENEFIT, YEARLY, "type:13500", "press:Au chômage", "press:Valider"])
    shown = await answer(person, ["type:14000"])
    assert (
        "Ce montant est plus grand que les ressources de tout le foyer sur 12 mois que vous avez données : "
        f"{euros('13 500')}. Il en fait partie, il ne peut pas le dépasser. Écrivez un montant jusqu'à "
        f"{euros('13 500')}, ou revenez en arrière avec « ◀ Retour » pour corriger le total." in shown
    )
    assert AMOUNT in shown
    shown = await answer(person, ["type:13500"])
    assert "Versez-vous une pension alimentaire ?" in shown
    monthly = Person(assistant, db, who=Identity(telegram_id=4403))
    await answer(monthly, [*START, *ALONE_1985, *NO_BENEFIT, "press:Oui, à peu près", "type:1000"])
    shown = await answer(monthly, ["press:formation", "press:Valider", "type:12000,01"])
    assert f"jusqu'à {euros('12 000')}" in shown
    english = translator("en")(
        Msg(flows["rights_check"].step("activity_cut_income").at_most_error or "", "flow:rights_check")
    )
    assert english != "" and "{total}" in english and "Ce montant" not in english


async def test_none_leaves_the_figures_as_they_were(assistant: Assistant, db: Database) -> None:
    """« Non, personne »: 13 500 € are counted whole → between 10 339 € and 13 957 €: C2S with participation."""
    person = Person(assistant, db)
    await answer(person, [*START, *ALONE_1985, *NO_BENEFIT, YEARLY, "type:13500", "press:Au chômage"])
    shown = await answer(person, ["press:Non, personne"])
    assert "☑ Non, personne" in shown and "☐ Au chômage" in shown  # « Non, personne » unticks the others
    card = await answer(person, ["press:Valider", *TENANT_TO_END])
    assert "🟢 C2S avec participation : droit probable" in card
    assert f"Ressources du foyer sur 12 mois : {euros('13 500')}." in card
    assert "revenus d'activité" not in card


async def test_ass_ticked_among_the_benefits_is_ticked_already(assistant: Assistant, db: Database) -> None:
    """Someone who ticked the ASS among the benefits finds it ticked; without a permit or income, no question."""
    person = Person(assistant, db)
    steps = [*START, *ALONE_1985, "press:ASS", "press:Valider", YEARLY, "type:9000"]
    shown = await answer(person, steps)
    assert "☑ Allocation de solidarité (ASS)" in shown and QUESTION in shown
    assert AMOUNT in await answer(person, ["press:Valider"])
    for who, situation, first in [(4401, "press:Sans titre", "type:9000"), (4402, "press:Nationalité", "type:0")]:
        other = Person(assistant, db, who=Identity(telegram_id=who))
        steps = [*START, situation, "press:Plus de 3 mois", "type:1985", "type:1", "press:métropolitaine"]
        steps[len(START) + 2 : len(START) + 2] = ["press:Passer"] if situation == "press:Sans titre" else []
        steps += NO_BENEFIT if situation == "press:Nationalité" else []
        shown = await answer(other, [*steps, YEARLY, first])
        assert "Versez-vous une pension alimentaire ?" in shown and QUESTION not in shown, (who, shown)


def test_the_bench_answers_follow_the_version_10_flow(flows: dict[str, Flow]) -> None:
    """`bench/answers.py` answers every question the flow asks on its path, the new ones included (a pensioner on a
    stay skips the C2S questions; version 10: back to live in France, with or without a French pension)."""
    flow = flows["rights_check"]
    assert flow.version == 10
    households = [
        Household(born=1985, resources=Decimal(13_500), activity_cut_income=Decimal(12_000)),
        Household(born=1985, resources=Decimal(13_500), training_pay_ended=Decimal(3_000)),
        Household(
            born=1985, resources=Decimal(13_500), activity_cut_income=Decimal(5_000), training_pay_ended=Decimal(3_000)
        ),
        Household(born=1985, resources=Decimal(9_000)),
        Household(born=1985, resources=Decimal(0)),
        Household(born=1980, partner_born=1982, resources=Decimal(21_000), benefits=frozenset({"ass"})),
        Household(born=1955, arrived=date(2026, 10, 15), pension="french_europe", benefits=frozenset({"aspa"})),
        Household(born=1955, arrived=date(2026, 10, 15), pension="french_return", resources=Decimal(14_400)),
        Household(born=1980, arrived=date(2026, 10, 15), waivers=frozenset({"return_abroad"})),
    ]
    for h in households:
        answers = answers_of(h, DAY)
        step, path = flow.first_step, []
        while step != END:
            assert step in answers, (step, path)
            path.append(step)
            step = next_step(flow.step(step), {k: answers[k] for k in path})
        assert set(answers) == set(path), set(answers) - set(path)
    assert answers_of(households[0], DAY)["activity_cut_income"] == "12000"


def test_the_staff_block_lists_the_rule_and_answers_read_as_given(flows: dict[str, Flow]) -> None:
    """Staff read the rule applied, its source and the proof to ask for; the person's own card keeps it out.

    Answers of version 5 (no `activity_situation`) and « Non, personne » count the 13 500 € whole, as before.
    """
    base = {"residence": "national", "in_france": "more", "born": "1985", "household_size": 1}
    base |= {"territory": "metropole", "benefits": ["none"], "income_regular": "varies", "income_year": "13500"}
    cut = {**base, "activity_situation": ["unemployed"], "activity_cut_income": "12000", "housing": "tenant"}
    card = rights(flows["rights_check"], cut, DAY)
    staff = render_blocks(card.for_staff().blocks, translator("fr"))
    assert (
        "Appliqué selon la situation déclarée : Abattement sur les revenus d'activité d'une personne au chômage, à "
        "l'ASS, en arrêt maladie de plus de 6 mois ou en formation (part retirée) (CSS R861-8 (décret n° 2021-1642 "
        "du 13 décembre 2021)" in staff
    )
    assert "LEGIARTI000044492511" in staff
    assert "Appliqué selon la situation" not in render_blocks(card.blocks, translator("fr"))
    assert household(cut).activity_cut_income == Decimal(12_000)
    for older in [base, {**base, "activity_situation": ["none"], "activity_cut_income": "12000"}]:
        h = household(older)
        assert h.activity_cut_income == 0
        assert resources(h, Context(DAY, default_table())).total == Decimal(13_500)
