"""The rights-check result card: one section per right, the reasons, the next steps, the offers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dialogs.results.blocks import Block, Card, OfferButton, Section
from dialogs.rights import Outcome, Report, evaluate
from dialogs.rights.answers import household
from dialogs.rights.table import Applied
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
    ("urgent_care", "info"): msg("🏥 Soins urgents à l'hôpital", "rights"),
    ("renewal", "expired"): msg("🔴 Renouvellement : vos droits sont terminés", "rights"),
    ("renewal", "renew"): msg("🟠 Renouvellement : à demander maintenant", "rights"),
    ("renewal", "info"): msg("🔁 Renouvellement de vos droits", "rights"),
    ("health_checkup", "likely"): msg("🩺 Examen de prévention en santé gratuit", "rights"),
    ("prevention_review", "likely"): msg("🩺 Mon bilan prévention", "rights"),
    ("social_sick_leave", "likely"): msg("🤝 Service social : arrêt de travail long", "rights"),
    ("social_sick_leave", "not_yet"): msg("🤝 Service social : arrêt de travail", "rights"),
    ("social_hospital_discharge", "likely"): msg("🤝 Service social : retour à domicile", "rights"),
    ("social_job_at_risk", "likely"): msg("🤝 Service social : garder son emploi", "rights"),
    ("social_caregiver", "likely"): msg("🤝 Service social : aide aux aidants", "rights"),
    ("social_serious_illness", "likely"): msg("🤝 Service social : groupes d'expression", "rights"),
    ("social_renounced_care", "likely"): msg("🤝 Service social : accès aux soins", "rights"),
}
OFFER_LABELS = {
    "session": msg("📅 Réunion d'information", "rights"),
    "checkup": msg("🩺 Réserver l'examen de santé", "rights"),
    "callback": msg("📞 Être contacté·e par un travailleur social", "rights"),
}
HEADER = msg("📋 Résultat de votre bilan de droits santé", "rights")
ESTIMATE = msg(
    "Ce résultat est une estimation à partir de vos réponses : seule la caisse d'assurance maladie décide.", "rights"
)
NOTHING = msg(
    "Nous n'avons pas trouvé de droit à vous indiquer avec ces réponses. Un professionnel peut vous aider.", "rights"
)
STAFF = msg("⚠️ Pour les professionnels :", "rights")


def rights(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """Evaluate the answers on the day the check ends and lay out the result."""
    report = evaluate(household(answers), today)
    blocks: list[Block] = [HEADER, ESTIMATE]
    blocks.extend(_section(o) for o in report.outcomes)
    if not report.outcomes:
        blocks.append(Section(NOTHING))
    staff = staff_notes(report)
    if staff:
        blocks.append(Section(STAFF, tuple(staff)))
    return Card(blocks, offers(report))


def title(outcome: Outcome) -> Msg:
    """The headline of one outcome."""
    key = outcome.band if outcome.right == "c2s" and outcome.status != "automatic" else outcome.status
    return TITLES.get((outcome.right, key or outcome.status), msg("ℹ️ {right}", "rights", right=outcome.right))


def _section(outcome: Outcome) -> Section:
    return Section(title(outcome), outcome.reasons, outcome.steps)


def staff_notes(report: Report) -> list[Msg]:
    """Values applied past their revaluation date, and values still to be confirmed."""
    notes: list[Msg] = [_stale(a) for a in report.stale]
    notes.extend(
        msg("valeur à confirmer : {description} ({source}).", "rights", description=a.description, source=a.source)
        for a in report.unverified
    )
    return notes


def _stale(applied: Applied) -> Msg:
    return msg(
        "{description} : les valeurs en vigueur depuis le {since} ont été appliquées, celles du {missing} ne sont "
        "pas encore dans l'outil. Vérifiez le résultat avec le barème à jour.",
        "rights",
        description=applied.description,
        since=applied.since,
        missing=applied.stale_since or applied.since,
    )


def offers(report: Report) -> tuple[OfferButton, ...]:
    """One button per thing the bot can do now, in a fixed order."""
    wanted = {offer for o in report.outcomes for offer in o.offers}
    buttons = [OfferButton(kind, label) for kind, label in OFFER_LABELS.items() if kind in wanted]
    renewal = report.get("renewal")
    if renewal is not None and "renewal" in renewal.offers and renewal.due is not None:
        buttons.append(OfferButton("renewal", msg("⏰ Me rappeler le {day}", "rights", day=renewal.due)))
    return tuple(buttons)
