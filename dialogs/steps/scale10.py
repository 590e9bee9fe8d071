"""A 0–10 scale (« would you recommend it? »): eleven buttons on two rows; results add a net promoter score."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from dialogs.digits import latin_digits, plain_number
from dialogs.reply import Button
from dialogs.steps.base import USE_BUTTONS, Refused
from dialogs.steps.scale import Scale

if TYPE_CHECKING:
    from datetime import date

    from babel import Locale

    from dialogs.engine import Question
    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step
    from dialogs.steps.base import Rows


class Scale10(Scale):
    """Eleven points, 0 to 10."""

    name = "scale10"
    label = "scale 0–10"
    points = range(11)
    nps: ClassVar[bool] = True

    def parse(self, step: Step, text: str, today: date, context: str, reader: Locale) -> AnswerValue | Refused:
        """A point typed in any digits (« 8 », « ٨ », « ۸ », « ８ ») as if its button was pressed; else: the buttons."""
        point = plain_number(latin_digits(text).strip(), longest=2)
        if point is None or point not in self.points:
            return Refused(USE_BUTTONS)
        return point

    def keyboard(self, q: Question, t: Translator, prefix: str) -> Rows:
        """0 to 5 on one row, 6 to 10 on the next, in the reader's digits ("۰" to "۱۰" in Persian); `v7` chooses 7."""
        return tuple(
            tuple(Button(t.digits(str(v)), f"{prefix}v{v}") for v in half) for half in (range(6), range(6, 11))
        )

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """« 7/10 », in the reader's digits (« ۷/۱۰ » in Persian)."""
        return t.digits(f"{value}/10")

    def legend(self, step: Step, key: str, t: Translator, context: str, *, words: bool = False) -> str:
        """The point, in the reader's digits."""
        return t.digits(key)


SCALE10 = Scale10()
