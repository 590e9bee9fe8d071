"""Result builders: what a flow shows at its end, one module each, registered by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from dialogs.results.blocks import Card
from dialogs.results.callback import callback
from dialogs.results.grid import grid
from dialogs.results.publish import publish
from dialogs.results.rights import rights
from dialogs.results.summary import summary
from dialogs.results.survey import survey
from dialogs.schema import AnswerValue, Flow

Builder = Callable[[Flow, Mapping[str, AnswerValue], date], Card]

BUILDERS: dict[str, Builder] = {
    "callback": callback,
    "grid": grid,
    "publish": publish,
    "rights": rights,
    "summary": summary,
    "survey": survey,
}
