"""C2S opened without a resource check to recipients of some benefits, from the date each scheme began.

RSA recipients get free C2S automatically since 1 January 2022 unless they object; ASPA recipients
without professional activity in the last 3 months are presumed eligible to C2S with participation
since 1 April 2022; ASI recipients since 1 July 2024; full-rate AAH recipients living alone without a
child since 1 July 2025; ASS recipients living alone and CEJ allowance recipients from 1 July 2026
(LFSS 2024 art. 45).

Décret n° 2023-671 of 27 July 2023 (in force on 29 July 2023): the ASPA presumption "ne s'applique pas aux
conjoints, concubins et partenaires liés par un pacte civil de solidarité des bénéficiaires de l'allocation de
solidarité aux personnes âgées qui ont exercé une activité professionnelle trois mois avant le dépôt de leur
demande" (its notice). Read here: neither the recipient nor their spouse, cohabiting partner or PACS partner
(the partner of the C2S household, R861-2) may have worked in the 3 months before the request; the children's
work does not count. Who must not have worked is the dated rule `aspa_presumption_no_activity`.
"""

from __future__ import annotations

from dialogs.rights.household import Household
from dialogs.rights.members import members
from dialogs.rights.outcome import Band, Context
from dialogs.rights.recipients import Who, receives, receives_cej
from dialogs.text import Msg, msg

MESSAGES = {
    "rsa": msg(
        "Vous recevez le RSA : la C2S gratuite vous est ouverte automatiquement, sauf si vous la refusez.", "rights"
    ),
    "aspa": msg(
        "Vous recevez l'ASPA sans activité depuis 3 mois : la C2S avec participation vous est accordée "
        "sans déclarer vos ressources.",
        "rights",
    ),
    "asi": msg(
        "Vous recevez l'ASI : la C2S avec participation vous est accordée sans déclarer vos ressources.", "rights"
    ),
    "aah": msg(
        "Vous recevez l'AAH à taux plein et vivez seul·e sans enfant : la C2S avec participation vous est "
        "accordée sans déclarer vos ressources.",
        "rights",
    ),
    "ass": msg(
        "Vous recevez l'ASS et vivez seul·e : la C2S avec participation vous est accordée "
        "sans déclarer vos ressources.",
        "rights",
    ),
    "cej": msg(
        "Vous recevez l'allocation du contrat d'engagement jeune : la C2S avec participation vous est accordée "
        "sans déclarer vos ressources.",
        "rights",
    ),
}
"""What the card says for each benefit when the person receives it themselves (`recipients.receives` is "you")."""
RECEIVED_BY: dict[tuple[str, Who], Msg] = {
    ("asi", "partner"): msg(
        "Votre conjoint·e reçoit l'ASI : la C2S avec participation vous est accordée sans déclarer vos ressources.",
        "rights",
    ),
    ("asi", "both"): msg(
        "Vous et votre conjoint·e recevez l'ASI : la C2S avec participation vous est accordée sans déclarer vos "
        "ressources.",
        "rights",
    ),
    ("asi", "household"): msg(
        "Une personne de votre foyer reçoit l'ASI : la C2S avec participation vous est accordée sans déclarer vos "
        "ressources.",
        "rights",
    ),
    ("cej", "household"): msg(
        "Une personne de votre foyer reçoit l'allocation du contrat d'engagement jeune : la C2S avec participation "
        "peut être accordée sans déclarer les ressources. Votre caisse vous dira qui du foyer elle couvre.",
        "rights",
    ),
    ("aspa", "household"): msg(
        "Vous ou votre conjoint·e recevez l'ASPA, sans activité depuis 3 mois : la C2S avec participation vous est "
        "accordée sans déclarer vos ressources.",
        "rights",
    ),
}
"""The same when the partner, both partners or someone else of the household receives it (the ASPA is asked for the
household: in a couple the card says "you or your partner"). Whether the CEJ allowance of a young person opens C2S to
the whole household or to the young person alone is not said by the sources read (rights-rules.md: "CEJ allowance",
LFSS 2024 art. 45): the card keeps the figures and leaves it to the caisse."""
ASPA_WORKED = msg(
    "Vous avez eu une activité professionnelle ces 3 derniers mois : l'ASPA ne vous donne donc pas la C2S sans "
    "examen de vos ressources. Votre droit se calcule sur les ressources du foyer.",
    "rights",
)
ASPA_PARTNER_WORKED = msg(
    "Votre conjoint·e a eu une activité professionnelle ces 3 derniers mois : l'ASPA ne vous donne donc pas la C2S "
    "sans examen de vos ressources. Votre droit se calcule sur les ressources du foyer.",
    "rights",
)


def automatic(h: Household, ctx: Context) -> tuple[str, Band] | None:
    """The benefit that opens C2S without a resource check today, and the band it gives."""
    if not h.benefits:
        return None
    granted = ctx.mapping("automatic_c2s") if ctx.in_force("automatic_c2s") else {}
    alone = len(members(h, ctx)) == 1
    conditions = {
        "rsa": True,
        "aspa": aspa_refused(h, ctx) is None,
        "asi": True,
        "aah": h.aah_full_rate and alone,
        "ass": alone,
        "cej": True,
    }
    for benefit, ok in conditions.items():
        band = granted.get(benefit)
        if ok and benefit in h.benefits and band in ("free", "participation"):
            return benefit, "free" if band == "free" else "participation"
    return None


def message(h: Household, benefit: str, ctx: Context) -> Msg:
    """Why C2S is opened without a resource check, naming who receives the benefit (the person, the partner, both)."""
    if benefit in ("asi", "aspa", "cej"):
        who = receives_cej(h, ctx) if benefit == "cej" else receives(h, benefit)
        found = RECEIVED_BY.get((benefit, who))
        if found is not None:
            return found
    return MESSAGES[benefit]


def aspa_refused(h: Household, ctx: Context) -> Msg | None:
    """Why the ASPA does not open C2S without a resource check: someone of the couple worked in the last 3 months.

    None when the presumption applies, or when nobody receives the ASPA or it opens nothing on that day.
    """
    if "aspa" not in h.benefits or not ctx.in_force("automatic_c2s") or "aspa" not in ctx.mapping("automatic_c2s"):
        return None
    if not h.aspa_no_activity:
        return ASPA_WORKED
    partner_counts = ctx.value("aspa_presumption_no_activity") == "recipient_and_partner"
    if partner_counts and h.couple and h.aspa_partner_no_activity is False:
        return ASPA_PARTNER_WORKED
    return None
