"""The rights-check result card: one section per right, the reasons, the next steps, the offers.

The person sees, in their language, whether the figures may be out of date or a rule used is still to
be confirmed, and an amber mark when their resources are close to a ceiling computed with such figures;
the professional details (which values, their source) are a staff-only block that only staff views show.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import partial

from dialogs.results.blocks import Block, Card, OfferButton, Section, StaffOnly
from dialogs.results.rights_staff import staff_details
from dialogs.rights import Outcome, Report, evaluate
from dialogs.rights.answers import household
from dialogs.schema import AnswerValue, Flow
from dialogs.text import Msg, msg

TITLES: dict[tuple[str, str], Msg] = {
    ("puma", "covered"): msg("🟢 Couverture de base (PUMa) : vous devriez être couvert·e", "rights"),
    ("puma", "not_yet"): msg("🟡 Couverture de base (PUMa) : pas encore", "rights"),
    ("c2s", "free"): msg("🟢 C2S gratuite : droit probable", "rights"),
    ("c2s", "participation"): msg("🟢 C2S avec participation : droit probable", "rights"),
    ("c2s", "automatic"): msg("🟢 C2S : attribuée sans examen de vos ressources", "rights"),
    ("c2s", "none"): msg("⚪ C2S : peu probable avec ces ressources", "rights"),
    ("ame", "likely"): msg("🟢 AME (aide médicale de l'État) : droit probable", "rights"),
    ("ame", "not_yet"): msg("🟡 AME (aide médicale de l'État) : pas encore", "rights"),
    ("ame", "unlikely"): msg("⚪ AME : peu probable avec ces ressources", "rights"),
    ("ame_children", "likely"): msg("🟢 AME pour vos enfants de moins de 18 ans : droit probable", "rights"),
    ("urgent_care", "info"): msg("🏥 Soins urgents à l'hôpital", "rights"),
    ("mayotte", "info"): msg("ℹ️ Mayotte : ni C2S ni AME", "rights"),
    ("renewal", "expired"): msg("🔴 Renouvellement : vos droits sont terminés", "rights"),
    ("renewal", "renew"): msg("🟠 Renouvellement : à demander maintenant", "rights"),
    ("renewal", "info"): msg("🔁 Renouvellement de vos droits", "rights"),
    ("renewal", "switch"): msg("🟠 Fin de vos droits actuels : une autre couverture à demander", "rights"),
    ("health_checkup", "likely"): msg("🩺 Examen de prévention en santé gratuit", "rights"),
    ("prevention_review", "likely"): msg("🩺 Mon bilan prévention", "rights"),
    ("social_sick_leave", "likely"): msg("🤝 Service social : arrêt de travail long", "rights"),
    ("social_sick_leave", "not_yet"): msg("🤝 Service social : arrêt de travail", "rights"),
    ("social_sick_leave", "info"): msg("🤝 Service social : arrêt de travail", "rights"),
    ("social_hospital_discharge", "likely"): msg("🤝 Service social : retour à domicile", "rights"),
    ("social_job_at_risk", "likely"): msg("🤝 Service social : garder son emploi", "rights"),
    ("social_caregiver", "likely"): msg("🤝 Service social : aide aux aidants", "rights"),
    ("social_serious_illness", "likely"): msg("🤝 Service social : groupes d'expression", "rights"),
    ("social_renounced_care", "likely"): msg("🤝 Service social : accès aux soins", "rights"),
}
AMBER: dict[tuple[str, str], Msg] = {
    ("puma", "covered"): msg("🟠 Couverture de base (PUMa) : dès votre retour, à confirmer", "rights"),
    ("c2s", "free"): msg("🟠 C2S gratuite : droit possible, à confirmer", "rights"),
    ("c2s", "participation"): msg("🟠 C2S avec participation : droit possible, à confirmer", "rights"),
    ("c2s", "none"): msg("🟠 C2S : possible, vos ressources sont proches du plafond", "rights"),
    ("ame", "likely"): msg("🟠 AME (aide médicale de l'État) : droit possible, à confirmer", "rights"),
    ("ame", "unlikely"): msg("🟠 AME : possible, vos ressources sont proches du plafond", "rights"),
}
"""Resources within the margin of a ceiling computed with out-of-date or unconfirmed values; the PUMa of a pensioner
coming back to live in France, whose sources disagree (dialogs/rights/returning.py)."""
OFFER_LABELS = {
    "session": msg("📅 Réunion d'information", "rights"),
    "checkup": msg("🩺 Réserver l'examen de santé", "rights"),
    # TRANSLATORS: button: at most 40 characters, what a phone shows.
    "callback": msg("📞 Parler à un travailleur social", "rights"),
}
HEADER = msg("📋 Résultat de votre bilan de droits santé", "rights")
ESTIMATE = msg(
    "Ce résultat est une estimation à partir de vos réponses : seule la caisse d'assurance maladie décide.", "rights"
)
NOTHING = msg(
    "Nous n'avons pas trouvé de droit à vous indiquer avec ces réponses. Un professionnel peut vous aider.", "rights"
)
UNCONFIRMED = msg(
    "🟠 Vos ressources sont proches d'un plafond et une règle utilisée reste à confirmer : votre résultat peut "
    "être un peu différent.",
    "rights",
)
TO_CONFIRM = msg(
    "🟠 Une règle utilisée pour ce calcul reste à confirmer : votre résultat peut être un peu différent.", "rights"
)
FAMILY_HELP = msg(
    "🟠 Depuis le {since}, l'argent donné par votre famille, vos proches, une association ou un organisme ne "
    "serait plus compté, mais cette règle reste à confirmer : si vous en recevez, votre résultat peut être "
    "différent.",
    "rights",
)
"""The décret of 28 June 2025 (R861-10 10° and 10° bis), marked `verified: false` in the rule table."""
REVALUED = msg(
    "🟠 Les plafonds et les montants utilisés pour ce calcul changent le {day} : ce résultat vaut pour une demande "
    "faite avant cette date ; pour une demande faite après, il peut être un peu différent.",
    "rights",
)
"""The ceilings and the RSA are revalued every 1 April: a check in March may precede a request made in April."""
FAMILY_HELP_KEYS = frozenset({"family_help", "organisation_help"})
SAID_IN_SECTION = frozenset({"c2s_participation_shared_custody", "puma_returning_pensioners"})
"""Unconfirmed rules the person reads about in a plain sentence of their section, not in an amber caution."""
NEAR_CEILING_ONLY = frozenset({"c2s_overseas_rounding"})
"""Unconfirmed rules that can move a ceiling by a euro at most (how the 2025 overseas ceilings are rounded): the
person is told only when their resources are close to a ceiling, with the amber mark."""


def rights(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """Evaluate the answers on the day the check ends and lay out the result."""
    h = household(answers)
    report = evaluate(h, today)
    blocks: list[Block] = [HEADER, ESTIMATE]
    blocks.extend(cautions(report))
    blocks.extend(_section(o) for o in report.outcomes)
    if not report.outcomes:
        blocks.append(Section(NOTHING))
    blocks.append(StaffOnly(partial(staff_details, report)))
    return Card(blocks, offers(report))


def cautions(report: Report) -> list[Msg]:
    """The plain amber sentences the person sees when the figures may be out of date or unconfirmed."""
    found: list[Msg] = []
    stale = report.stale
    ceilings = [a.since for a in stale if a.name.startswith("c2s_ceiling")]
    if ceilings:
        found.append(
            msg(
                "🟠 Les plafonds de ressources utilisés sont ceux du {since} : votre résultat peut être un peu "
                "différent.",
                "rights",
                since=min(ceilings),
            )
        )
    elif stale:
        found.append(
            msg(
                "🟠 Certains montants utilisés sont ceux du {since} : votre résultat peut être un peu différent.",
                "rights",
                since=min(a.since for a in stale),
            )
        )
    if report.changes_on is not None and not ceilings:
        found.append(REVALUED.bind(day=report.changes_on))
    others = False
    for applied in report.unverified:
        if applied.name in SAID_IN_SECTION or applied.name in NEAR_CEILING_ONLY:
            continue
        if isinstance(applied.value, dict) and FAMILY_HELP_KEYS & applied.value.keys():
            found.append(FAMILY_HELP.bind(since=applied.since))
        else:
            others = True
    if others and not stale:
        found.append(UNCONFIRMED if any(o.uncertain for o in report.outcomes) else TO_CONFIRM)
    elif not found and any(o.uncertain for o in report.outcomes):
        found.append(UNCONFIRMED)
    return found


def title(outcome: Outcome) -> Msg:
    """The headline of one outcome: green, amber when close to a doubtful ceiling, grey when unlikely."""
    key = outcome.band if outcome.right == "c2s" and outcome.status != "automatic" else outcome.status
    pair = (outcome.right, key or outcome.status)
    if (outcome.uncertain or outcome.conditional) and pair in AMBER:
        return AMBER[pair]
    found = TITLES.get(pair)
    return found if found is not None else msg("ℹ️ {right}", "rights", right=outcome.right)


def _section(outcome: Outcome) -> Section:
    return Section(title(outcome), outcome.reasons, outcome.steps)


def offers(report: Report) -> tuple[OfferButton, ...]:
    """One button per thing the bot can do now, in a fixed order."""
    wanted = {offer for o in report.outcomes for offer in o.offers}
    buttons = [OfferButton(kind, label) for kind, label in OFFER_LABELS.items() if kind in wanted]
    renewal = report.get("renewal")
    if renewal is not None and "renewal" in renewal.offers and renewal.due is not None:
        # TRANSLATORS: button: {day} is a date such as « 28 septembre 2027 »; at most 40 characters in all.
        buttons.append(OfferButton("renewal", msg("⏰ Me rappeler le {day}", "rights", day=renewal.due)))
    return tuple(buttons)
