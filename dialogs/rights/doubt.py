"""Whether a result close to a ceiling rests on figures that may be out of date or still unconfirmed.

When a ceiling or a resource rule applied is older than its latest revaluation (the 2026 ceilings are
not collected yet) or is marked unverified, resources within a few percent of a ceiling could fall on
the other side of it: the card then says "possible" in amber instead of a firm answer. The margin is the
rule-table setting `uncertainty_margin_percent`.

The same holds shortly before a revaluation (the ceilings and the RSA change every 1 April): a request made after
the check may fall after it, and is then compared with other figures — known or not yet collected. Within
`revaluation_notice_months` of that day the card says so, and a result within the margin is amber too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from dialogs.rights.outcome import Context, add_months

HUNDRED = Decimal(100)
COMPARED = frozenset(
    {
        "c2s_ceiling_base",
        "c2s_household_coefficients",
        "c2s_shared_custody_age_limit",
        "c2s_participation_increase",
        "c2s_overseas_increase",
        "c2s_ceiling_rounding",
        "c2s_overseas_rounding",
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
    """Whether any rule used for the comparison so far is out of date, unconfirmed or about to change."""
    if any(applied.doubtful for name, applied in ctx.used.items() if name in COMPARED):
        return True
    return upcoming(ctx) is not None


def upcoming(ctx: Context) -> date | None:
    """The day a rule used for the comparison changes, when that day is near enough for a request to fall after it."""
    coming = [a.next_since for name, a in ctx.used.items() if name in COMPARED and a.next_since is not None]
    if not coming:
        return None
    soon = min(coming)
    return soon if soon <= add_months(ctx.today, int(ctx.number("revaluation_notice_months"))) else None


def uncertain(total: Decimal, limits: Iterable[Decimal], ctx: Context) -> bool:
    """Resources within the margin of one of the ceilings, when the comparison rests on doubtful rules."""
    if not doubtful(ctx):
        return False
    margin = ctx.number("uncertainty_margin_percent") / HUNDRED
    return any(abs(total - limit) <= limit * margin for limit in limits)
