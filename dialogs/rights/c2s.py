"""C2S, the free or low-cost complementary cover: the outcome, with the figures compared.

CSS L861-1: free C2S when the household's resources are at most the ceiling (1°), C2S with a monthly
participation up to the ceiling × 1.35 (2°). The household is defined in `members` (R861-2, R861-3),
the ceilings in `ceilings`, the resources in `resources`, the participation in `participation` and
the attribution without a resource check in `automatic`. Resources equal to a ceiling are within it (« inférieures ou
égales »): the card says they equal it, not that they are under it.
"""

from __future__ import annotations

from dataclasses import replace

from dialogs.rights.automatic import aspa_refused, automatic, message
from dialogs.rights.bodies import BODIES, Named
from dialogs.rights.ceilings import ceilings, collectivity
from dialogs.rights.doubt import uncertain
from dialogs.rights.household import Household
from dialogs.rights.members import members, shared
from dialogs.rights.outcome import Context, Outcome
from dialogs.rights.participation import next_year, participation, participation_lines
from dialogs.rights.resources import not_counted_line, resources, resources_line
from dialogs.text import Money, Msg, msg, plural

APPLY = Named(
    msg(
        "Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de votre CPAM.", "rights"
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de {body}.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « la Caisse de prévoyance sociale de Saint-Barthélemy ».
    msg("Faites la demande auprès de {body}.", "rights"),
)
RENEW = Named(
    msg(
        "Vous avez déjà la C2S : pas de nouvelle demande à faire. Demandez son renouvellement avant la fin de vos "
        "droits, sur votre compte ameli ou à l'accueil de votre CPAM.",
        "rights",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg(
        "Vous avez déjà la C2S : pas de nouvelle demande à faire. Demandez son renouvellement avant la fin de vos "
        "droits, sur votre compte ameli ou à l'accueil de {body}.",
        "rights",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « la Caisse de prévoyance sociale de Saint-Barthélemy ».
    msg(
        "Vous avez déjà la C2S : pas de nouvelle demande à faire. Demandez son renouvellement avant la fin de vos "
        "droits, auprès de {body}.",
        "rights",
    ),
)
"""What someone who holds C2S today does instead of a first request (the renewal section below says when)."""
DOCUMENTS = msg(
    "Préparez : une pièce d'identité, un justificatif de domicile et les ressources du foyer sur 12 mois, du 13e au "
    "2e mois avant le mois de votre demande (pour une demande en décembre : de novembre de l'année d'avant à "
    "octobre).",
    "rights",
)
"""CSS R861-8 (décret 2021-1642): the resources of the 12 months from the 13th to the 2nd month before the request."""
DOCUMENTS_SIMPLIFIED = msg("Préparez : une pièce d'identité et votre dernière attestation de paiement.", "rights")
CHECK_OPENED = Named(
    msg("Vérifiez sur votre compte ameli que la C2S est bien ouverte ; sinon, contactez votre CPAM.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("Vérifiez sur votre compte ameli que la C2S est bien ouverte ; sinon, contactez {body}.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « la Caisse de prévoyance sociale de Saint-Barthélemy ».
    msg("Vérifiez que la C2S est bien ouverte auprès de {body}.", "rights"),
)
# TRANSLATORS: {body} is the health-insurance body of Saint-Martin or of Saint-Barthélemy, such as « la Caisse de
# prévoyance sociale de Saint-Barthélemy » (translated on its own).
COLLECTIVITY = msg(
    "À Saint-Martin et à Saint-Barthélemy, nous appliquons les plafonds de l'outre-mer : les règles qui s'appliquent "
    "vous seront confirmées par {body}.",
    "rights",
)
"""Said only there (`collectivity`): {body} is the one of BODIES."""
LOWER = msg(
    "Si vos ressources baissent, refaites ce bilan : le droit se calcule sur 12 mois, du 13e au 2e mois avant le "
    "mois de votre demande.",
    "rights",
)
WITH_PARENTS = msg(
    "Vous avez moins de 25 ans : si vous vivez chez vos parents, si vous êtes sur leur déclaration d'impôts ou s'ils "
    "vous versent une pension alimentaire qu'ils déduisent de leurs impôts, la C2S se demande avec eux, pour tout leur "
    "foyer et avec leurs ressources. Ce résultat ne vaut alors pas pour vous : faites ce bilan pour le foyer de vos "
    "parents.",
    "rights",
)
ADULT, YOUNG = 18, 25
"""The ages between which someone alone may still belong to their parents' C2S household (R861-2), in years since
their year of birth (a person born in 2002 is 23 or 24 in 2026)."""
FREE_IF_DECLARED = msg(
    "Mais avec les ressources que vous avez indiquées, la C2S est gratuite : déclarez-les dans votre demande "
    "pour ne rien payer.",
    "rights",
)


def apply(h: Household, ctx: Context) -> Msg:
    """Ask for C2S: a first request, or its renewal for someone whose C2S has not ended."""
    holds = h.cover == "c2s" and (h.cover_end is None or h.cover_end >= ctx.today)
    return (RENEW if holds else APPLY).said(h)


def household_line(h: Household, ctx: Context) -> Msg:
    """ "Your household: 3 people, including 1 child in shared custody counted half"."""
    people = members(h, ctx)
    size = plural("{n} personne", "{n} personnes", len(people), "rights")
    halves = shared(people)
    if not halves:
        return msg("Votre foyer : {people}.", "rights", people=size)
    half = plural(
        "dont {n} enfant en garde alternée, compté pour moitié",
        "dont {n} enfants en garde alternée, comptés pour moitié",
        halves,
        "rights",
    )
    return msg("Votre foyer : {people} ({half}).", "rights", people=size, half=half)


def c2s(h: Household, ctx: Context) -> Outcome:
    """Free C2S, C2S with participation, or neither, with the figures compared.

    A benefit that opens C2S with participation without a resource check is a simpler way in, not a price
    to pay: when the resources declared give free C2S, the card says free C2S (and why declaring them pays).
    An ASPA household where someone worked in the last 3 months is told why its resources are examined.
    """
    auto = automatic(h, ctx)
    if auto is not None:
        benefit, band = auto
        if band == "participation" and ctx.in_force("c2s_ceiling_base"):
            declared = by_resources(h, ctx)
            if declared.band == "free":
                return replace(declared, reasons=(*declared.reasons, message(h, benefit, ctx), FREE_IF_DECLARED))
        amount = participation(h, ctx) if band == "participation" else None
        later = next_year(h, ctx, amount) if amount is not None else None
        reasons: list[Msg] = [message(h, benefit, ctx)]
        if amount is not None:
            reasons.extend(participation_lines(h, ctx, amount, later))
        steps = (apply(h, ctx), DOCUMENTS_SIMPLIFIED) if benefit != "rsa" else (CHECK_OPENED.said(h),)
        return Outcome(
            "c2s",
            "automatic",
            tuple(reasons),
            steps,
            ("session",),
            band,
            amount,
            participation_next_year=later.amount if later else None,
        )
    declared = young_adult(h, ctx, by_resources(h, ctx))
    why = aspa_refused(h, ctx)
    return replace(declared, reasons=(why, *declared.reasons)) if why is not None else declared


def young_adult(h: Household, ctx: Context, outcome: Outcome) -> Outcome:
    """A person of 18 to 24 alone is told the result holds only if they do not belong to their parents' household.

    CSS R861-2: dependants under 25 living with the applicant, or on their tax return, belong to the applicant's
    household; a young person asks alone only when living apart, not on the parents' tax return and without a
    maintenance the parents deduct from their tax (complementaire-sante-solidaire.gouv.fr, « moins de 25 ans »). The
    chat does not ask it: the card says so, amber when the result would give C2S (`conditional`).
    """
    years = ctx.today.year - h.born if h.born is not None else h.age
    if h.couple or h.dependants or years is None or not ADULT <= years < YOUNG:
        return outcome
    return replace(outcome, reasons=(*outcome.reasons, WITH_PARENTS), conditional=outcome.status == "likely")


def by_resources(h: Household, ctx: Context) -> Outcome:
    """The band the household's declared resources give against the ceilings (L861-1 1° and 2°)."""
    free, with_part = ceilings(h, ctx)
    r = resources(h, ctx)
    left_out = not_counted_line(ctx)  # looked up first: a list still to confirm makes a close result doubtful
    doubt = uncertain(r.total, (free, with_part), ctx)
    lines = [household_line(h, ctx), resources_line(r), left_out]
    if collectivity(h):
        lines.append(COLLECTIVITY.bind(body=BODIES[h.territory].name))
    if r.total <= free:
        lines.append(
            msg(
                "{total} est en dessous du plafond de la C2S gratuite pour votre foyer ({free}).",
                "rights",
                total=Money(r.total),
                free=Money(free),
            )
            if r.total < free
            else msg(
                "{total} est égal au plafond de la C2S gratuite pour votre foyer ({free}) : il ne le dépasse pas.",
                "rights",
                total=Money(r.total),
                free=Money(free),
            )
        )
        return Outcome(
            "c2s", "likely", tuple(lines), (apply(h, ctx), DOCUMENTS), ("session", "callback"), "free", uncertain=doubt
        )
    if r.total <= with_part:
        amount = participation(h, ctx)
        later = next_year(h, ctx, amount)
        lines.append(
            msg(
                "{total} dépasse le plafond de la C2S gratuite ({free}) mais reste sous celui de la C2S avec "
                "participation ({limit}).",
                "rights",
                total=Money(r.total),
                free=Money(free),
                limit=Money(with_part),
            )
            if r.total < with_part
            else msg(
                "{total} dépasse le plafond de la C2S gratuite ({free}) et est égal à celui de la C2S avec "
                "participation ({limit}) : il ne le dépasse pas.",
                "rights",
                total=Money(r.total),
                free=Money(free),
                limit=Money(with_part),
            )
        )
        lines.extend(participation_lines(h, ctx, amount, later))
        return Outcome(
            "c2s",
            "likely",
            tuple(lines),
            (apply(h, ctx), DOCUMENTS),
            ("session", "callback"),
            "participation",
            amount,
            uncertain=doubt,
            participation_next_year=later.amount if later else None,
        )
    lines.append(
        msg(
            "{total} dépasse le plafond de la C2S avec participation pour votre foyer ({limit}).",
            "rights",
            total=Money(r.total),
            limit=Money(with_part),
        )
    )
    steps = (apply(h, ctx), LOWER) if doubt else (LOWER,)
    return Outcome("c2s", "unlikely", tuple(lines), steps, ("callback",), "none", uncertain=doubt)
