"""A 5-point scale of faces, from 😞 (1) to 😀 (5), each named in words under the question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs.reply import Button
from dialogs.steps.scale import Scale
from dialogs.text import msg

if TYPE_CHECKING:
    from datetime import date

    from dialogs.engine import Question
    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step
    from dialogs.steps.base import Rows

FACES = ("😞", "🙁", "😐", "🙂", "😀")
WORDS = (
    msg("très mal", "scale"),
    msg("plutôt mal", "scale"),
    msg("moyen", "scale"),
    msg("plutôt bien", "scale"),
    msg("très bien", "scale"),
)


class Emoji5(Scale):
    """Five faces."""

    name = "emoji5"
    label = "emoji scale 1–5"
    points = range(1, 6)

    def keyboard(self, q: Question, t: Translator, prefix: str) -> Rows:
        """The five faces on one row."""
        return (tuple(Button(face, f"{prefix}v{point}") for point, face in zip(self.points, FACES, strict=True)),)

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """What each face means."""
        return " · ".join(f"{face} {t(words)}" for face, words in zip(FACES, WORDS, strict=True))

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """The face and its words."""
        if not isinstance(value, int):
            return str(value)
        return f"{FACES[value - 1]} {t(WORDS[value - 1])}"

    def legend(self, step: Step, key: str, t: Translator, context: str, *, words: bool = False) -> str:
        """The face, or its words where emoji cannot be drawn (charts)."""
        return t(WORDS[int(key) - 1]) if words else FACES[int(key) - 1]


EMOJI5 = Emoji5()
