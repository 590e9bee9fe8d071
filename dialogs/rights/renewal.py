"""Renewing C2S or AME: rights last a year and are lost by not asking again in time."""

from __future__ import annotations

from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Outcome, add_months
from dialogs.text import msg, plural

NAMES = {"c2s": msg("la C2S", "rights"), "ame": msg("l'AME", "rights")}


def renewal(h: Household, ctx: Context) -> Outcome | None:
    """Ended, to renew now, or a reminder offered two months before the end date."""
    if h.cover not in NAMES:
        return None
    name = NAMES[h.cover]
    if h.cover_end is None:
        reason = msg(
            "Vos droits à {cover} durent un an : notez leur date de fin sur votre attestation.", "rights", cover=name
        )
        return Outcome("renewal", "info", (reason,))
    ask = msg("Demandez le renouvellement sur votre compte ameli ou à votre CPAM.", "rights")
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
