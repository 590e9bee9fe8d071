"""The chat answers (step ids of `dialogs/flows/rights_check.yaml`) that describe a generated household.

The benchmark times what a person waits for, from their answers to the rendered card, so it starts from
the answers the chat would have stored, not from an already-built `Household`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from dialogs.rights.household import Household

TWELVE = Decimal(12)


def answers_of(h: Household, today: date) -> dict[str, Any]:
    """The answers giving `h` on `today` (ages on 1 January become years of birth, children eldest first)."""
    children = sorted(h.dependants, key=lambda d: -(d.age or 0))
    answers: dict[str, Any] = {
        "residence": h.residence,
        "in_france": "more" if h.arrived is None else "less",
        "household_size": 1 + int(h.couple) + len(children),
    }
    newcomer = h.arrived is not None and h.residence in ("national", "permit")
    if h.arrived is not None:
        answers["arrived"] = h.arrived.isoformat()
    if newcomer:
        answers["works"] = h.works_in_france
        if not h.works_in_france:  # flow version 9: a pension; version 10: a French one coming back to live here
            answers["pension"] = h.pension or "none"
    stay = newcomer and not h.works_in_france and h.pension in ("french_europe", "french_15")
    # a pensioner here for a stay (CSS L160-3): no C2S question is asked
    if h.residence == "irregular":  # flow version 8: when the visa or permit ran out (skipped: None)
        answers["permit_end"] = h.irregular_since.isoformat() if h.irregular_since else None
    answers["born"] = str(today.year - (h.age or 0) - 1)
    if answers["household_size"] >= 2:
        answers["couple"] = h.couple
    if h.couple:
        answers["partner_born"] = str(today.year - (h.partner_age or 0) - 1)
    if children:
        answers["shared_any"] = any(d.shared_custody for d in children)
    for k, child in enumerate(children[:6], start=1):
        answers[f"child_{k}_age"] = child.age
        if answers["shared_any"] and (child.age or 0) < 18 and len(children) >= 2:
            answers[f"child_{k}_shared"] = child.shared_custody
    answers["territory"] = h.territory
    if h.territory == "alsace_moselle" and h.couple:
        both = (h.local_scheme, h.partner_local)
        answers["local_scheme_couple"] = {(True, True): "both", (True, False): "me", (False, True): "partner"}.get(
            both, "none"
        )
    elif h.territory == "alsace_moselle":
        answers["local_scheme"] = h.local_scheme
    answers["benefits"] = sorted(h.benefits) or ["none"]
    if "aspa" in h.benefits and not stay:
        answers["aspa_activity"] = not h.aspa_no_activity
        if h.couple and h.aspa_no_activity and h.aspa_partner_no_activity is not None:
            answers["aspa_partner_activity"] = not h.aspa_partner_no_activity
    if "aah" in h.benefits and answers["household_size"] == 1 and not stay:
        answers["aah_rate"] = h.aah_full_rate
    if newcomer and not h.works_in_france:  # version 10: `return_abroad`, back to live in France without a pension
        answers["waivers"] = sorted(h.waivers) or ["none"]
    if "rsa" not in h.benefits and not stay:
        answers["income_regular"] = "varies"
        answers["income_year"] = str(h.resources)
        if h.resources > 0:  # flow version 6: out of work, on long sick leave or in training (R861-8's 30 % cut)
            ticked = ["unemployed"] if h.activity_cut_income else []
            ticked += ["training_ended"] if h.training_pay_ended else []  # version 7: training pay stopped for good
            answers["activity_situation"] = ticked or ["none"]
            if h.activity_cut_income:
                answers["activity_cut_income"] = str(h.activity_cut_income)
            if h.training_pay_ended:
                answers["training_pay_ended"] = str(h.training_pay_ended)
        answers["maintenance"] = bool(h.maintenance_paid)
        if h.maintenance_paid:
            answers["maintenance_month"] = str(h.maintenance_paid / TWELVE)
        if "aah" in h.benefits:
            answers["aah_month"] = str(h.aah_month)
            if h.couple:
                answers["partner_aah_month"] = str(h.partner_aah_month)
            if children:
                answers["young_aah_month"] = str(sum((d.aah_month for d in children), Decimal(0)))
        if "asi" in h.benefits:
            answers["asi_month"] = str(h.asi_month)
            if h.couple:
                answers["partner_asi_month"] = str(h.partner_asi_month)
        if "aspa" in h.benefits:
            answers["aspa_month"] = str(h.aspa_month)
        answers["housing"] = h.housing
        if h.housing == "tenant_benefit":
            answers["housing_benefit"] = str(h.housing_benefit_month)
    answers["cover"] = h.cover
    if h.cover in ("c2s", "ame") and h.cover_end is not None:
        answers["cover_end"] = h.cover_end.isoformat()
    answers["situations"] = ["none"]
    return answers
