"""Result builders: what a flow shows at its end, one module each, registered by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dialogs.results.blocks import Block
from dialogs.results.summary import summary
from dialogs.schema import AnswerValue, Flow

Builder = Callable[[Flow, Mapping[str, AnswerValue]], list[Block]]

BUILDERS: dict[str, Builder] = {
    "summary": summary,
}
