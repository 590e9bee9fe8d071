"""C2S resource ceilings of a household: the one-person base times the household's coefficient.

CSS L861-1 1°: free C2S up to a yearly ceiling set for one person and revalued every 1 April (arrêté).
L861-1 2°: C2S with a participation up to that ceiling increased by 35 %. R861-3: the coefficient of
the household (see `members`). D861-1: +11.3 % in the overseas departments. The published tables
are base × coefficient rounded down to the euro; a household of 5 is therefore 10 339 × 2.5 = 25 847 €
in 2025, not the 4-person value plus a rounded per-person step. The overseas values are the mainland ones
× 1.113, rounded to the nearest euro (`c2s_overseas_rounding`): 13 724 × 1.113 = 15 274.8 → 15 275 € for one
person with participation in 2024, which reproduces each of the eight published overseas values of that year.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from dialogs.rights.household import Household
from dialogs.rights.members import coefficient, members
from dialogs.rights.outcome import Context

ONE = Decimal(1)
ROUNDING = {"down": ROUND_FLOOR, "half_up": ROUND_HALF_UP}
OVERSEAS_DEPARTMENTS = frozenset({"overseas"})


def ceilings(h: Household, ctx: Context) -> tuple[Decimal, Decimal]:
    """Annual ceilings (free, with participation) for this household and territory."""
    key = "ceilings"  # with the household it was worked out for: `ctx` may serve another
    found = ctx.memo.get(key)
    if found is not None and found[0] is h:
        return found[1]  # type: ignore[no-any-return]
    factor = ctx.number("c2s_ceiling_base") * coefficient(members(h, ctx), ctx)
    rounding = ROUNDING[str(ctx.value("c2s_ceiling_rounding"))]
    free = factor.quantize(ONE, rounding)
    with_part = (factor * (ONE + ctx.number("c2s_participation_increase"))).quantize(ONE, rounding)
    if overseas(h, ctx):
        increase = ONE + ctx.number("c2s_overseas_increase")
        rounding = ROUNDING[str(ctx.value("c2s_overseas_rounding"))]
        free, with_part = (free * increase).quantize(ONE, rounding), (with_part * increase).quantize(ONE, rounding)
    ctx.memo[key] = (h, (free, with_part))
    return free, with_part


def overseas(h: Household, ctx: Context) -> bool:
    """Whether the overseas ceilings apply: the overseas departments; Saint-Martin and Saint-Barthélemy (to be
    confirmed)."""
    if h.territory in ("saint_martin", "saint_barthelemy"):
        return ctx.mapping("c2s_overseas_collectivities").get(h.territory) == "overseas"
    return h.territory in OVERSEAS_DEPARTMENTS


def collectivity(h: Household) -> bool:
    """Saint-Martin or Saint-Barthélemy, where the overseas rules are applied until confirmed."""
    return h.territory in ("saint_martin", "saint_barthelemy")
