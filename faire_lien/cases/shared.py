"""What the person shared with a request, as staff read it outside the console: each answer under its short label."""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.i18n import Translator
from dialogs.present import format_answer
from dialogs.schema import Flow
from dialogs.text import msg
from faire_lien.cases.service import CaseView

FOLLOWS = msg("Suite au questionnaire « {flow} »", "case")
"""The questionnaire the person had just finished when they asked for a human."""


def shared_lines(view: CaseView, flows: Mapping[str, Flow], t: Translator) -> list[str]:
    """ "Téléphone : 06 12 34 56 78", "Moment préféré : Le matin"…, as the console's case page labels them, then the
    questionnaires the request follows ("Suite au questionnaire « Bilan de vos droits »"), those whose card the person
    added to it since first."""
    flow = flows.get(view.request_flow) if view.request_flow is not None else None
    if flow is None:
        lines = [f"{key} : {value}" for key, value in view.shared.items()]
    else:
        lines = [
            f"{t(step.summary or step.text, flow.context)} : {format_answer(flow, step, view.shared[step.id], t)}"
            for step in flow.steps
            if step.id in view.shared
        ]
    for flow_id in [*(added.flow for added in view.added), view.origin_flow]:  # the cards added since first
        if flow_id is not None:
            origin = flows.get(flow_id)
            title = t(origin.title, origin.context) if origin is not None else flow_id
            lines.append(t(FOLLOWS.bind(flow=title)))
    return lines
