"""The free health check-up (EPS) and Mon bilan prévention, by age.

CSS L321-3: the examen de prévention en santé is free from 16 for people insured under the general
scheme, in a CPAM health examination centre; priority to precarious people. Mon bilan prévention
(since 2024): one review in each age band, with a doctor, nurse, pharmacist or midwife.

The chat asks the year of birth only: someone born in 2010 is 15 or 16 on a day of 2026. Certainly old enough on the
day of the check, the person is offered the check-up or the review as such; reaching the age only this year, they
are offered it "from your 16th birthday" (or the band's first age); leaving a band this year, "until the day before"
the age after it. No date is given: the day of birth is unknown.
"""

from __future__ import annotations

from decimal import Decimal

from dialogs.rights.bodies import BODIES
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Outcome
from dialogs.rights.recipients import personal
from dialogs.rights.table import parsed
from dialogs.text import Figures, Msg, msg, plural

PRIORITY_BENEFITS = frozenset({"rsa", "ass", "aah", "cej"})
"""Priority publics of the check-up (rights-rules.md, service-public F170) known from the benefits: RSA; jobseekers
(ASS); disabled people (AAH); young people in an insertion scheme (contrat d'engagement jeune). C2S counts too.
The RSA is paid to the household: the person is in an RSA household. The others are a person's own: they make the
person priority only when the person receives them (`recipients.personal`); F170 names no household priority."""
PRIORITY = msg("Vous faites partie des personnes prioritaires.", "rights")
PRIORITY_IF_YOURS = {
    "aah": msg("Si c'est vous qui recevez l'AAH, vous faites partie des personnes prioritaires.", "rights"),
    "ass": msg("Si c'est vous qui recevez l'ASS, vous faites partie des personnes prioritaires.", "rights"),
    "cej": msg(
        "Si c'est vous qui recevez l'allocation du contrat d'engagement jeune, vous faites partie des personnes "
        "prioritaires.",
        "rights",
    ),
}
"""Said when the benefit is ticked for the household and the answers do not say whose it is."""
CHECKUP_STEPS = (
    msg("Il se passe dans un centre d'examens de santé de l'Assurance Maladie et dure environ 2 h 30.", "rights"),
    msg("La prise de sang se fait à jeun : ne mangez pas le matin.", "rights"),
    msg("Rendez-vous par téléphone au 3646 ou sur votre compte ameli.", "rights"),
)
# TRANSLATORS: {body} is the health-insurance body, such as « la Caisse de prévoyance sociale de Saint-Barthélemy ».
APPOINTMENT_AT = msg("Prenez rendez-vous auprès de {body}.", "rights")
"""Where people without an ameli account (Saint-Barthélemy, `bodies`) make the appointment."""


REVIEW_STEP = msg(
    "Prenez rendez-vous avec votre médecin, un·e infirmier·e, un·e pharmacien·ne ou une "
    "sage-femme : il est pris en charge à 100 %.",
    "rights",
)


def _review(h: Household, age: int, band: Msg, low: int, high: int) -> Msg:
    """ "Born in 1976, you can have Mon bilan prévention (45–50)": the year, not an age that may be a year off.

    Reaching the band's first age this year, or its last age's next one, the person may be outside it today: the
    card then says from which birthday, or until which one.
    """
    if h.born is not None and age + 1 == low:
        # TRANSLATORS: {year} is the year of birth (four digits); {band} an age band such as "45–50 ans"; {n} its
        # first age: the person may have it only later this year.
        return plural(
            "Né·e en {year}, vous pouvez faire « Mon bilan prévention » (tranche {band}) à partir de vos {n} an.",
            "Né·e en {year}, vous pouvez faire « Mon bilan prévention » (tranche {band}) à partir de vos {n} ans.",
            low,
            "rights",
            year=Figures(str(h.born)),
            band=band,
        )
    if h.born is not None and age == high:
        # TRANSLATORS: {year} is the year of birth (four digits); {band} an age band such as "45–50 ans"; {n} the
        # age just after the band (51): the person may already have it.
        return plural(
            "Né·e en {year}, vous pouvez faire « Mon bilan prévention » (tranche {band}) jusqu'à la veille de vos "
            "{n} an.",
            "Né·e en {year}, vous pouvez faire « Mon bilan prévention » (tranche {band}) jusqu'à la veille de vos "
            "{n} ans.",
            high + 1,
            "rights",
            year=Figures(str(h.born)),
            band=band,
        )
    if h.born is not None:
        # TRANSLATORS: {year} is the person's year of birth (four digits); {band} an age band such as "45–50 ans".
        return msg(
            "Né·e en {year}, vous pouvez faire « Mon bilan prévention » (tranche {band}).",
            "rights",
            year=Figures(str(h.born)),
            band=band,
        )
    # TRANSLATORS: {n} is the person's age; {band} an age band such as "60–65 ans".
    return plural(
        "À {n} an, vous pouvez faire « Mon bilan prévention » (tranche {band}).",
        "À {n} ans, vous pouvez faire « Mon bilan prévention » (tranche {band}).",
        age,
        "rights",
        band=band,
    )


def _checkup_steps(h: Household) -> tuple[Msg, ...]:
    """How the check-up goes and where to make the appointment: the 3646 or ameli, or the body without ameli."""
    body = BODIES.get(h.territory)
    if body is None or body.ameli:
        return CHECKUP_STEPS
    return (*CHECKUP_STEPS[:-1], APPOINTMENT_AT.bind(body=body.name))


def _priority(h: Household, ctx: Context, c2s: bool) -> Msg | None:
    """ "You are among the priority people": C2S, an RSA household, or a personal benefit the person receives."""
    if c2s or "rsa" in h.benefits:
        return PRIORITY
    if not PRIORITY_BENEFITS & h.benefits:
        return None
    sure, maybe = personal(h, ctx)
    if sure:
        return PRIORITY
    return next((PRIORITY_IF_YOURS[b] for b in ("aah", "ass", "cej") if b in maybe), None)


def prevention(h: Household, ctx: Context, *, insured: bool, c2s: bool) -> list[Outcome]:
    """The check-up for insured people of 16 and over, and the age-band prevention review."""
    if not insured:
        return []
    found: list[Outcome] = []
    minimum = int(ctx.number("health_checkup_min_age"))
    age = h.age_on(ctx.today)
    reached = age if h.born is None else ctx.today.year - h.born  # with the year of birth only: `age` or this
    if reached >= minimum:
        reasons = [
            plural(
                "L'examen de prévention en santé est gratuit pour les assurés à partir de {n} an.",
                "L'examen de prévention en santé est gratuit pour les assurés à partir de {n} ans.",
                minimum,
                "rights",
            )
        ]
        if age < minimum:  # born in the year that makes the person 16: maybe not 16 yet
            reasons.append(
                plural(
                    "Vous avez {n} an cette année : vous pouvez faire cet examen à partir de vos {n} an.",
                    "Vous avez {n} ans cette année : vous pouvez faire cet examen à partir de vos {n} ans.",
                    minimum,
                    "rights",
                )
            )
        priority = _priority(h, ctx, c2s)
        if priority is not None:
            reasons.append(priority)
        found.append(Outcome("health_checkup", "likely", tuple(reasons), _checkup_steps(h), ("checkup",)))
    if not ctx.in_force("prevention_review_ages"):
        return found
    for low, high in parsed(ctx.mapping("prevention_review_ages"), _age_bands):
        if low <= age <= high or low <= reached <= high:
            # TRANSLATORS: an age band, from {low} to {n} years old ("60–65 ans").
            band = plural("{low}–{n} an", "{low}–{n} ans", high, "rights", low=low)
            reason = _review(h, age, band, low, high)
            found.append(Outcome("prevention_review", "likely", (reason,), (REVIEW_STEP,)))
    return found


def _age_bands(bands: dict[str, Decimal | str]) -> tuple[tuple[int, int], ...]:
    """The review's age bands as (first age, last age), as the rule table lists them."""
    return tuple((int(k), int(v)) for k, v in bands.items())
