"""/cancel, as Telegram bots usually offer it: the questionnaire in progress set aside, answers kept, the menu shown."""

from __future__ import annotations

from dialogs.reply import Reply
from dialogs.schema import Flow
from dialogs.text import msg
from faire_lien.core import screens
from faire_lien.core.runner import FlowRunner
from faire_lien.core.turn import Turn

PAUSED = msg(
    "D'accord, on s'arrête là. Vos réponses sont gardées : vous pourrez reprendre « {title} » quand vous voudrez.",
    "notice",
)
NOTHING_RUNNING = msg("Il n'y a rien en cours à arrêter.", "notice")


async def cancel(runner: FlowRunner, flows: dict[str, Flow], turn: Turn) -> list[Reply]:
    """The menu, with a button to resume the questionnaire set aside; or the menu saying nothing was running."""
    t = turn.t
    current = await runner.active(turn) if turn.person.consented else None
    if current is None:
        menu = screens.main_menu if turn.person.consented else screens.info_menu
        return [menu(t, prefix=t(NOTHING_RUNNING))]
    flow = flows.get(current.flow_id)
    title = t(flow.title, flow.context) if flow is not None else current.flow_id
    return [screens.with_resume(screens.main_menu(t, prefix=t(PAUSED.bind(title=title))), t, title)]
