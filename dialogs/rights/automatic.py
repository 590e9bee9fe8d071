"""C2S opened without a resource check to recipients of some benefits, from the date each scheme began.

RSA recipients get free C2S automatically since 1 January 2022 unless they object; ASPA recipients
without professional activity in the last 3 months are presumed eligible to C2S with participation
since 1 April 2022; ASI recipients since 1 July 2024; full-rate AAH recipients living alone without a
child since 1 July 2025; ASS recipients living alone and CEJ allowance recipients from 1 July 2026
(LFSS 2024 art. 45).
"""

from __future__ import annotations

from dialogs.rights.household import Household
from dialogs.rights.members import members
from dialogs.rights.outcome import Band, Context
from dialogs.text import msg

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


def automatic(h: Household, ctx: Context) -> tuple[str, Band] | None:
    """The benefit that opens C2S without a resource check today, and the band it gives."""
    if not h.benefits:
        return None
    granted = ctx.mapping("automatic_c2s") if ctx.in_force("automatic_c2s") else {}
    alone = len(members(h, ctx)) == 1
    conditions = {
        "rsa": True,
        "aspa": h.aspa_no_activity,
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
