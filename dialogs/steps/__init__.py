"""Step kinds, one module each, registered by name; flow-button tokens are encoded and decoded in this package.

Adding a kind: its module here (a StepKind subclass), its name in KindName and KINDS, and its fixture
tests/dialogs/steps/<kind>.json.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

from dialogs.steps import nav
from dialogs.steps.base import StepKind
from dialogs.steps.choice import CHOICE
from dialogs.steps.date import DATE
from dialogs.steps.emoji5 import EMOJI5
from dialogs.steps.multi import MULTI
from dialogs.steps.nav import Help
from dialogs.steps.number import NUMBER
from dialogs.steps.scale10 import SCALE10
from dialogs.steps.text import TEXT
from dialogs.steps.time import TIME
from dialogs.steps.yesno import YESNO

if TYPE_CHECKING:
    from dialogs.events import Event
    from dialogs.schema import Step

KindName = Literal["choice", "multi", "yesno", "number", "date", "time", "text", "emoji5", "scale10"]
"""The `kind` a flow file may give a step (the schema's type; the same names as KINDS)."""

KINDS: dict[str, StepKind] = {k.name: k for k in (CHOICE, MULTI, YESNO, NUMBER, DATE, TIME, TEXT, EMOJI5, SCALE10)}
assert list(KINDS) == list(get_args(KindName)), "KindName and KINDS name the same kinds in the same order"

TOKEN_PATTERN = "|".join(dict.fromkeys([*(k.tokens for k in KINDS.values() if k.tokens), nav.TOKENS]))
"""Regular expression (no groups) of every token a flow button can carry after its `f:<turn>:` prefix."""


def kind_of(step: Step) -> StepKind:
    """The kind of a step."""
    return KINDS[step.kind]


def check(step: Step) -> None:
    """Raise ValueError, with the reason `faire-lien flows check` prints, when a step does not fit its kind."""
    own = kind_of(step)
    if step.options and not own.lists_options:
        raise ValueError(f"a {step.kind} step takes no options (its buttons are fixed)")
    for kind in KINDS.values():
        if kind is own:
            kind.check(step)
        else:
            kind.refuse_fields(step)


def decode(step: Step | None, token: str) -> Event | Help | None:
    """What a flow button means at this step (None when it points nowhere or the step is gone)."""
    found = nav.decode(token)
    if found is not None or step is None:
        return found
    return kind_of(step).event(step, token)
