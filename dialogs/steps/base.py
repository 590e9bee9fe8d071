"""What a step kind provides: its schema rules, typed parsing, answer buttons and their tokens, answer texts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from dialogs.text import Msg, msg, plural

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from babel import Locale

    from dialogs.engine import Question
    from dialogs.events import Event
    from dialogs.i18n import Translator
    from dialogs.reply import Button
    from dialogs.schema import AnswerValue, Flow, Step

    Rows = tuple[tuple[Button, ...], ...]

MAX_TYPED = 1000
STALE = msg("Ce bouton n'est plus valide. Voici la question en cours.", "engine")
USE_BUTTONS = msg("Merci de répondre avec les boutons sous la question.", "engine")


@dataclass(frozen=True)
class Refused:
    """Why an answer was not accepted; the person sees it above the question again."""

    reason: Msg


@dataclass(frozen=True)
class Draft:
    """The boxes ticked so far: the same question is shown again with them."""

    ticked: tuple[str, ...]


def answers_context(context: str, step_id: str) -> str:
    """gettext context of one question's answers ("flow:gfst/tired"): « Oui » in two questions is translated apart."""
    return f"{context}/{step_id}"


def too_long(text: str, limit: int) -> Refused | None:
    """Refuse a message longer than the limit, saying how long it is, the most it may be, and to shorten it."""
    if len(text) <= limit:
        return None
    # TRANSLATORS: {written} is the length of the answer typed and {most} the most it may be, each a count written
    # with its noun by the next message (« 1 204 caractères »).
    return Refused(
        msg(
            "Votre réponse compte {written}, c'est trop : {most} au plus. "
            "Raccourcissez-la, puis envoyez-la de nouveau.",
            "input",
            written=characters(len(text)),
            most=characters(limit),
        )
    )


def characters(n: int) -> Msg:
    """« 1 204 caractères », as the reader's language writes the number and agrees the noun with it."""
    return plural("{n} caractère", "{n} caractères", n, "input")


def numbered(letter: str) -> str:
    """Pattern of the tokens made of a letter and a button number (`o3`)."""
    return rf"{letter}\d{{1,2}}"


def number_in(token: str, letter: str) -> int | None:
    """The button number of a token made by `numbered(letter)`, None for any other token."""
    found = re.fullmatch(rf"{letter}(\d{{1,2}})", token)
    return int(found.group(1)) if found else None


class StepKind:
    """A kind of question, one module each in dialogs/steps/; defaults fit a kind answered with buttons."""

    name: ClassVar[str]
    label: ClassVar[str]
    """How the flow diagram names the kind."""
    tokens: ClassVar[str] = ""
    """Regular expression (no groups) of the button tokens the kind encodes in callback data."""
    typed: ClassVar[bool] = False
    """Answered by typing: digits the person sends are an answer, not a button."""
    lists_options: ClassVar[bool] = False
    """The step lists its own options in the flow file."""
    scored: ClassVar[bool] = False
    """A grid's `scoring.points` may give points to its answers."""
    repeats_answer: ClassVar[bool] = True
    """Coming back to the question repeats the answer given (multi-choice shows its ticks instead)."""
    verbatim: ClassVar[bool] = False
    """Survey results quote these answers word for word instead of counting them."""
    nps: ClassVar[bool] = False
    """Survey results add a net promoter score."""
    several: ClassVar[bool] = False
    """One reply gives several answers (ticked boxes): survey results' shares add up to more than 100 %, so their
    charts draw no bar of parts of a whole."""

    def check(self, step: Step) -> None:
        """Raise ValueError, with the reason `flows check` prints, when a step of this kind is badly written."""

    def refuse_fields(self, step: Step) -> None:
        """Raise ValueError when a step of another kind uses the fields of this kind."""

    def parse(self, step: Step, text: str, today: date, context: str, reader: Locale) -> AnswerValue | Refused:
        """The answer a person typed, or why it is refused; `reader` is the language they answer in (amounts)."""
        return Refused(USE_BUTTONS)

    def press(self, step: Step, draft: tuple[str, ...], event: Event) -> AnswerValue | Refused | Draft:
        """The answer behind a button, the boxes ticked so far, or why the button is refused."""
        return Refused(STALE)

    def event(self, step: Step, token: str) -> Event | None:
        """The engine event behind one of the kind's button tokens; None when it points nowhere."""
        return None

    def keyboard(self, q: Question, t: Translator, prefix: str) -> Rows:
        """The answer buttons, each action being `prefix` and a token."""
        return ()

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """The line under the question saying how to answer."""
        return None

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """An answer given, written for people in their language."""
        return str(value)

    def describe(self, step: Step) -> str:
        """The kind of answer as the flow diagram shows it."""
        return self.label

    def compare(self, step: Step, operator: str, values: Sequence[object]) -> str | None:
        """Why a branching condition cannot compare this step's answer with these values."""
        if operator == "contains":
            return f"'contains' applies to multi steps; '{step.id}' is a {step.kind} step"
        return None

    def answer_keys(self, step: Step) -> list[str]:
        """Every answer a person can give, as counted in survey results (none for typed answers)."""
        return []

    def key(self, value: AnswerValue) -> str:
        """An answer given, as counted in survey results."""
        return str(value)

    def keys(self, value: AnswerValue) -> list[str]:
        """Every answer one person's reply counts for in survey results (several ticked boxes count once each)."""
        return [self.key(value)]

    def legend(self, step: Step, key: str, t: Translator, context: str, *, words: bool = False) -> str:
        """How survey results name one answer (`words`: without emoji, for charts)."""
        return key
