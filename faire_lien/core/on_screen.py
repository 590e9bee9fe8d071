"""Typed text answers only a question the person can see: the last message on screen must be that question.

Every question carries buttons of the person's current turn (at least « ↺ Recommencer » and 🤔). When the last
message of a reply has none, another page came under the question (information, sessions, registrations, the menu
/cancel shows…): the questionnaire is paused until the question is shown again. Pressing one of the question's own
buttons still answers it, and shows it (or the next one) again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from dialogs.reply import Reply
from dialogs.schema import Flow
from dialogs.text import Msg, msg
from faire_lien.routes import flow_prefix
from storage.models import Conversation

PAUSED = msg(
    "Votre questionnaire « {title} » est en pause : ce message n'est pas pris comme réponse. "
    "Voici la question où vous en étiez :",
    "notice",
)


def question_last(replies: Sequence[Reply], turn: int) -> bool | None:
    """Whether the last message shown is the question asked at this turn; None when nothing is shown."""
    if not replies:
        return None
    prefix = flow_prefix(turn)
    return any(button.action.startswith(prefix) for row in replies[-1].buttons for button in row)


def paused(flow: Flow | None, flow_id: str) -> Msg:
    """ "Your questionnaire « … » is paused: this message is not an answer", above the question asked again."""
    return PAUSED.bind(title=Msg(flow.title, flow.context) if flow is not None else flow_id)


def note_screen(current: Conversation, replies: Sequence[Reply], turn: int, now: datetime) -> None:
    """Remember whether the question stays on screen after these replies (written only when that changes)."""
    shown = question_last(replies, turn)
    if shown is None:
        return
    if shown and current.hidden_at is not None:
        current.hidden_at = None
    elif not shown and current.hidden_at is None:
        current.hidden_at = now
