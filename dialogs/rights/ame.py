"""AME for people without a residence permit, and urgent care while it is not (yet) possible.

CASF L251-1: foreigners in an irregular situation, living in France without interruption for more
than 3 months (no delay for minors, who can have it from arrival even while their parents wait), with
resources under the free-C2S ceiling — which minors need not meet either (circulaire DSS/2A/2011/351: their
AME is opened at once even when their parents' resources exceed it). CASF L254-1: before that, or while AME is
pending or refused, hospitals cover urgent care ("soins urgents") through their PASS. Décret 2020-1325: the first
request is made in person; someone who already has AME renews it (sent or left at the CPAM, about 2 months before
the end). Since loi n° 2019-1479 (art. 264), the 3 months are those of an irregular stay: someone who came on a visa
counts them from the day it ran out.
"""

from __future__ import annotations

from datetime import date

from dialogs.rights.bodies import BODIES, Named
from dialogs.rights.c2s import COLLECTIVITY, household_line
from dialogs.rights.ceilings import ceilings, collectivity
from dialogs.rights.doubt import uncertain
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Outcome, after_months
from dialogs.rights.puma import NOT_18_YET
from dialogs.rights.resources import resources, resources_line
from dialogs.rights.urgent import URGENT
from dialogs.text import Money, Msg, msg, plural

DOCUMENTS = msg(
    "Préparez : une pièce d'identité, une preuve de présence en France depuis plus de 3 mois, "
    "un justificatif de domicile ou de domiciliation, vos ressources des 12 derniers mois.",
    "rights",
)
DOCUMENTS_MINOR = msg(
    "Préparez : une pièce d'identité, un justificatif de domicile ou de domiciliation, les ressources du foyer "
    "des 12 derniers mois.",
    "rights",
)
"""A minor needs no proof of 3 months of presence (CASF L251-1)."""
LOWER = msg("Si vos ressources baissent, refaites ce bilan : le droit se calcule sur les 12 derniers mois.", "rights")
"""AME counts the resources of the 12 months before the request (its own period; C2S uses R861-8's)."""
IN_PERSON = Named(
    msg("La première demande se fait en personne à l'accueil de votre CPAM.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("La première demande se fait en personne à l'accueil de {body}.", "rights"),
)
DOCUMENTS_RENEWAL = DOCUMENTS_MINOR
"""Renewing: the 3 months of presence were proven with the first request."""
NOT_YET_STEP = Named(
    msg("Faites la demande d'AME en personne à votre CPAM à partir du {day}.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("À partir du {day}, faites la demande d'AME en personne à {body}.", "rights"),
)
MINORS_RULE = "ame_minors_over_ceiling"
FROM_RULE = "ame_residence_counted_from"
"""Whether the 3 months run from arrival or from the day the stay became irregular (loi 2019-1479)."""
MINOR_OVER = msg(
    "Vous avez moins de 18 ans : l'AME vous est ouverte même quand les ressources dépassent le plafond.", "rights"
)
CHILDREN_OVER = msg(
    "Les enfants de moins de 18 ans ont droit à l'AME dès leur arrivée, même quand les ressources du foyer "
    "dépassent le plafond.",
    "rights",
)
CHILDREN_NOW = Named(
    msg("Demandez dès maintenant l'AME pour vos enfants, en personne à l'accueil de votre CPAM.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("Demandez dès maintenant l'AME pour vos enfants, en personne à l'accueil de {body}.", "rights"),
)


def ame(h: Household, ctx: Context) -> list[Outcome]:
    """AME likely, not yet, or unlikely, and urgent care whenever AME does not cover the person today."""
    if h.residence != "irregular":
        return []
    months = int(ctx.number("ame_residence_months"))
    free, _ = ceilings(h, ctx)
    r = resources(h, ctx)
    waiting: tuple[Msg, ...] = ()
    counted = _counted(h, ctx, months) if not h.minor_on(ctx.today) else None
    if counted is not None:
        reason, from_day = counted
        if from_day > ctx.today:
            if r.total > free:
                waiting = (reason,)  # the 3 months will not help: over the ceiling, AME is unlikely (L251-1)
            else:
                return _not_yet(h, ctx, reason, from_day)
    doubt = uncertain(r.total, (free,), ctx)
    lines = [*waiting, household_line(h, ctx), resources_line(r)]
    if collectivity(h):
        lines.append(COLLECTIVITY.bind(body=BODIES[h.territory].name))
    if r.total <= free:
        lines.append(
            msg(
                "{total} est en dessous du plafond de l'AME pour votre foyer ({free}).",
                "rights",
                total=Money(r.total),
                free=Money(free),
            )
            if r.total < free
            else msg(
                "{total} est égal au plafond de l'AME pour votre foyer ({free}) : il ne le dépasse pas.",
                "rights",
                total=Money(r.total),
                free=Money(free),
            )
        )
        if h.cover == "ame":
            steps: tuple[Msg, ...] = (_renew(h, ctx), DOCUMENTS_RENEWAL)
        else:
            planned = int(ctx.number("ame_planned_care_months"))
            steps = (
                IN_PERSON.said(h),
                DOCUMENTS_MINOR if h.minor_on(ctx.today) else DOCUMENTS,
                plural(
                    "Certains soins programmés à l'hôpital ne sont pris en charge qu'après {n} mois d'AME.",
                    "Certains soins programmés à l'hôpital ne sont pris en charge qu'après {n} mois d'AME.",
                    planned,
                    "rights",
                ),
            )
        return [Outcome("ame", "likely", tuple(lines), steps, ("callback",), uncertain=doubt)]
    lines.append(
        msg(
            "{total} dépasse le plafond de l'AME pour votre foyer ({free}).",
            "rights",
            total=Money(r.total),
            free=Money(free),
        )
    )
    ask = _renew(h, ctx) if h.cover == "ame" else IN_PERSON.said(h)
    minors = ctx.in_force(MINORS_RULE) and ctx.value(MINORS_RULE) == "granted"
    if minors and h.minor_on(ctx.today):
        lines.append(MINOR_OVER)
        return [Outcome("ame", "likely", tuple(lines), (ask, DOCUMENTS_MINOR), ("callback",))]
    after: tuple[Msg, ...] = (ask, LOWER) if doubt else (LOWER,)
    found = [Outcome("ame", "unlikely", tuple(lines), after, ("callback",), uncertain=doubt)]
    if minors and h.minor_children:
        steps = (CHILDREN_NOW.said(h), DOCUMENTS_MINOR)
        found.append(Outcome("ame_children", "likely", (CHILDREN_OVER,), steps, ("callback",)))
    return [*found, URGENT]


def _counted(h: Household, ctx: Context, months: int) -> tuple[Msg, date] | None:
    """Why an adult waits, and until when: 3 months from arrival, or, since loi 2019-1479, from the day the stay became
    irregular (a visa or permit that ran out later than the arrival); None when nothing says the 3 months are not over.
    """
    ended = h.irregular_since if ctx.in_force(FROM_RULE) and ctx.value(FROM_RULE) == "irregular" else None
    if ended is not None and (h.arrived is None or ended > h.arrived):
        from_day = after_months(ended, months)
        reason = plural(
            "Votre visa ou titre de séjour a pris fin le {ended} : depuis 2020, l'AME demande {n} mois de séjour "
            "sans titre, soit à partir du {day}.",
            "Votre visa ou titre de séjour a pris fin le {ended} : depuis 2020, l'AME demande {n} mois de séjour "
            "sans titre, soit à partir du {day}.",
            months,
            "rights",
            ended=ended,
            day=from_day,
        )
        return reason, from_day
    if h.arrived is None:
        return None
    from_day = after_months(h.arrived, months)
    reason = plural(
        "Vous êtes arrivé·e en France le {arrived} : l'AME demande {n} mois de présence, soit à partir du {day}.",
        "Vous êtes arrivé·e en France le {arrived} : l'AME demande {n} mois de présence, soit à partir du {day}.",
        months,
        "rights",
        arrived=h.arrived,
        day=from_day,
    )
    return reason, from_day


def _renew(h: Household, ctx: Context) -> Msg:
    """Someone who already has AME renews it: no first request in person (décret 2020-1325), ask before the end."""
    months = int(ctx.number("renewal_notice_months"))
    body = BODIES.get(h.territory)
    if body is not None:
        # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
        return plural(
            "Vous avez déjà l'AME : envoyez ou déposez votre demande de renouvellement à {body}, {n} mois avant la "
            "fin de vos droits. Seule la première demande se fait obligatoirement en personne.",
            "Vous avez déjà l'AME : envoyez ou déposez votre demande de renouvellement à {body}, {n} mois avant la "
            "fin de vos droits. Seule la première demande se fait obligatoirement en personne.",
            months,
            "rights",
            body=body.name,
        )
    return plural(
        "Vous avez déjà l'AME : envoyez ou déposez votre demande de renouvellement à votre CPAM, {n} mois avant la "
        "fin de vos droits. Seule la première demande se fait obligatoirement en personne.",
        "Vous avez déjà l'AME : envoyez ou déposez votre demande de renouvellement à votre CPAM, {n} mois avant la "
        "fin de vos droits. Seule la première demande se fait obligatoirement en personne.",
        months,
        "rights",
    )


def _not_yet(h: Household, ctx: Context, reason: Msg, from_day: date) -> list[Outcome]:
    """An adult newcomer under the ceiling: AME from 3 months after arrival, the children's at once, urgent care."""
    step = NOT_YET_STEP.said(h).bind(day=from_day)
    children = _children_now(h, ctx)
    reasons: tuple[Msg, ...] = (reason, NOT_18_YET.said(h)) if h.turns_18_in(ctx.today) else (reason,)
    reasons = (*reasons, children) if children else reasons
    steps: tuple[Msg, ...] = (CHILDREN_NOW.said(h), step) if children else (step,)
    return [Outcome("ame", "not_yet", reasons, steps, ("callback",), due=from_day), URGENT]


def _children_now(h: Household, ctx: Context) -> Msg | None:
    """ "Your children under 18 need not wait": minors have AME from arrival when the household is within the ceiling.

    Resources equal to the ceiling are within it (« inférieures ou égales »): the card says they equal it.
    """
    if not h.minor_children:
        return None
    free, _ = ceilings(h, ctx)
    r = resources(h, ctx)
    if r.total > free:
        return None
    if r.total < free:
        return msg(
            "Vos enfants de moins de 18 ans n'ont pas à attendre : {total} est en dessous du plafond de l'AME pour "
            "votre foyer ({free}), ils peuvent l'avoir dès maintenant.",
            "rights",
            total=Money(r.total),
            free=Money(free),
        )
    return msg(
        "Vos enfants de moins de 18 ans n'ont pas à attendre : {total} est égal au plafond de l'AME pour votre "
        "foyer ({free}) sans le dépasser : ils peuvent l'avoir dès maintenant.",
        "rights",
        total=Money(r.total),
        free=Money(free),
    )
