"""What the person chose to share with a request, decided once for every staff screen (bot, console, command line):
each answer under its short label, the question a help request is about, the message the bot could not deliver,
the questionnaires' answers the request follows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dialogs.i18n import Translator
from dialogs.present import format_answer
from dialogs.schema import Flow, Step
from dialogs.text import msg
from faire_lien.cases.phones import french_phone
from faire_lien.cases.service import CaseView
from faire_lien.outbox.kinds import KIND_NAMES as MESSAGE_KINDS

FOLLOWS = msg("Suite au questionnaire « {flow} »", "case")
"""The questionnaire the person had just finished when they asked for a human."""
UNKNOWN_STEP = msg("(question retirée du questionnaire)", "case")
"""After the id of an answered step the questionnaire no longer has."""
PHONE_STEPS = frozenset({"phone"})
"""The steps whose answer is a phone number (the call-back and facilitator meeting requests, and theirs on behalf)."""


@dataclass(frozen=True)
class Answers:
    """A finished questionnaire's answers as staff read them: its title, each answer under its label, and when the
    person added it to the request (a card's 📞 pressed while it was open)."""

    title: str
    rows: list[tuple[str, str]]
    at: datetime | None = None


@dataclass(frozen=True)
class Shared:
    """What the person chose to share, in the reader's language: the request's answers (how and when to reach
    them), a help request's question (questionnaire title, question), an undelivered message (its kind, its number),
    the cards added since (latest first), then the questionnaire the request follows."""

    request: Answers
    question: tuple[str, str] | None
    message_kind: str
    message_number: str
    added: list[Answers]
    origin: Answers | None


def shared(view: CaseView, flows: Mapping[str, Flow], t: Translator) -> Shared:
    """What every staff screen shows of a case (the read is the caller's, audited by `service.read`)."""
    case = view.case
    undelivered = case.kind == "undelivered"
    kind = str(case.context.get("kind", "")) if undelivered else ""
    origin = view.origin_flow
    return Shared(
        request=Answers(flow_title(flows, view.request_flow, t), labelled(flows, view.request_flow, view.shared, t)),
        question=question(flows, case.context, t) if case.kind == "help" else None,
        message_kind=t(MESSAGE_KINDS[kind]) if kind in MESSAGE_KINDS else kind,
        message_number=str(case.context.get("message", "")) if undelivered else "",
        added=[
            Answers(flow_title(flows, added.flow, t), labelled(flows, added.flow, added.answers, t), added.at)
            for added in view.added
        ],
        origin=Answers(flow_title(flows, origin, t), labelled(flows, origin, view.origin_answers, t))
        if origin is not None
        else None,
    )


def labelled(
    flows: Mapping[str, Flow], flow_id: str | None, answers: dict[str, Any], t: Translator
) -> list[tuple[str, str]]:
    """A finished flow's answers, each under its step's short label (the recap's), in the flow's order; a phone
    number grouped as French people read it (stored as typed)."""
    flow = flows.get(flow_id) if flow_id is not None else None
    if flow is None:
        return [(key, str(value)) for key, value in answers.items()]
    rows = [
        (t(step.summary or step.text, flow.context), _answer(flow, step, answers[step.id], t))
        for step in flow.steps
        if step.id in answers
    ]
    known = {step.id for step in flow.steps}
    gone = t(UNKNOWN_STEP)
    rows.extend((f"{key} {gone}", str(value)) for key, value in answers.items() if key not in known)
    return rows


def _answer(flow: Flow, step: Step, value: Any, t: Translator) -> str:
    """An answer as the recap writes it; a phone number by pairs, in the reader's digits."""
    if step.id in PHONE_STEPS and isinstance(value, str):
        return t.digits(french_phone(value))
    return format_answer(flow, step, value, t)


def flow_title(flows: Mapping[str, Flow], flow_id: str | None, t: Translator) -> str:
    """A flow's title in the reader's language (its id when the flow is gone, empty for none)."""
    if flow_id is None:
        return ""
    flow = flows.get(flow_id)
    return t(flow.title, flow.context) if flow is not None else flow_id


def question(flows: Mapping[str, Flow], context: dict[str, Any], t: Translator) -> tuple[str, str] | None:
    """A help case's question: the questionnaire's title and the question's text, in the reader's language."""
    flow = flows.get(str(context.get("flow")))
    step_id = str(context.get("step"))
    if flow is None or not flow.has_step(step_id):
        return None
    return t(flow.title, flow.context), t(flow.step(step_id).text, flow.context)


def shared_lines(view: CaseView, flows: Mapping[str, Flow], t: Translator) -> list[str]:
    """ "Téléphone : 06 12 34 56 78", "Moment préféré : Le matin"…, as the console's case page labels them, then the
    questionnaires the request follows ("Suite au questionnaire « Bilan de vos droits »"), those whose card the person
    added to it since first."""
    found = shared(view, flows, t)
    lines = [f"{label} : {value}" for label, value in found.request.rows]
    followed = [*found.added, *([found.origin] if found.origin is not None else [])]
    lines.extend(t(FOLLOWS.bind(flow=answers.title)) for answers in followed)
    return lines
