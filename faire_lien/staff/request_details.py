"""One request as staff read it in Telegram: what the person chose to share, as the console's page shows it."""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.i18n import Translator
from dialogs.schema import Flow
from dialogs.text import msg, reference
from faire_lien.cases.service import CaseView
from faire_lien.cases.shared import Answers, Shared, shared
from faire_lien.cases.texts import when

SHARED = msg("📋 Ce que la personne a choisi de partager :", "case")
NOTHING_ELSE = msg("Rien d'autre que sa demande.", "case")
QUESTION = msg("Elle a demandé l'aide d'une personne sur cette question du questionnaire « {flow} » :", "case")
UNDELIVERED = msg("Le bot n'a pas pu lui remettre un message : {kind} (message n° {number}).", "case")
CHECK = msg("🧾 Le bilan qui a mené à la demande :", "case")
ADDED = msg("Réponses au questionnaire « {flow} », ajoutées par la personne le {at} :", "case")
FOLLOWED = msg("Réponses au questionnaire « {flow} » :", "case")
NO_ANSWER = msg("Aucune réponse gardée.", "case")
NO_CHECK = msg("Cette demande ne suit aucun bilan.", "case")
ROW = msg("• {label} : {value}", "result")
"""An answer under its label, as a result card writes it."""


def details(view: CaseView, flows: Mapping[str, Flow], t: Translator) -> str:
    """What the person shared, then the questionnaires the request follows, in the staff member's language: the
    same as the console's case page (`cases.shared` decides), its paragraphs cut at Telegram's length by the caller."""
    found = shared(view, flows, t)
    lines = [t(SHARED), *_about(view, found, t)]
    if found.request.rows:
        lines.extend(_answers(found.request.title, found.request, t))
    elif found.question is None and view.case.kind != "undelivered":
        lines.append(t(NOTHING_ELSE))
    lines.extend(["", t(CHECK)])
    for added in found.added:
        at = when(added.at, t) if added.at is not None else "?"
        lines.extend([*_answers(t(ADDED.bind(flow=added.title, at=at)), added, t), ""])
    if found.origin is not None:
        lines.extend(_answers(t(FOLLOWED.bind(flow=found.origin.title)), found.origin, t))
    elif not found.added:
        lines.append(t(NO_CHECK))
    return t.lines("\n".join(lines).strip("\n"))


def _about(view: CaseView, found: Shared, t: Translator) -> list[str]:
    """A help request's question, an undelivered message's kind and number: what the request is about."""
    if found.question is not None:
        title, text = found.question
        return [t(QUESTION.bind(flow=title)), text]
    if view.case.kind == "undelivered":
        number = found.message_number
        said = UNDELIVERED.bind(
            kind=found.message_kind or "?", number=reference(int(number)) if number.isdigit() else "?"
        )
        return [t(said)]
    return []


def _answers(heading: str, answers: Answers, t: Translator) -> list[str]:
    """Its heading (none for a request whose questionnaire has no title), then one bullet per answer (« Aucune
    réponse gardée. » when none is kept)."""
    rows = [t(ROW.bind(label=label, value=value)) for label, value in answers.rows] or [t(NO_ANSWER)]
    return [heading, *rows] if heading else rows
