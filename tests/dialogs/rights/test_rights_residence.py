"""PUMa, AME and urgent care: residence, its waivers, asylum seekers and refugees, minors, territories."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dialogs.i18n import translator
from dialogs.rights import Dependant, Household, evaluate
from dialogs.rights.outcome import Context
from dialogs.rights.puma import puma as basic_cover
from dialogs.rights.table import default_table

TODAY = date(2026, 11, 22)
T = translator("fr")


def context(day: date) -> Context:
    return Context(day, default_table())


def rights(h: Household, day: date = TODAY) -> dict[str, str]:
    return {o.right: o.status for o in evaluate(h, day).outcomes}


def test_long_time_residents_and_workers_are_covered() -> None:
    assert rights(Household(age=40))["puma"] == "covered"
    newcomer = Household(age=40, residence="permit", arrived=date(2026, 10, 1), works_in_france=True)
    assert rights(newcomer)["puma"] == "covered"


def test_a_newcomer_waits_three_months_unless_a_waiver_applies() -> None:
    h = Household(age=40, residence="permit", arrived=date(2026, 10, 1))
    report = evaluate(h, TODAY)
    puma = report.get("puma")
    assert puma is not None and puma.status == "not_yet"
    # "Plus de trois mois" (CSS L160-1, D160-2): the three months end on 1 January, the cover starts the day after.
    assert puma.due == date(2027, 1, 2)
    assert report.get("c2s") is None  # complementary cover comes after basic cover
    assert "à partir du 2 janvier 2027" in T(puma.reasons[0])
    for waived in (
        Household(age=40, residence="refugee", arrived=date(2026, 10, 1)),
        Household(age=20, residence="permit", arrived=date(2026, 10, 1), waivers=frozenset({"student"})),
        Household(age=40, residence="national", arrived=date(2026, 10, 1), benefits=frozenset({"housing"})),
    ):
        assert rights(waived)["puma"] == "covered", waived


def test_an_adult_asylum_seeker_waits_three_months_with_urgent_care_meanwhile() -> None:
    """D160-2 as amended by décret 2019-1531: since 1 January 2020 adult asylum seekers wait 3 months.

    Arrived on 1 October 2026, checked on 22 November 2026: covered from 2 January 2027, once the stay is of *more*
    than 3 months (the three months end on 1 January); until then urgent
    care at the hospital (CASF L254-1); no C2S nor free check-up before basic cover (the tool offered both).
    """
    h = Household(age=30, residence="asylum_seeker", arrived=date(2026, 10, 1), resources=Decimal(3_000))
    report = evaluate(h, TODAY)
    assert [o.right for o in report.outcomes] == ["puma", "urgent_care"]
    puma = report.get("puma")
    assert puma is not None and (puma.status, puma.due) == ("not_yet", date(2027, 1, 2))
    assert "depuis 2020, une personne majeure qui demande l'asile" in T(puma.reasons[0])
    assert "protection subsidiaire" in T(puma.steps[1])
    # Before 2020 the same person was covered at once (the rule table dates the change).
    before = basic_cover(
        Household(age=30, residence="asylum_seeker", arrived=date(2019, 11, 1)), context(date(2019, 12, 1))
    )
    assert before is not None and before.status == "covered"


def test_refugees_and_minor_asylum_seekers_keep_the_waiver() -> None:
    refugee = evaluate(Household(age=30, residence="refugee", arrived=date(2026, 10, 1)), TODAY).get("puma")
    assert refugee is not None and refugee.status == "covered"
    assert "réfugié·e ou bénéficiaire de la protection subsidiaire" in T(refugee.reasons[0])
    minor = evaluate(Household(born=2010, residence="asylum_seeker", arrived=date(2026, 10, 1)), TODAY).get("puma")
    assert minor is not None and minor.status == "covered"
    assert "moins de 18 ans et demandez l'asile, seul·e ou avec votre famille" in T(minor.reasons[0])  # alone too


def test_the_minor_children_of_an_adult_asylum_seeker_are_covered_at_once() -> None:
    """D160-2 (décret 2019-1531): the 3-month wait applies to adult asylum seekers, not to their minor children.

    A mother asking asylum, arrived on 1 October 2026 with children of 8 and 3, checked on 22 November 2026:
    she is covered from 2 January 2027 (more than 3 months), her children now (the card said nothing about them).
    A child of 19 waits like an adult: no such sentence.
    """
    h = Household(age=30, residence="asylum_seeker", arrived=date(2026, 10, 1), dependants=(Dependant(8), Dependant(3)))
    puma = evaluate(h, TODAY).get("puma")
    assert puma is not None and (puma.status, puma.due) == ("not_yet", date(2027, 1, 2))
    assert T(puma.reasons[1]) == (
        "Vos enfants de moins de 18 ans n'ont pas à attendre : les enfants mineurs d'une personne qui demande "
        "l'asile sont couverts dès leur arrivée."
    )
    assert T(puma.steps[0]) == "Demandez dès maintenant l'affiliation de vos enfants à votre CPAM."
    grown = evaluate(
        Household(age=45, residence="asylum_seeker", arrived=date(2026, 10, 1), dependants=(Dependant(19),)), TODAY
    ).get("puma")
    assert grown is not None and len(grown.reasons) == 1


def test_the_minor_children_of_a_newcomer_without_a_permit_can_have_ame_at_once() -> None:
    """CASF L251-1: minors have AME without the 3 months of presence, even while their parent waits.

    A father without a permit, arrived on 1 October 2026 with children of 8 and 3, 3 000 € over 12 months,
    tenant without benefit, checked on 22 November 2026. Household of 3: coefficient 1 + 0.5 + 0.3 = 1.8
    (R861-3); the 2025 base 10 339 € still applies (2026 not collected): 10 339 × 1.8 = 18 610.2 → 18 610 €.
    3 000 € ≤ 18 610 €: his AME waits until 2 January 2027 (more than 3 months of presence), his children's does
    not. Over the ceiling (20 000 €) the children are not told to ask.
    """
    children = (Dependant(8), Dependant(3))
    h = Household(
        age=35, residence="irregular", arrived=date(2026, 10, 1), dependants=children, resources=Decimal(3_000)
    )
    ame = evaluate(h, TODAY).get("ame")
    assert ame is not None and (ame.status, ame.due) == ("not_yet", date(2027, 1, 2))
    assert T(ame.reasons[1]) == (
        "Vos enfants de moins de 18 ans n'ont pas à attendre : 3\u202f000\u00a0€ est en dessous du plafond de "
        "l'AME pour votre foyer (18\u202f610\u00a0€), ils peuvent l'avoir dès maintenant."
    )
    assert T(ame.steps[0]) == "Demandez dès maintenant l'AME pour vos enfants, en personne à l'accueil de votre CPAM."
    over = Household(
        age=35, residence="irregular", arrived=date(2026, 10, 1), dependants=children, resources=Decimal(20_000)
    )
    over_ame = evaluate(over, TODAY).get("ame")
    assert over_ame is not None and over_ame.status == "unlikely"
    assert not any("Vos enfants" in T(reason) for reason in over_ame.reasons)


def test_a_newcomer_over_the_ceiling_is_not_told_to_ask_for_ame_in_three_months() -> None:
    """CASF L251-1: AME needs 3 months of presence AND resources under the free-C2S ceiling.

    Drill household: a woman without a permit, born 1985, arrived on 1 October 2026, alone, 20 000 € over
    12 months, tenant without benefit, checked on 30 November 2026. Ceiling for 1 person: the 2025 base
    10 339 € (2026 not collected). 20 000 € > 10 339 €: on 1 January 2027 she will have her 3 months but still
    be over the ceiling. The card said "🟡 AME : pas encore … Faites la demande d'AME … à partir du 1er janvier
    2027"; it now says AME is unlikely with these resources, with the figures, and points to urgent care.
    """
    h = Household(age=40, residence="irregular", arrived=date(2026, 10, 1), resources=Decimal(20_000))
    report = evaluate(h, date(2026, 11, 30))
    ame = report.get("ame")
    assert ame is not None and ame.status == "unlikely"
    assert [T(reason) for reason in ame.reasons] == [
        "Vous êtes arrivé·e en France le 1er octobre 2026 : l'AME demande 3 mois de présence, "
        "soit à partir du 2 janvier 2027.",  # more than 3 months (CASF L251-1): the day after 1 January
        "Votre foyer : 1 personne.",
        "Ressources du foyer sur 12 mois : 20\u202f000\u00a0€.",
        "20\u202f000\u00a0€ dépasse le plafond de l'AME pour votre foyer (10\u202f339\u00a0€).",
    ]
    assert report.get("urgent_care") is not None
    under = Household(age=40, residence="irregular", arrived=date(2026, 10, 1), resources=Decimal(10_000))
    assert rights(under, date(2026, 11, 30)) == {"ame": "not_yet", "urgent_care": "info"}


def test_over_the_ame_ceiling_the_person_is_told_what_to_do_next() -> None:
    """Like C2S "peu probable", AME "peu probable" says to redo the check if resources drop (it had no next step).

    Drill household: born 1980, without a permit for years, alone, 15 000 € over 12 months, tenant, checked on
    30 November 2026: 15 000 € > 10 339 € (2025 base, 2026 not collected), 45 % over, so no amber doubt.
    Near the ceiling with out-of-date values (10 500 €, 1.6 % over) the card also says how to ask for it.
    """
    ame = evaluate(Household(age=45, residence="irregular", resources=Decimal(15_000)), date(2026, 11, 30)).get("ame")
    assert ame is not None and (ame.status, ame.uncertain) == ("unlikely", False)
    assert [T(step) for step in ame.steps] == [
        "Si vos ressources baissent, refaites ce bilan : le droit se calcule sur les 12 derniers mois."
    ]
    near = evaluate(Household(age=45, residence="irregular", resources=Decimal(10_500)), date(2026, 11, 30)).get("ame")
    assert near is not None and (near.status, near.uncertain) == ("unlikely", True)
    assert [T(step) for step in near.steps] == [
        "La première demande se fait en personne à l'accueil de votre CPAM.",
        "Si vos ressources baissent, refaites ce bilan : le droit se calcule sur les 12 derniers mois.",
    ]


def test_the_person_is_covered_the_day_after_three_months() -> None:
    """CSS L160-1 and D160-2: a residence of *more than* three months. Arrived on 22 August 2026, the three months
    are over on 22 November 2026 (the tool said covered that day): covered from 23 November."""
    assert rights(Household(age=40, residence="permit", arrived=date(2026, 8, 21)))["puma"] == "covered"
    assert rights(Household(age=40, residence="permit", arrived=date(2026, 8, 22)))["puma"] == "not_yet"
    assert rights(Household(age=40, residence="permit", arrived=date(2026, 8, 22)), date(2026, 11, 23))["puma"] == (
        "covered"
    )
    assert rights(Household(age=40, residence="asylum_seeker", arrived=date(2026, 8, 22)))["puma"] == "not_yet"
    assert rights(Household(age=40, residence="asylum_seeker", arrived=date(2026, 8, 21)))["puma"] == "covered"


def test_ame_starts_the_day_after_three_months_of_presence() -> None:
    """CASF L251-1: a presence of *more than* three months; arrived on 22 August 2026, AME from 23 November."""
    h = Household(age=30, residence="irregular", arrived=date(2026, 8, 22))
    ame = evaluate(h, TODAY).get("ame")
    assert ame is not None and (ame.status, ame.due) == ("not_yet", date(2026, 11, 23))
    assert "soit à partir du 23 novembre 2026" in T(ame.reasons[0])
    assert rights(h, date(2026, 11, 23))["ame"] == "likely"


def test_ame_after_three_months_under_the_free_c2s_ceiling() -> None:
    under = Household(age=30, residence="irregular", resources=Decimal(10_339))
    assert rights(under) == {"ame": "likely"}
    over = Household(age=30, residence="irregular", resources=Decimal(12_000))
    assert rights(over) == {"ame": "unlikely", "urgent_care": "info"}


def test_before_three_months_only_urgent_care_except_for_minors() -> None:
    adult = Household(age=30, residence="irregular", arrived=date(2026, 10, 15))
    report = evaluate(adult, TODAY)
    ame = report.get("ame")
    # Arrived 15 October: 3 months on 15 January, more than 3 months (CASF L251-1) from 16 January.
    assert ame is not None and (ame.status, ame.due) == ("not_yet", date(2027, 1, 16))
    urgent = report.get("urgent_care")
    assert urgent is not None
    assert "PASS" in T(urgent.steps[0])
    minor = Household(age=12, residence="irregular", arrived=date(2026, 10, 15))
    assert rights(minor)["ame"] == "likely"


def test_people_without_a_permit_get_no_puma_or_c2s_outcome() -> None:
    assert set(rights(Household(age=30, residence="irregular"))) == {"ame"}


def test_mayotte_has_neither_c2s_nor_ame_and_points_to_the_cssm() -> None:
    for residence in ("national", "irregular"):
        report = evaluate(Household(age=40, territory="mayotte", residence=residence), TODAY)  # type: ignore[arg-type]
        assert [o.right for o in report.outcomes] == ["mayotte"]
        (outcome,) = report.outcomes
        text = " ".join(T(m) for m in (*outcome.reasons, *outcome.steps))
        assert "Caisse de sécurité sociale de Mayotte (CSSM)" in text
        assert "La C2S et l'AME n'existent pas à Mayotte" in text
        assert outcome.offers == ("callback",)


def test_saint_martin_and_saint_barthelemy_take_the_overseas_ceilings_to_be_confirmed() -> None:
    """2025: 10 339 × 1.113 = 11 507.307 → 11 507 €, as overseas; the rule is marked unverified for staff."""
    for territory in ("saint_martin", "saint_barthelemy"):
        report = evaluate(Household(age=40, territory=territory, resources=Decimal(11_500)), date(2025, 10, 15))  # type: ignore[arg-type]
        c2s = report.get("c2s")
        assert c2s is not None and c2s.band == "free"
        assert "c2s_overseas_collectivities" in {a.name for a in report.unverified}
        assert any("Saint-Martin et à Saint-Barthélemy" in T(m) for m in c2s.reasons)


BODY = {
    "saint_martin": "l'agence de Saint-Martin de la CGSS de la Guadeloupe",
    "saint_barthelemy": "la Caisse de prévoyance sociale de Saint-Barthélemy",
}


def test_ame_in_saint_martin_and_saint_barthelemy_says_the_overseas_ceiling_is_to_be_confirmed() -> None:
    """The AME ceiling is the free-C2S one (CASF L251-1): there, 10 339 × 1.113 = 11 507.307 → 11 507 € (2025),
    from the unverified `c2s_overseas_collectivities`. The C2S card said the caisse would confirm; the AME card
    applied the same ceiling without a word. Both now name the body that will confirm (`bodies`)."""
    for territory in ("saint_martin", "saint_barthelemy"):
        h = Household(age=40, territory=territory, residence="irregular", resources=Decimal(11_000))  # type: ignore[arg-type]
        ame = evaluate(h, date(2025, 10, 15)).get("ame")
        assert ame is not None and ame.status == "likely"
        assert (
            "À Saint-Martin et à Saint-Barthélemy, nous appliquons les plafonds de l'outre-mer : les règles qui "
            f"s'appliquent vous seront confirmées par {BODY[territory]}."
        ) in [T(m) for m in ame.reasons]
    mainland = evaluate(Household(age=40, residence="irregular", resources=Decimal(9_000)), date(2025, 10, 15))
    ame = mainland.get("ame")
    assert ame is not None and not any("Saint-Martin" in T(m) for m in ame.reasons)


def test_a_minor_is_not_asked_for_a_proof_of_three_months_of_presence() -> None:
    """CASF L251-1: minors have AME without the 3 months of presence. Born in 2012, arrived on 1 November 2026,
    checked on 22 November 2026 (13 on 1 January 2026): AME likely, and the documents to prepare no longer ask
    for a proof of presence for more than 3 months; an adult living here for longer still is."""
    minor = evaluate(Household(born=2012, residence="irregular", arrived=date(2026, 11, 1)), TODAY).get("ame")
    assert minor is not None and minor.status == "likely"
    assert T(minor.steps[1]) == (
        "Préparez : une pièce d'identité, un justificatif de domicile ou de domiciliation, les ressources du foyer "
        "des 12 derniers mois."
    )
    adult = evaluate(Household(age=30, residence="irregular"), TODAY).get("ame")
    assert adult is not None and "preuve de présence en France depuis plus de 3 mois" in T(adult.steps[1])


def test_someone_turning_18_this_year_is_not_told_they_are_a_minor() -> None:
    """The chat asks the year of birth only. Born in 2008 and checked on 22 November 2026, a person is 18 unless
    their birthday falls in the last 5 weeks of the year: D160-2 makes an adult asylum seeker wait 3 months, CASF
    L251-1 makes an adult wait 3 months for AME. Arrived on 1 October 2026: both "not yet" (from 2 January 2027,
    more than 3 months),
    each with the sentence for someone not 18 yet. Born in 2009 (17 at most this year): still a minor, covered."""
    not_18_yet = (
        "Vous avez 18 ans cette année : si vous ne les avez pas encore, vous n'avez pas à attendre ; dites-le à "
        "votre CPAM et faites la demande dès maintenant."
    )
    arrived = date(2026, 10, 1)
    asylum = evaluate(Household(born=2008, residence="asylum_seeker", arrived=arrived), TODAY).get("puma")
    assert asylum is not None and (asylum.status, asylum.due) == ("not_yet", date(2027, 1, 2))
    assert [T(m) for m in asylum.reasons][1:] == [not_18_yet]
    ame = evaluate(Household(born=2008, residence="irregular", arrived=arrived), TODAY).get("ame")
    assert ame is not None and (ame.status, ame.due) == ("not_yet", date(2027, 1, 2))
    assert [T(m) for m in ame.reasons][1:] == [not_18_yet]
    younger = evaluate(Household(born=2009, residence="asylum_seeker", arrived=arrived), TODAY).get("puma")
    assert younger is not None and younger.status == "covered"
    assert "moins de 18 ans" in T(younger.reasons[0])
    given = evaluate(Household(age=17, residence="asylum_seeker", arrived=arrived), TODAY).get("puma")
    assert given is not None and given.status == "covered"  # an age given as such (the API) is not in doubt


def test_someone_renewing_ame_reads_the_renewal_steps_not_the_first_request() -> None:
    """Décret 2020-1325: only the *first* AME request is made in person; the 9-month wait for some planned care
    (service-public F3079) concerns new holders. Someone who already has AME until 15 January 2027 and renews it was
    told "La première demande se fait en personne" and the 9-month rule; they now read how to renew."""
    h = Household(age=30, residence="irregular", resources=Decimal(9_000), cover="ame", cover_end=date(2027, 1, 15))
    ame = evaluate(h, TODAY).get("ame")
    assert ame is not None and ame.status == "likely"
    steps = [T(m) for m in ame.steps]
    assert steps[0] == (
        "Vous avez déjà l'AME : envoyez ou déposez votre demande de renouvellement à votre CPAM, 2 mois avant la fin "
        "de vos droits. Seule la première demande se fait obligatoirement en personne."
    )
    assert not any("première demande se fait en personne" in s or "9 mois" in s for s in steps)
    assert not any("présence en France depuis plus de 3 mois" in s for s in steps)
    first = evaluate(Household(age=30, residence="irregular", resources=Decimal(9_000)), TODAY).get("ame")
    assert first is not None
    assert T(first.steps[0]) == "La première demande se fait en personne à l'accueil de votre CPAM."


def test_a_newcomer_waiting_for_basic_cover_is_told_about_c2s_next() -> None:
    """CSS L861-1: C2S is for people covered by PUMa (L160-1). A permit holder or an adult asylum seeker arrived on
    1 October 2026 waits until 2 January 2027 (D160-2) and was never told that C2S can follow: the card now says so.
    """
    c2s_next = (
        "Une fois couvert·e par la couverture de base, à partir du 2 janvier 2027, vous pourrez aussi demander la C2S "
        "(complémentaire santé solidaire) si les ressources de votre foyer sont faibles : refaites ce bilan à ce "
        "moment-là."
    )
    for residence in ("permit", "asylum_seeker"):
        h = Household(age=30, residence=residence, arrived=date(2026, 10, 1), resources=Decimal(3_000))  # type: ignore[arg-type]
        puma = evaluate(h, TODAY).get("puma")
        assert puma is not None and puma.status == "not_yet", residence
        assert c2s_next in [T(m) for m in puma.steps], residence
    covered = evaluate(Household(age=30, residence="permit"), TODAY).get("puma")
    assert covered is not None and not any("pourrez aussi demander la C2S" in T(m) for m in covered.steps)
