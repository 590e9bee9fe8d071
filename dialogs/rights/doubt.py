"""Whether a result close to a ceiling rests on figures that may be out of date or still unconfirmed.

When a ceiling or a resource rule applied is older than its latest revaluation (the 2026 ceilings are
not collected yet) or is marked unverified, resources within a few percent of a ceiling could fall on
the other side of it: the card then says "possible" in amber instead of a firm answer. The margin is the
rule-table setting `uncertainty_margin_percent`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from dialogs.rights.outcome import Context

HUNDRED = Decimal(100)
COMPARED = frozenset(
    {
        "c2s_ceiling_base",
        "c2s_household_coefficients",
        "c2s_shared_custody_age_limit",
        "c2s_participation_increase",
        "c2s_overseas_increase",
        "c2s_ceiling_rounding",
        "c2s_overseas_collectivities",
        "c2s_dependant_age_limit",
        "rsa_base_amount",
        "rsa_household_increase",
        "housing_flat_rate_with_benefit",
        "housing_flat_rate_owner_or_free",
        "benefit_deduction",
        "benefit_deduction_couple",
        "c2s_resources_not_counted",
    }
)
"""The rules the resources and the ceilings are computed with."""


def doubtful(ctx: Context) -> bool:
    """Whether any rule used for the comparison so far is out of date or unconfirmed."""
    return any(applied.doubtful for name, applied in ctx.used.items() if name in COMPARED)


def uncertain(total: Decimal, limits: Iterable[Decimal], ctx: Context) -> bool:
    """Resources within the margin of one of the ceilings, when the comparison rests on doubtful rules."""
    if not doubtful(ctx):
        return False
    margin = ctx.number("uncertainty_margin_percent") / HUNDRED
    return any(abs(total - limit) <= limit * margin for limit in limits)
