"""Renewing C2S or AME: rights last a year and are lost by not asking again in time.

A cover that no longer fits the person's situation is not renewed: AME is for people without a residence permit
(CASF L251-1), C2S for people covered by PUMa (CSS L861-1, which requires regular residence, L160-1). Someone
holding AME who now has a permit, or C2S without one, is told to ask for the other cover before the end date.

Renewal asks the same resource conditions as a first request (CSS L861-1, CASF L251-1): when the resources given are
clearly over the ceiling (the cover's outcome is unlikely, not close to a doubtful ceiling), the card says when the
rights end and that renewal would not be granted with those resources, rather than urging a renewal.
"""

from __future__ import annotations

from dialogs.rights.bodies import Named
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Outcome, add_months
from dialogs.text import Msg, msg, plural

NAMES = {"c2s": msg("la C2S", "rights"), "ame": msg("l'AME", "rights")}
WRONG_COVER = {
    "ame": msg(
        "L'AME est réservée aux personnes sans titre de séjour : dans votre situation, elle ne se renouvelle pas. "
        "Demandez la couverture indiquée plus haut.",
        "rights",
    ),
    "c2s": msg(
        "La C2S demande d'être assuré·e par l'Assurance Maladie : sans titre de séjour, elle ne se renouvelle pas. "
        "Demandez l'AME indiquée plus haut.",
        "rights",
    ),
}
"""Why a cover held today cannot be renewed in the person's situation, and what to ask for instead."""
ASK = Named(
    msg("Demandez le renouvellement sur votre compte ameli ou à votre CPAM.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("Demandez le renouvellement sur votre compte ameli ou à {body}.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « la Caisse de prévoyance sociale de Saint-Barthélemy ».
    msg("Demandez le renouvellement à {body}.", "rights"),
)

ASK_AME = Named(
    msg("Envoyez ou déposez votre demande de renouvellement à votre CPAM.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("Envoyez ou déposez votre demande de renouvellement à {body}.", "rights"),
)
"""AME is renewed with a form sent or left at the caisse (service-public F3079), not on the ameli account."""
CHILDREN_RENEWED = msg(
    "L'AME de vos enfants de moins de 18 ans, elle, est renouvelée quelles que soient les ressources : demandez "
    "son renouvellement.",
    "rights",
)


def renewal(h: Household, ctx: Context, *, refused: bool = False, children: bool = False) -> Outcome | None:
    """Ended, to renew now, or a reminder offered two months before the end date.

    `refused`: the cover held is unlikely with the resources given (its outcome is "unlikely" and not uncertain);
    `children`: the household's children under 18 keep AME whatever the resources (circulaire DSS/2A/2011/351).
    """
    if h.cover not in NAMES:
        return None
    name = NAMES[h.cover]
    if (h.cover == "ame") != (h.residence == "irregular"):
        return _switch(h, ctx, name)
    if refused:
        return _not_renewed(h, ctx, name, children=children)
    if h.cover_end is None:
        reason = msg(
            "Vos droits à {cover} durent un an : notez leur date de fin sur votre attestation.", "rights", cover=name
        )
        return Outcome("renewal", "info", (reason,))
    ask = (ASK_AME if h.cover == "ame" else ASK).said(h)
    if h.cover_end < ctx.today:
        reason = msg("Vos droits à {cover} ont pris fin le {end}.", "rights", cover=name, end=h.cover_end)
        return Outcome("renewal", "expired", (reason,), (ask,), ("callback",))
    months = int(ctx.number("renewal_notice_months"))
    remind = add_months(h.cover_end, -months)
    if remind <= ctx.today:
        reason = msg(
            "Vos droits à {cover} prennent fin le {end} : c'est le moment de demander le renouvellement.",
            "rights",
            cover=name,
            end=h.cover_end,
        )
        return Outcome("renewal", "renew", (reason,), (ask,), ("callback",), due=h.cover_end)
    reason = plural(
        "Vos droits à {cover} prennent fin le {end}. Demandez le renouvellement {n} mois avant, à partir du {day}.",
        "Vos droits à {cover} prennent fin le {end}. Demandez le renouvellement {n} mois avant, à partir du {day}.",
        months,
        "rights",
        cover=name,
        end=h.cover_end,
        day=remind,
    )
    return Outcome("renewal", "info", (reason,), (ask,), ("renewal",), due=remind)


def _not_renewed(h: Household, ctx: Context, name: Msg, *, children: bool = False) -> Outcome:
    """When the rights end, and that with the resources given they would not be renewed (no reminder to renew).

    The AME of children under 18 is renewed whatever the resources: the card says to ask for theirs.
    """
    why = msg(
        "Avec les ressources indiquées, {cover} ne serait pas renouvelée (voir plus haut). Si vos ressources baissent, "
        "refaites ce bilan avant de demander le renouvellement.",
        "rights",
        cover=name,
    )
    reasons: tuple[Msg, ...] = (why,)
    steps: tuple[Msg, ...] = ()
    if children:
        reasons = (*reasons, CHILDREN_RENEWED)
        steps = (ASK_AME.said(h),)
    if h.cover_end is None:
        return Outcome("renewal", "info", reasons, steps, ("callback",))
    if h.cover_end < ctx.today:
        ended = msg("Vos droits à {cover} ont pris fin le {end}.", "rights", cover=name, end=h.cover_end)
        return Outcome("renewal", "info", (ended, *reasons), steps, ("callback",))
    ends = msg("Vos droits à {cover} prennent fin le {end}.", "rights", cover=name, end=h.cover_end)
    return Outcome("renewal", "info", (ends, *reasons), steps, ("callback",))


def _switch(h: Household, ctx: Context, name: Msg) -> Outcome:
    """The cover held does not fit the situation any more: when it ends, and to ask for the other one before."""
    why = WRONG_COVER[h.cover]
    if h.cover_end is None:
        return Outcome("renewal", "switch", (why,), (), ("callback",))
    if h.cover_end < ctx.today:
        ended = msg("Vos droits à {cover} ont pris fin le {end}.", "rights", cover=name, end=h.cover_end)
        return Outcome("renewal", "switch", (ended, why), (), ("callback",))
    ends = msg("Vos droits à {cover} prennent fin le {end}.", "rights", cover=name, end=h.cover_end)
    step = msg("Faites cette demande avant le {end} pour ne pas rester sans couverture.", "rights", end=h.cover_end)
    return Outcome("renewal", "switch", (ends, why), (step,), ("callback",), due=h.cover_end)
