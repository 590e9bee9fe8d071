"""Evaluate a household on a day: every right and offer, in the order the result card shows them."""

from __future__ import annotations

from datetime import date

from dialogs.rights.ame import ame
from dialogs.rights.c2s import c2s
from dialogs.rights.doubt import upcoming
from dialogs.rights.household import Household
from dialogs.rights.mayotte import mayotte
from dialogs.rights.outcome import Context, Outcome, Report
from dialogs.rights.pensioners import lives_abroad
from dialogs.rights.prevention import prevention
from dialogs.rights.puma import puma
from dialogs.rights.renewal import renewal
from dialogs.rights.social import social
from dialogs.rights.table import RuleTable, default_table
from dialogs.rights.urgent import URGENT


def evaluate(h: Household, today: date, table: RuleTable | None = None) -> Report:
    """The rights check result; no Telegram, no SQL, same answers → same result."""
    ctx = Context(today, table or default_table())
    if h.territory == "mayotte":
        return Report((mayotte(h, ctx),), tuple(ctx.used.values()))
    outcomes: list[Outcome] = []
    basic = puma(h, ctx)
    if basic is not None:
        outcomes.append(basic)
        if basic.status == "not_yet" and h.residence == "asylum_seeker":
            outcomes.append(URGENT)
    insured = basic is not None and basic.status == "covered"
    complementary = c2s(h, ctx) if insured and not lives_abroad(h) else None
    if complementary is not None:
        outcomes.append(complementary)
    outcomes.extend(ame(h, ctx))
    held = next((o for o in outcomes if o.right == h.cover), None)
    refused = held is not None and held.status == "unlikely" and not held.uncertain
    again = renewal(h, ctx, refused=refused, children=any(o.right == "ame_children" for o in outcomes))
    if again is not None:
        outcomes.append(again)
    has_c2s = complementary is not None and complementary.band in ("free", "participation")
    outcomes.extend(prevention(h, ctx, insured=insured, c2s=has_c2s or h.cover == "c2s"))
    outcomes.extend(social(h, ctx))
    changes_on = upcoming(ctx)
    return Report(tuple(outcomes), tuple(ctx.used.values()), changes_on)
