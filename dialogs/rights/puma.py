"""PUMa, the basic cover: work or stable residence, and the waivers of the 3-month condition.

CSS L160-1: anyone who works in France, or resides there in a stable and regular way (uninterrupted
residence of more than 3 months), is covered for health costs. D160-2 waives the 3 months for RSA,
AAH, family or housing benefit recipients, refugees and beneficiaries of subsidiary protection,
students, people back from international volunteering and joining family members. Since 1 January
2020 (décret n° 2019-1531) adult asylum seekers are no longer waived: they wait 3 months and meanwhile
hospitals cover urgent care (CASF L254-1); their minor children keep the waiver.
"""

from __future__ import annotations

from datetime import date

from dialogs.rights import pensioners, returning
from dialogs.rights.bodies import Named
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Outcome, after_months, join
from dialogs.rights.recipients import Who, receives
from dialogs.text import Msg, msg, plural

WAIVERS = {
    "rsa": msg("vous recevez le RSA", "rights"),
    "aah": msg("vous recevez l'AAH", "rights"),
    "family": msg("vous recevez des allocations familiales", "rights"),
    "housing": msg("vous recevez une aide au logement", "rights"),
    "refugee": msg("vous êtes réfugié·e ou bénéficiaire de la protection subsidiaire", "rights"),
    "asylum": msg("vous demandez l'asile", "rights"),
    "asylum_minor": msg("vous avez moins de 18 ans et demandez l'asile, seul·e ou avec votre famille", "rights"),
    "student": msg("vous êtes étudiant·e", "rights"),
    "volunteer": msg("vous rentrez d'un volontariat international", "rights"),
    "family_joining": msg("vous rejoignez un membre de votre famille assuré en France", "rights"),
}
AAH_RECEIVED_BY: dict[Who, Msg] = {
    "partner": msg("votre conjoint·e reçoit l'AAH", "rights"),
    "both": msg("vous et votre conjoint·e recevez l'AAH", "rights"),
    "household": msg("une personne de votre foyer reçoit l'AAH", "rights"),
}
"""The AAH waiver when it is not the person who receives it (`WAIVERS["aah"]` when it is)."""
AFFILIATION = Named(
    msg(
        "Si vous n'avez ni carte Vitale ni attestation de droits, demandez votre affiliation à votre CPAM "
        "(compte ameli ou accueil).",
        "rights",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg(
        "Si vous n'avez ni carte Vitale ni attestation de droits, demandez votre affiliation à {body} "
        "(compte ameli ou accueil).",
        "rights",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « la Caisse de prévoyance sociale de Saint-Barthélemy ».
    msg("Si vous n'avez ni carte Vitale ni attestation de droits, demandez votre affiliation à {body}.", "rights"),
)
DOCUMENTS = msg("Apportez une pièce d'identité, un justificatif de domicile et un RIB.", "rights")
COVERED_STEPS = (AFFILIATION.cpam, DOCUMENTS)
WAITING = msg(
    "En attendant, en cas de besoin de soins, la PASS de l'hôpital le plus proche peut vous recevoir.", "rights"
)
PROTECTED = Named(
    msg(
        "Si vous obtenez le statut de réfugié·e ou la protection subsidiaire, ce délai ne s'applique plus : "
        "dites-le à votre CPAM.",
        "rights",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg(
        "Si vous obtenez le statut de réfugié·e ou la protection subsidiaire, ce délai ne s'applique plus : "
        "dites-le à {body}.",
        "rights",
    ),
)

CHILDREN = msg(
    "Vos enfants de moins de 18 ans n'ont pas à attendre : les enfants mineurs d'une personne qui demande l'asile "
    "sont couverts dès leur arrivée.",
    "rights",
)
CHILDREN_NOW = Named(
    msg("Demandez dès maintenant l'affiliation de vos enfants à votre CPAM.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("Demandez dès maintenant l'affiliation de vos enfants à {body}.", "rights"),
)
NOT_18_YET = Named(
    msg(
        "Vous avez 18 ans cette année : si vous ne les avez pas encore, vous n'avez pas à attendre ; dites-le à votre "
        "CPAM et faites la demande dès maintenant.",
        "rights",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg(
        "Vous avez 18 ans cette année : si vous ne les avez pas encore, vous n'avez pas à attendre ; dites-le à "
        "{body} et faites la demande dès maintenant.",
        "rights",
    ),
)
"""Only the year of birth is known and it makes the person 18 this year: minor or adult, the chat cannot tell."""
ASK_FROM = Named(
    msg("Faites la demande auprès de votre CPAM à partir du {day}.", "rights"),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg("À partir du {day}, faites la demande auprès de {body}.", "rights"),
)
C2S_TOO = msg(
    "Une fois couvert·e par la couverture de base, à partir du {day}, vous pourrez aussi demander la C2S "
    "(complémentaire santé solidaire) si les ressources de votre foyer sont faibles : refaites ce bilan à ce "
    "moment-là.",
    "rights",
)
"""CSS L861-1: C2S is for people covered by PUMa (L160-1), so a newcomer asks for it once covered."""


def puma(h: Household, ctx: Context) -> Outcome | None:
    """Whether the person should already be covered, or from when; nothing for people without a permit."""
    if h.residence == "irregular":
        return None
    if h.works_in_france:
        return Outcome(
            "puma", "covered", (msg("Vous travaillez en France : vous êtes couvert·e.", "rights"),), _covered_steps(h)
        )
    months = int(ctx.number("puma_residence_months"))
    if h.arrived is None:
        reason = plural(
            "Vous vivez en France depuis plus de {n} mois : vous êtes couvert·e.",
            "Vous vivez en France depuis plus de {n} mois : vous êtes couvert·e.",
            months,
            "rights",
        )
        return Outcome("puma", "covered", (reason,), _covered_steps(h))
    from_day = after_months(h.arrived, months)
    if from_day <= ctx.today:
        reason = plural(
            "Vous vivez en France depuis le {arrived}, plus de {n} mois : vous êtes couvert·e.",
            "Vous vivez en France depuis le {arrived}, plus de {n} mois : vous êtes couvert·e.",
            months,
            "rights",
            arrived=h.arrived,
        )
        return Outcome("puma", "covered", (reason,), _covered_steps(h))
    waivers = _waivers(h, ctx)
    if waivers is not None:
        reason = plural(
            "La condition de {n} mois de résidence ne s'applique pas à vous : {why}.",
            "La condition de {n} mois de résidence ne s'applique pas à vous : {why}.",
            months,
            "rights",
            why=waivers,
        )
        return Outcome("puma", "covered", (reason,), pensioners.steps(h) or _covered_steps(h))
    back = returning.pensioner(h, ctx, months, from_day)
    if back is not None:
        return back
    if h.residence == "asylum_seeker":
        return _asylum_seeker(h, months, from_day, ctx.today)
    reason = plural(
        "Vous êtes arrivé·e en France le {arrived} : la couverture de base demande {n} mois de résidence, "
        "soit à partir du {day}.",
        "Vous êtes arrivé·e en France le {arrived} : la couverture de base demande {n} mois de résidence, "
        "soit à partir du {day}.",
        months,
        "rights",
        arrived=h.arrived,
        day=from_day,
    )
    why, meanwhile = returning.waiting(h, ctx, months)
    steps = (ASK_FROM.said(h).bind(day=from_day), *meanwhile, WAITING, C2S_TOO.bind(day=from_day))
    reasons = (reason, *pensioners.still_waits(h, ctx), *why)
    return Outcome("puma", "not_yet", reasons, steps, ("callback",), due=from_day)


def _asylum_seeker(h: Household, months: int, from_day: date, today: date) -> Outcome:
    """An adult asylum seeker waits 3 months of residence (urgent care meanwhile); their minor children do not."""
    assert h.arrived is not None
    reason = plural(
        "Vous êtes arrivé·e en France le {arrived} : depuis 2020, une personne majeure qui demande l'asile est "
        "couverte après {n} mois de résidence, soit à partir du {day}.",
        "Vous êtes arrivé·e en France le {arrived} : depuis 2020, une personne majeure qui demande l'asile est "
        "couverte après {n} mois de résidence, soit à partir du {day}.",
        months,
        "rights",
        arrived=h.arrived,
        day=from_day,
    )
    reasons: tuple[Msg, ...] = (reason, NOT_18_YET.said(h)) if h.turns_18_in(today) else (reason,)
    steps: tuple[Msg, ...] = (ASK_FROM.said(h).bind(day=from_day), PROTECTED.said(h), C2S_TOO.bind(day=from_day))
    if h.minor_children:
        reasons, steps = (*reasons, CHILDREN), (CHILDREN_NOW.said(h), *steps)
    return Outcome("puma", "not_yet", reasons, steps, ("callback",), due=from_day)


def _covered_steps(h: Household) -> tuple[Msg, ...]:
    """Where to ask for the affiliation when the person has no proof of it yet, and what to bring."""
    first = AFFILIATION.said(h)
    return COVERED_STEPS if first is AFFILIATION.cpam else (first, DOCUMENTS)


def _waivers(h: Household, ctx: Context) -> Msg | None:
    found = set(h.benefits) | set(h.waivers)
    if h.residence == "refugee":
        found.add("refugee")
    if h.residence == "asylum_seeker":
        waived = ctx.value("puma_asylum_seekers")
        if waived == "all":
            found.add("asylum")
        elif h.minor_on(ctx.today):
            found.add("asylum_minor")
    reasons = [_waiver(h, key, label) for key, label in WAIVERS.items() if key in found]
    pension = pensioners.waiver(h, ctx)
    return join([*reasons, pension] if pension is not None else reasons)


def _waiver(h: Household, key: str, label: Msg) -> Msg:
    """One waiver, naming who receives the AAH."""
    return AAH_RECEIVED_BY.get(receives(h, "aah"), label) if key == "aah" else label
