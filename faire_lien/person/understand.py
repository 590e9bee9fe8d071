""" "I don't understand": the step's plainer wording, a person of the team to ask, and a flag to reword it."""

from __future__ import annotations

from dialogs.bilingual import fit
from dialogs.reply import Reply
from dialogs.steps.nav import Help
from dialogs.text import Msg, msg
from faire_lien import routes
from faire_lien.core.runner import FlowRunner, as_seen, for_someone_else, staff_questionnaire
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
FLAG_ONLY = msg("Vous pouvez signaler que cette question est difficile à comprendre :", "understand")
"""To a staff member answering with someone present (they are the person who helps) or in a staff questionnaire:
no request to the team."""
FLAGGED = msg(
    "Merci : l'équipe saura que cette question est difficile à comprendre, pour la réécrire (sans savoir qui l'a "
    "signalée ; personne ne vous recontacte pour cela). Voici la question :",
    "understand",
)


async def explain(runner: FlowRunner, turn: Turn, current: Conversation) -> list[Reply]:
    """Say it more simply when the flow has a plainer wording, offer a person's help or a flag, then ask again.

    A staff member answering with someone present is offered the flag only: a request would be theirs, not the
    person's, and they are the help the person has. So is a staff member in a staff questionnaire (publishing a
    session): a request would reach the team as a person's, and nobody accompanies them. In a mediated
    conversation every part is in both languages.
    """
    flow = runner.flows.get(current.flow_id)
    step = flow.step(current.step_id) if flow and flow.has_step(current.step_id) else None
    with_someone = for_someone_else(turn, current) or staff_questionnaire(runner.flows, current)
    notices: list[Msg] = []
    if flow is not None and step is not None and step.simple:
        notices = [SIMPLER, Msg(step.simple, flow.context)]
    elif not with_someone:
        notices = [NO_SIMPLER]
    t = as_seen(turn, current).t
    flag_row = (routes.FLOW_BUTTON.button(t(FLAG), turn.person.turn, Help.FLAG.value),)
    if with_someone:
        offer = Reply(t(FLAG_ONLY), (flag_row,))
    else:
        offer = Reply(t(OFFER), ((routes.ASK_PERSON.button(t(ASK_PERSON), "ask"),), flag_row))
    return [fit(offer, t), *await runner.ask(turn, current, notices)]


async def flag(runner: FlowRunner, turn: Turn, current: Conversation) -> list[Reply]:
    """Count the question as not understood (no identity kept) and ask it again.

    Counted in the language the question was read in: the person's, in a mediated conversation.
    """
    language = current.mediated_language or turn.t.language
    add_flag(turn.session, flow_id=current.flow_id, step_id=current.step_id, language=language, at=turn.now)
    return await runner.ask(turn, current, [FLAGGED])
