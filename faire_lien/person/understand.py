""" "I don't understand": the step's plainer wording, a person of the team to ask, and a flag to reword it."""

from __future__ import annotations

from dialogs.reply import Reply
from dialogs.steps.nav import Help
from dialogs.text import Msg, msg
from faire_lien import routes
from faire_lien.core.runner import FlowRunner
from faire_lien.core.turn import Turn
from storage.flags import add_flag
from storage.models import Conversation

SIMPLER = msg("Autrement dit :", "understand")
NO_SIMPLER = msg(
    "Pas de souci. Si quelqu'un vous accompagne (un médiateur, une travailleuse sociale), montrez-lui la question. "
    "Vous pouvez aussi demander l'aide d'une personne de l'équipe, qui vous écrira ici.",
    "understand",
)
ASK_PERSON = msg("🙋 Demander à une personne", "understand")
OFFER = msg("Une personne peut vous aider, ou vous pouvez signaler que la question est difficile :", "understand")
FLAG = msg("🚩 Dire que cette question est difficile", "understand")
FLAGGED = msg(
    "Merci : l'équipe saura que cette question est difficile à comprendre, pour la réécrire (sans savoir qui l'a "
    "signalée ; personne ne vous recontacte pour cela). Voici la question :",
    "understand",
)


async def explain(runner: FlowRunner, turn: Turn, current: Conversation) -> list[Reply]:
    """Say it more simply when the flow has a plainer wording, offer a person's help or a flag, then ask again."""
    flow = runner.flows.get(current.flow_id)
    step = flow.step(current.step_id) if flow and flow.has_step(current.step_id) else None
    notices: list[Msg] = []
    if flow is not None and step is not None and step.simple:
        notices = [SIMPLER, Msg(step.simple, flow.context)]
    else:
        notices = [NO_SIMPLER]
    rows = (
        (routes.ASK_PERSON.button(turn.t(ASK_PERSON), "ask"),),
        (routes.FLOW_BUTTON.button(turn.t(FLAG), turn.person.turn, Help.FLAG.value),),
    )
    offer = Reply(turn.t(OFFER), rows)
    return [offer, *await runner.ask(turn, current, notices)]


async def flag(runner: FlowRunner, turn: Turn, current: Conversation) -> list[Reply]:
    """Count the question as not understood (no identity kept) and ask it again."""
    add_flag(turn.session, flow_id=current.flow_id, step_id=current.step_id, language=turn.t.language, at=turn.now)
    return await runner.ask(turn, current, [FLAGGED])
