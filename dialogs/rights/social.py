"""The Assurance Maladie social service offers the person's situation points to."""

from __future__ import annotations

from datetime import timedelta

from dialogs.rights.bodies import Named
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Offer, Outcome
from dialogs.text import Money, Msg, msg, plural

CALLBACK: tuple[Offer, ...] = ("callback",)
SESSION: tuple[Offer, ...] = ("session", "callback")
OFFERS: dict[str, tuple[Msg, Msg | Named, tuple[Offer, ...]]] = {
    "job_at_risk": (
        msg("Un problème de santé menace votre emploi.", "rights"),
        msg(
            "Le service social peut vous orienter vers la cellule de prévention de la désinsertion professionnelle "
            "et les ateliers Prév'Emploi.",
            "rights",
        ),
        SESSION,
    ),
    "caregiver": (
        msg("Vous aidez un proche malade ou dépendant.", "rights"),
        msg("Des groupes d'aide aux aidants se réunissent près de chez vous.", "rights"),
        SESSION,
    ),
    "serious_illness": (
        msg("Vous vivez avec une maladie grave et vous vous sentez isolé·e.", "rights"),
        msg(
            "Des groupes d'expression réunissent des personnes dans la même situation, en toute confidentialité.",
            "rights",
        ),
        SESSION,
    ),
    "renounced_care": (
        msg("Vous avez renoncé à des soins.", "rights"),
        Named(
            msg(
                "La Mission accompagnement santé de la CPAM revoit vos droits puis vous accompagne jusqu'aux soins.",
                "rights",
            ),
            # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own); the
            # button under it offers to talk to a social worker.
            msg(
                "Faites revoir vos droits par {body} ; un travailleur social peut vous accompagner jusqu'aux soins.",
                "rights",
            ),
        ),
        CALLBACK,
    ),
}


def social(h: Household, ctx: Context) -> list[Outcome]:
    """One outcome per situation the person ticked."""
    found: list[Outcome] = []
    if "sick_leave" in h.situations:
        found.append(_sick_leave(h, ctx))
    if "hospital_discharge" in h.situations:
        found.append(_hospital(h, ctx))
    for key, (reason, step, offers) in OFFERS.items():
        if key in h.situations:
            said = step.said(h) if isinstance(step, Named) else step
            found.append(Outcome(f"social_{key}", "likely", (reason,), (said,), offers))
    return found


def _sick_leave(h: Household, ctx: Context) -> Outcome:
    """The long sick-leave meetings: after 90 days; from when, or on that condition when the start date was skipped.

    The first day of leave is its 1st day, as the caisse counts the days of a leave (CSS R323-1: the daily allowance
    from the 4th day): a leave begun on 24 August has lasted 91 days on 22 November, more than 90.
    """
    days = int(ctx.number("sick_leave_days"))
    meeting = msg(
        "Le service social de l'Assurance Maladie organise des réunions d'information sur l'arrêt de "
        "travail long, puis un accompagnement individuel si besoin.",
        "rights",
    )
    if h.sick_leave_since is None:  # the start date skipped: the leave may be short
        reason = plural(
            "Vous êtes en arrêt de travail. Si votre arrêt dure depuis plus de {n} jour, le service social peut vous "
            "inviter à une réunion d'information.",
            "Vous êtes en arrêt de travail. Si votre arrêt dure depuis plus de {n} jours, le service social peut vous "
            "inviter à une réunion d'information.",
            days,
            "rights",
        )
        return Outcome("social_sick_leave", "info", (reason,), (meeting,), SESSION)
    elapsed = (ctx.today - h.sick_leave_since).days + 1
    since = plural(
        "Vous êtes en arrêt de travail depuis le {since}, soit {n} jour.",
        "Vous êtes en arrêt de travail depuis le {since}, soit {n} jours.",
        elapsed,
        "rights",
        since=h.sick_leave_since,
    )
    if elapsed > days:
        return Outcome(
            "social_sick_leave",
            "likely",
            (since, plural("C'est plus de {n} jour.", "C'est plus de {n} jours.", days, "rights")),
            (meeting,),
            SESSION,
        )
    due = h.sick_leave_since + timedelta(days=days)  # its (days + 1)th day
    later = plural(
        "Après {n} jour d'arrêt, à partir du {day}, vous pourrez être invité·e à une réunion d'information.",
        "Après {n} jours d'arrêt, à partir du {day}, vous pourrez être invité·e à une réunion d'information.",
        days,
        "rights",
        day=due,
    )
    return Outcome("social_sick_leave", "not_yet", (since, later), (meeting,), SESSION, due=due)


def _hospital(h: Household, ctx: Context) -> Outcome:
    """Home support after hospital; the ARDH for retired people of 55 and over, by their age on the day.

    The age on 1 January (`age_on`) is the C2S participation's: someone born in 1971 is 54 on 1 January 2026 and 55
    on 22 November 2026 once their birthday has passed. With the year of birth only, the person reaching 55 this
    year is told the ARDH is for them if they are already 55.
    """
    reason = msg("Vous sortez de l'hôpital.", "rights")
    steps = [msg("Le service social peut organiser votre retour à domicile.", "rights")]
    minimum = int(ctx.number("home_support_min_age"))
    cap = Money(ctx.number("home_support_cap"))
    age = h.age_on(ctx.today)
    reached = age if h.born is None else ctx.today.year - h.born  # with the year of birth only: `age` or this
    if age >= minimum:
        steps.append(
            msg(
                "Si vous êtes retraité·e, l'aide au retour à domicile après hospitalisation (ARDH) peut financer "
                "jusqu'à 3 mois d'aide, dans la limite de {cap}.",
                "rights",
                cap=cap,
            )
        )
    elif reached >= minimum:
        steps.append(
            plural(
                "Si vous êtes retraité·e et avez déjà {n} an, l'aide au retour à domicile après hospitalisation "
                "(ARDH) peut financer jusqu'à 3 mois d'aide, dans la limite de {cap}.",
                "Si vous êtes retraité·e et avez déjà {n} ans, l'aide au retour à domicile après hospitalisation "
                "(ARDH) peut financer jusqu'à 3 mois d'aide, dans la limite de {cap}.",
                minimum,
                "rights",
                cap=cap,
            )
        )
    return Outcome("social_hospital_discharge", "likely", (reason,), tuple(steps), CALLBACK)
