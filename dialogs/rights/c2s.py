"""C2S, the free or low-cost complementary cover: household, resources, ceilings, participation.

CSS L861-1: free C2S when the household's resources are at most the ceiling (1°), C2S with a
monthly participation up to the ceiling × 1.35 (2°). R861-2: the household is the applicant,
their partner and dependants under 25. R861-3: the ceiling grows with each person; a child in
shared custody counts half. R861-8: resources of the 12 months before the request, after
deducting maintenance paid (L861-2). R861-7: a flat housing amount is added for housing benefit
recipients (capped at the benefit), owners and people housed free of charge.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dialogs.rights.household import ZERO, Household
from dialogs.rights.outcome import Band, Context, Outcome
from dialogs.text import Money, Msg, msg, plural

TWELVE = Decimal(12)
HALF = Decimal("0.5")
ONE = Decimal(1)
CEILINGS = {
    "overseas": ("c2s_ceiling_free_overseas", "c2s_ceiling_participation_overseas"),
    "metropole": ("c2s_ceiling_free", "c2s_ceiling_participation"),
    "alsace_moselle": ("c2s_ceiling_free", "c2s_ceiling_participation"),
}
AUTOMATIC = {
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
APPLY = msg(
    "Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de votre CPAM.", "rights"
)
DOCUMENTS = msg(
    "Préparez : une pièce d'identité, un justificatif de domicile et les ressources du foyer des 12 derniers mois.",
    "rights",
)
DOCUMENTS_SIMPLIFIED = msg("Préparez : une pièce d'identité et votre dernière attestation de paiement.", "rights")


@dataclass(frozen=True, slots=True)
class Resources:
    """The resources compared with the ceilings, and how they were obtained."""

    declared: Decimal
    maintenance: Decimal
    deduction: Decimal
    housing: Decimal
    total: Decimal


def ceilings(h: Household, ctx: Context) -> tuple[Decimal, Decimal]:
    """Annual ceilings (free, with participation) for this household and territory."""
    free_name, part_name = CEILINGS[h.territory]
    weights = _weights(h, int(ctx.number("c2s_dependant_age_limit")))
    return _ceiling(ctx.mapping(free_name), weights), _ceiling(ctx.mapping(part_name), weights)


def _weights(h: Household, age_limit: int) -> list[Decimal]:
    """Weight of the 2nd, 3rd… person: 1, or ½ for a child in shared custody (eldest first)."""
    children = sorted((d for d in h.dependants if (d.age or 0) < age_limit), key=lambda d: -(d.age or 0))
    weights = [ONE] if h.couple else []
    weights.extend(HALF if d.shared_custody else ONE for d in children)
    return weights


def _ceiling(table: dict[str, Decimal | str], weights: list[Decimal]) -> Decimal:
    """The published 1–4 person values, then the amount per extra person, each step weighted."""
    values = [Decimal(table[k]) for k in ("1", "2", "3", "4")]
    extra = Decimal(table["extra"])
    total = values[0]
    for position, weight in enumerate(weights, start=2):
        step = values[position - 1] - values[position - 2] if position <= 4 else extra
        total += step * weight
    return total


def resources(h: Household, ctx: Context) -> Resources:
    """Declared resources, minus maintenance paid and benefit deductions, plus the housing flat amount."""
    deduction = _benefit_deduction(h, ctx)
    housing = _housing(h, ctx)
    total = max(h.resources - h.maintenance_paid - deduction, ZERO) + housing
    return Resources(h.resources, h.maintenance_paid, deduction, housing, total)


def _benefit_deduction(h: Household, ctx: Context) -> Decimal:
    if not (h.aah_month or h.asi_month or h.aspa_month):
        return ZERO
    rates = ctx.mapping("benefit_deduction")
    couple = "couple" if h.couple else "single"
    monthly = min(h.aah_month, Decimal(rates["aah"]))
    if not h.aah_month:
        monthly += min(h.asi_month, Decimal(rates[f"asi_{couple}"]))
    monthly += min(h.aspa_month, Decimal(rates[f"aspa_{couple}"]))
    return monthly * TWELVE


def _housing(h: Household, ctx: Context) -> Decimal:
    if h.housing not in ("tenant_benefit", "owner", "free"):
        return ZERO
    people = min(h.size, 3)
    increase = ctx.mapping("rsa_household_increase")
    rsa = ctx.number("rsa_base_amount") * (
        ONE + (Decimal(increase["2"]) if people >= 2 else ZERO) + (Decimal(increase["3"]) if people >= 3 else ZERO)
    )
    name = "housing_flat_rate_with_benefit" if h.housing == "tenant_benefit" else "housing_flat_rate_owner_or_free"
    flat = TWELVE * rsa * Decimal(ctx.mapping(name)[str(people)])
    if h.housing == "tenant_benefit":
        flat = min(flat, TWELVE * h.housing_benefit_month)
    return flat.quantize(Decimal("0.01"))


def participation(h: Household, ctx: Context) -> Decimal:
    """Monthly participation of the household: one amount per person by age band."""
    name = "c2s_participation_alsace_moselle" if h.territory == "alsace_moselle" else "c2s_participation"
    bands = ctx.mapping(name)
    limits = sorted((int(k), Decimal(v)) for k, v in bands.items() if k != "max")
    oldest = Decimal(bands["max"])
    return sum((next((v for limit, v in limits if age <= limit), oldest) for age in h.ages()), ZERO)


def automatic(h: Household, ctx: Context) -> tuple[str, Band] | None:
    """The benefit that opens C2S without a resource check today, and the band it gives."""
    granted = ctx.mapping("automatic_c2s")
    alone = h.size == 1
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


def household_line(h: Household, ctx: Context) -> Msg:
    """ "Your household: 3 people, including 1 child in shared custody counted half"."""
    limit = int(ctx.number("c2s_dependant_age_limit"))
    shared = sum(1 for d in h.dependants if d.shared_custody and (d.age or 0) < limit)
    people = plural("{n} personne", "{n} personnes", h.size, "rights")
    if not shared:
        return msg("Votre foyer : {people}.", "rights", people=people)
    half = plural(
        "dont {n} enfant en garde alternée, compté pour moitié",
        "dont {n} enfants en garde alternée, comptés pour moitié",
        shared,
        "rights",
    )
    return msg("Votre foyer : {people} ({half}).", "rights", people=people, half=half)


def resources_line(r: Resources) -> Msg:
    """How the compared amount was obtained, with every figure."""
    parts: list[Msg] = [msg("ressources déclarées sur 12 mois : {amount}", "rights", amount=Money(r.declared))]
    if r.maintenance:
        parts.append(msg("moins la pension alimentaire versée : {amount}", "rights", amount=Money(r.maintenance)))
    if r.deduction:
        parts.append(
            msg("moins l'abattement sur l'AAH, l'ASI ou l'ASPA : {amount}", "rights", amount=Money(r.deduction))
        )
    if r.housing:
        parts.append(msg("plus le forfait logement : {amount}", "rights", amount=Money(r.housing)))
    if len(parts) == 1:
        return msg("Ressources du foyer sur 12 mois : {amount}.", "rights", amount=Money(r.total))
    detail = parts[0]
    for part in parts[1:]:
        detail = msg("{first}, {second}", "rights", first=detail, second=part)
    return msg("Ressources retenues : {amount} ({detail}).", "rights", amount=Money(r.total), detail=detail)


def c2s(h: Household, ctx: Context) -> Outcome:
    """Free C2S, C2S with participation, or neither, with the figures compared."""
    auto = automatic(h, ctx)
    if auto is not None:
        benefit, band = auto
        amount = participation(h, ctx) if band == "participation" else None
        reasons: list[Msg] = [AUTOMATIC[benefit]]
        if amount is not None:
            reasons.append(_participation_line(h, amount))
        steps = (
            (APPLY, DOCUMENTS_SIMPLIFIED)
            if benefit != "rsa"
            else (
                msg(
                    "Vérifiez sur votre compte ameli que la C2S est bien ouverte ; sinon, contactez votre CPAM.",
                    "rights",
                ),
            )
        )
        return Outcome("c2s", "automatic", tuple(reasons), steps, ("session",), band, amount)
    free, with_part = ceilings(h, ctx)
    r = resources(h, ctx)
    lines = [household_line(h, ctx), resources_line(r)]
    if r.total <= free:
        lines.append(
            msg(
                "{total} est en dessous du plafond de la C2S gratuite pour votre foyer ({free}).",
                "rights",
                total=Money(r.total),
                free=Money(free),
            )
        )
        return Outcome("c2s", "likely", tuple(lines), (APPLY, DOCUMENTS), ("session", "callback"), "free")
    if r.total <= with_part:
        amount = participation(h, ctx)
        lines.append(
            msg(
                "{total} dépasse le plafond de la C2S gratuite ({free}) mais reste sous celui de la C2S avec "
                "participation ({limit}).",
                "rights",
                total=Money(r.total),
                free=Money(free),
                limit=Money(with_part),
            )
        )
        lines.append(_participation_line(h, amount))
        return Outcome(
            "c2s", "likely", tuple(lines), (APPLY, DOCUMENTS), ("session", "callback"), "participation", amount
        )
    lines.append(
        msg(
            "{total} dépasse le plafond de la C2S avec participation pour votre foyer ({limit}).",
            "rights",
            total=Money(r.total),
            limit=Money(with_part),
        )
    )
    steps = (
        msg("Si vos ressources baissent, refaites ce bilan : le droit se calcule sur les 12 derniers mois.", "rights"),
    )
    return Outcome("c2s", "unlikely", tuple(lines), steps, ("callback",), "none")


def _participation_line(h: Household, amount: Decimal) -> Msg:
    return plural(
        "Participation estimée : {amount} par mois pour {n} personne (selon l'âge de chacun).",
        "Participation estimée : {amount} par mois pour les {n} personnes du foyer (selon l'âge de chacun).",
        h.size,
        "rights",
        amount=Money(amount),
    )
