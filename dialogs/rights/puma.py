"""PUMa, the basic cover: work or stable residence, and the waivers of the 3-month condition.

CSS L160-1: anyone who works in France, or resides there in a stable and regular way
(uninterrupted residence of more than 3 months), is covered for health costs. Décret 2017-240
waives the 3 months for RSA, AAH, family or housing benefit recipients, refugees and asylum
seekers, students, people back from international volunteering and joining family members.
"""

from __future__ import annotations

from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Outcome, add_months, join
from dialogs.text import Msg, msg

WAIVERS = {
    "rsa": msg("vous recevez le RSA", "rights"),
    "aah": msg("vous recevez l'AAH", "rights"),
    "family": msg("vous recevez des allocations familiales", "rights"),
    "housing": msg("vous recevez une aide au logement", "rights"),
    "refugee": msg("vous êtes réfugié·e ou demandeur·se d'asile", "rights"),
    "student": msg("vous êtes étudiant·e", "rights"),
    "volunteer": msg("vous rentrez d'un volontariat international", "rights"),
    "family_joining": msg("vous rejoignez un membre de votre famille assuré en France", "rights"),
}
COVERED_STEPS = (
    msg(
        "Si vous n'avez ni carte Vitale ni attestation de droits, demandez votre affiliation à votre CPAM "
        "(compte ameli ou accueil).",
        "rights",
    ),
    msg("Apportez une pièce d'identité, un justificatif de domicile et un RIB.", "rights"),
)


def puma(h: Household, ctx: Context) -> Outcome | None:
    """Whether the person should already be covered, or from when; nothing for people without a permit."""
    if h.residence == "irregular":
        return None
    if h.works_in_france:
        return Outcome(
            "puma", "covered", (msg("Vous travaillez en France : vous êtes couvert·e.", "rights"),), COVERED_STEPS
        )
    months = int(ctx.number("puma_residence_months"))
    if h.arrived is None:
        reason = msg(
            "Vous vivez en France depuis plus de {months} mois : vous êtes couvert·e.", "rights", months=months
        )
        return Outcome("puma", "covered", (reason,), COVERED_STEPS)
    from_day = add_months(h.arrived, months)
    if from_day <= ctx.today:
        reason = msg(
            "Vous vivez en France depuis le {arrived}, plus de {months} mois : vous êtes couvert·e.",
            "rights",
            arrived=h.arrived,
            months=months,
        )
        return Outcome("puma", "covered", (reason,), COVERED_STEPS)
    waivers = _waivers(h)
    if waivers is not None:
        reason = msg(
            "La condition de {months} mois de résidence ne s'applique pas à vous : {why}.",
            "rights",
            months=months,
            why=waivers,
        )
        return Outcome("puma", "covered", (reason,), COVERED_STEPS)
    reason = msg(
        "Vous êtes arrivé·e en France le {arrived} : la couverture de base demande {months} mois de résidence, "
        "soit à partir du {day}.",
        "rights",
        arrived=h.arrived,
        months=months,
        day=from_day,
    )
    steps = (
        msg("Faites la demande auprès de votre CPAM à partir du {day}.", "rights", day=from_day),
        msg(
            "En attendant, en cas de besoin de soins, la PASS de l'hôpital le plus proche peut vous recevoir.", "rights"
        ),
    )
    return Outcome("puma", "not_yet", (reason,), steps, ("callback",), due=from_day)


def _waivers(h: Household) -> Msg | None:
    found = set(h.benefits) | set(h.waivers) | ({"refugee"} if h.residence == "asylum" else set())
    reasons = [label for key, label in WAIVERS.items() if key in found]
    return join(reasons)
