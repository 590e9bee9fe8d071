"""The resources compared with the C2S ceilings: declared, minus maintenance and deductions, plus housing.

CSS L861-2: every resource of the household counts, after deducting maintenance paid, except the RSA,
the prime d'activité and the benefits R861-10 lists (AEEH, school allowance, PCH, APA, since décret
2023-671 the contrat d'engagement jeune allowance and the harkis' allowances, and since the décret of
28 June 2025 help from family, friends and organisations). AAH, ASI and ASPA count after a
monthly deduction applied per recipient (instructions DSS/SD2A/2021/71 and 2023/98): a couple both on
AAH gets two; someone on AAH gets no ASI deduction; the ASI couple rate applies only when both partners
receive ASI. R861-5 and R861-7: a flat housing amount is added for housing benefit recipients (capped at
the benefit), owners without loan repayments and people housed free of charge. R861-8: the pay from work of a
member who is out of work with unemployment benefit or the ASS, on sick leave for more than 6 months, or paid for
training without a job counts 30 % lower (C2S only: the AME, for people without a permit, has no such cut); training
pay whose payment has stopped for good, with no replacement income, is not counted (its last paragraph).
"""

from __future__ import annotations

from decimal import Decimal

from dialogs.record import record
from dialogs.rights.household import ZERO, Household
from dialogs.rights.members import Member, members
from dialogs.rights.outcome import Context
from dialogs.text import Money, Msg, msg

TWELVE = Decimal(12)
TWO = Decimal(2)
ONE = Decimal(1)
CENT = Decimal("0.01")
FLAT_AMOUNT = {
    "tenant_benefit": "housing_flat_rate_with_benefit",
    "owner": "housing_flat_rate_owner_or_free",
    "free": "housing_flat_rate_owner_or_free",
}
"""R861-5: no flat amount for an owner still repaying a loan (`owner_loan`), a tenant without benefit, or no home."""
BEFORE_2023 = frozenset({"rsa", "activity_bonus", "aeeh", "school_allowance", "autonomy"})
BEFORE_2025 = BEFORE_2023 | {"cej", "harkis"}
NOT_COUNTED = {
    BEFORE_2023: msg(
        "Ne sont pas comptés : le RSA, la prime d'activité, l'AEEH, l'allocation de rentrée scolaire, la PCH et l'APA.",
        "rights",
    ),
    BEFORE_2025: msg(
        "Ne sont pas comptés : le RSA, la prime d'activité, l'AEEH, l'allocation de rentrée scolaire, la PCH, l'APA, "
        "l'allocation du contrat d'engagement jeune et les allocations des harkis.",
        "rights",
    ),
    BEFORE_2025 | {"family_help", "organisation_help"}: msg(
        "Ne sont pas comptés : le RSA, la prime d'activité, l'AEEH, l'allocation de rentrée scolaire, la PCH, l'APA, "
        "l'allocation du contrat d'engagement jeune, les allocations des harkis, ni l'argent donné par votre famille, "
        "vos proches, une association ou un organisme.",
        "rights",
    ),
}
"""The sentence for each list of resources the rule table leaves out (`c2s_resources_not_counted`, by period)."""
NOT_COUNTED_RULE = "c2s_resources_not_counted"
ACTIVITY_CUT = "c2s_activity_income_cut"
TRAINING_ENDED = "c2s_training_pay_ended"
HUNDRED = Decimal(100)


@record
class Resources:
    """The resources compared with the ceilings, and how they were obtained."""

    declared: Decimal
    maintenance: Decimal
    deduction: Decimal
    housing: Decimal
    total: Decimal
    activity_cut: Decimal = ZERO
    """The part of the pay from work R861-8 leaves out."""
    activity_cut_rate: Decimal = ZERO
    """Its rate (0.3), when there is one."""
    training_ended: Decimal = ZERO
    """The training pay R861-8 leaves out, its payment stopped for good with no replacement income."""


def resources(h: Household, ctx: Context) -> Resources:
    """Declared resources, minus maintenance paid and benefit deductions, plus the housing flat amount."""
    key = "resources"  # with the household it was worked out for: `ctx` may serve another
    found = ctx.memo.get(key)
    if found is not None and found[0] is h:
        return found[1]  # type: ignore[no-any-return]
    deduction = benefit_deduction(h, ctx)
    housing = housing_flat_amount(h, ctx)
    cut, rate = activity_cut(h, ctx)
    ended = training_pay_ended(h, ctx)
    total = max(h.resources - h.maintenance_paid - cut - ended - deduction, ZERO) + housing
    found = Resources(h.resources, h.maintenance_paid, deduction, housing, total, cut, rate, ended)
    ctx.memo[key] = (h, found)
    return found


def activity_cut(h: Household, ctx: Context) -> tuple[Decimal, Decimal]:
    """30 % of the pay from work of the members out of work, on long sick leave or in training (R861-8), and its rate.

    To the cent; only for C2S (not for someone without a permit, whose check is the AME's), and never on more than
    the resources declared, of which that pay is a part.
    """
    if h.activity_cut_income <= ZERO or h.residence == "irregular" or not ctx.in_force(ACTIVITY_CUT):
        return ZERO, ZERO
    rate = ctx.number(ACTIVITY_CUT)
    return (rate * min(h.activity_cut_income, h.resources)).quantize(CENT), rate


def training_pay_ended(h: Household, ctx: Context) -> Decimal:
    """The training pay left out because it has stopped for good with no replacement income (R861-8), C2S only.

    Never more than the resources declared, of which that pay is a part.
    """
    if h.training_pay_ended <= ZERO or h.residence == "irregular" or not ctx.in_force(TRAINING_ENDED):
        return ZERO
    share = ctx.number(TRAINING_ENDED)
    return (share * min(h.training_pay_ended, h.resources)).quantize(CENT)


def benefit_deduction(h: Household, ctx: Context) -> Decimal:
    """Twelve months of the AAH, ASI and ASPA deductions, one per recipient."""
    people = members(h, ctx)
    if not (h.aspa_month or any(p.aah_month or p.asi_month for p in people)):
        return ZERO
    rates = ctx.mapping("benefit_deduction")
    monthly = sum((_per_person(p, people, rates, ctx) for p in people), ZERO)
    if h.aspa_month:
        rate = ctx.mapping("benefit_deduction_couple")["aspa"] if h.couple else rates["aspa"]
        monthly += min(h.aspa_month, Decimal(rate))
    return monthly * TWELVE


def _per_person(p: Member, people: tuple[Member, ...], rates: dict[str, Decimal | str], ctx: Context) -> Decimal:
    """AAH deduction; ASI deduction only without AAH, at half the couple rate when both partners receive ASI."""
    if p.aah_month:
        return min(p.aah_month, Decimal(rates["aah"]))
    if not p.asi_month:
        return ZERO
    both = sum(1 for q in people if q.role != "dependant" and q.asi_month) > 1
    rate = Decimal(ctx.mapping("benefit_deduction_couple")["asi"]) / TWO if both else Decimal(rates["asi"])
    return min(p.asi_month, rate)


def housing_flat_amount(h: Household, ctx: Context) -> Decimal:
    """Twelve months of the flat amount for the household's size (R861-5, R861-7), capped at the benefit."""
    name = FLAT_AMOUNT.get(h.housing)
    if name is None:
        return ZERO
    people = min(len(members(h, ctx)), 3)
    increase = ctx.mapping("rsa_household_increase")
    rsa = ctx.number("rsa_base_amount") * (
        ONE + (Decimal(increase["2"]) if people >= 2 else ZERO) + (Decimal(increase["3"]) if people >= 3 else ZERO)
    )
    flat = TWELVE * rsa * Decimal(ctx.mapping(name)[str(people)])
    if h.housing == "tenant_benefit":
        flat = min(flat, TWELVE * h.housing_benefit_month)
    return flat.quantize(CENT)


def resources_line(r: Resources) -> Msg:
    """How the compared amount was obtained, with every figure."""
    parts: list[Msg] = [msg("ressources déclarées sur 12 mois : {amount}", "rights", amount=Money(r.declared))]
    if r.maintenance:
        parts.append(msg("moins la pension alimentaire versée : {amount}", "rights", amount=Money(r.maintenance)))
    if r.activity_cut:
        parts.append(
            msg(
                "moins l'abattement sur les revenus d'activité de la ou des personnes au chômage, à l'ASS, en arrêt "
                "maladie long ou en formation ({rate} %) : {amount}",
                "rights",
                rate=int(r.activity_cut_rate * HUNDRED),
                amount=Money(r.activity_cut),
            )
        )
    if r.training_ended:
        parts.append(
            msg(
                "moins la rémunération d'un stage fini, sans autre revenu à la place : {amount}",
                "rights",
                amount=Money(r.training_ended),
            )
        )
    if r.deduction:
        parts.append(
            msg("moins l'abattement sur l'AAH, l'ASI ou l'ASPA : {amount}", "rights", amount=Money(r.deduction))
        )
    if r.maintenance + r.activity_cut + r.training_ended + r.deduction > r.declared:
        # TRANSLATORS: follows the amounts taken off the resources declared (feminine plural: « les ressources »).
        parts.append(
            msg(
                "ramenées à {amount} car les montants retirés dépassent les ressources déclarées",
                "rights",
                amount=Money(ZERO),
            )
        )
    if r.housing:
        parts.append(msg("plus le forfait logement : {amount}", "rights", amount=Money(r.housing)))
    if len(parts) == 1:
        return msg("Ressources du foyer sur 12 mois : {amount}.", "rights", amount=Money(r.total))
    detail = parts[0]
    for part in parts[1:]:
        detail = msg("{first}, {second}", "rights", first=detail, second=part)
    return msg("Ressources retenues : {amount} ({detail}).", "rights", amount=Money(r.total), detail=detail)


def not_counted_line(ctx: Context) -> Msg:
    """The resources the person should have left out, as the rules in force on the day list them.

    A list still to be confirmed (the décret of 28 June 2025) is stated only for what an earlier, confirmed
    list already said: the card's amber sentence tells the person about the rest (`results.rights.caution`).
    """
    listed = frozenset(ctx.mapping("c2s_resources_not_counted"))
    if not ctx.used[NOT_COUNTED_RULE].verified:
        listed = max((known for known in NOT_COUNTED if known < listed), key=len, default=listed)
    return NOT_COUNTED[listed]
