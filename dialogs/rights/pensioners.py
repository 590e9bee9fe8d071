"""Pensioners who do not wait the PUMa's 3 months: French pensions during stays, European pensions with the S1 form.

CSS L160-3: someone living abroad without a job who holds an old-age, survivor's or invalidity pension of a French basic
scheme (or a work-accident pension) has their health costs covered during stays in France; since loi n° 2018-1203
(LFSS 2019, art. 52) those living outside the EU/EEA/Switzerland need 15 years insured in France, unless an
international agreement says otherwise. Règlement (CE) n° 883/2004, art. 24: someone with a pension of another EU/EEA
state or Switzerland who comes to live in France registers with the CPAM with the S1 form, without the 3 months. C2S is
for people living in France (CSS L861-1), not for a stay.
"""

from __future__ import annotations

from dialogs.rights.bodies import Named
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context
from dialogs.text import Msg, msg, plural

STAYS = frozenset({"french_europe", "french_15"})
"""Pensions covering someone who lives abroad during their stays in France (L160-3)."""
EUROPE = msg(
    "vous vivez dans un autre pays d'Europe avec une pension française, qui couvre vos soins pendant vos séjours en "
    "France",
    "rights",
)
S1 = msg(
    "vous recevez une retraite d'un autre pays d'Europe, et le formulaire S1 vous inscrit à l'Assurance Maladie dès "
    "votre arrivée",
    "rights",
)
STAY_STEPS = (
    msg(
        "Pendant vos séjours, présentez votre carte Vitale. Si vous n'en avez pas, demandez à l'Assurance Maladie "
        "comment vous inscrire : 3646, ou +33 811 70 36 46 depuis l'étranger.",
        "rights",
    ),
    msg(
        "La C2S (complémentaire santé solidaire) est réservée aux personnes qui vivent en France : elle ne s'applique "
        "pas pendant un séjour.",
        "rights",
    ),
)
S1_STEPS = Named(
    msg(
        "Demandez le formulaire S1 à la caisse qui vous verse votre retraite, puis inscrivez-vous avec lui à votre "
        "CPAM ; apportez une pièce d'identité et un acte de naissance.",
        "rights",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg(
        "Demandez le formulaire S1 à la caisse qui vous verse votre retraite, puis inscrivez-vous avec lui auprès de "
        "{body} ; apportez une pièce d'identité et un acte de naissance.",
        "rights",
    ),
)


def waiver(h: Household, ctx: Context) -> Msg | None:
    """Why the 3 months do not apply to the person's pension, if they do not."""
    if h.pension == "french_europe":
        ctx.value("puma_pensioners_abroad")
        return EUROPE
    if h.pension == "french_15":
        ctx.value("puma_pensioners_abroad")
        years = int(ctx.number("puma_pensioners_years_outside_europe"))
        return plural(
            "vous avez une pension française et au moins {n} an d'assurance en France, qui couvrent vos soins pendant "
            "vos séjours en France",
            "vous avez une pension française et au moins {n} ans d'assurance en France, qui couvrent vos soins pendant "
            "vos séjours en France",
            years,
            "rights",
        )
    if h.pension == "s1":
        ctx.value("puma_eu_pensioners_s1")
        return S1
    return None


def steps(h: Household) -> tuple[Msg, ...] | None:
    """What to do with that pension, instead of the newcomer's affiliation steps."""
    if h.pension in STAYS:
        return STAY_STEPS
    if h.pension == "s1":
        return (S1_STEPS.said(h),)
    return None


def still_waits(h: Household, ctx: Context) -> tuple[Msg, ...]:
    """Why a French pension does not spare someone living outside Europe with less than 15 years insured.

    The rule that may lift the 15 years is named (a social security agreement covering sickness, listed by the
    Cleiss), not the countries: the list changes with each agreement signed or ended.
    """
    if h.pension != "french_under_15":
        return ()
    ctx.value("puma_pensioners_abroad")
    ctx.value("puma_pensioners_agreements")
    years = int(ctx.number("puma_pensioners_years_outside_europe"))
    return (
        plural(
            "Vous vivez hors d'Europe avec une pension française de moins de {n} an d'assurance en France : depuis "
            "2019, vos soins pendant un séjour en France ne sont pris en charge que si la convention de sécurité "
            "sociale entre la France et votre pays le prévoit ; toutes ne couvrent pas la maladie. Le Cleiss publie la "
            "liste de ces conventions (cleiss.fr) ; demandez à l'Assurance Maladie si la vôtre vous couvre : 3646, ou "
            "+33 811 70 36 46 depuis l'étranger.",
            "Vous vivez hors d'Europe avec une pension française de moins de {n} ans d'assurance en France : depuis "
            "2019, vos soins pendant un séjour en France ne sont pris en charge que si la convention de sécurité "
            "sociale entre la France et votre pays le prévoit ; toutes ne couvrent pas la maladie. Le Cleiss publie la "
            "liste de ces conventions (cleiss.fr) ; demandez à l'Assurance Maladie si la vôtre vous couvre : 3646, ou "
            "+33 811 70 36 46 depuis l'étranger.",
            years,
            "rights",
        ),
    )


def lives_abroad(h: Household) -> bool:
    """Whether the person is in France for a stay only, covered by a French pension (no C2S then)."""
    return h.pension in STAYS
