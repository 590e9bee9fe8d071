"""What happens when a questionnaire ends: the finishers registered for that kind of flow, in one unit of work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from dialogs.results.blocks import Card
from dialogs.schema import AnswerValue, Flow
from faire_lien.core.turn import Turn
from storage.models import Response

INDIVIDUAL_CATEGORIES = ("rights", "screening", "request")
"""Flows whose finished responses count the people helped individually in the yearly report."""


def helps_individually(flow: Flow) -> bool:
    """Whether finishing this flow counts its person among the people helped individually."""
    return flow.category in INDIVIDUAL_CATEGORIES


@dataclass(frozen=True)
class Finish:
    """A finished flow as finishers see it: the flow, the stored response and where the flow came from."""

    flow: Flow
    response: Response
    answers: dict[str, AnswerValue]
    origin: int | None
    """The response whose result card offered this flow (a call-back after a rights check)."""
    invitation: int | None
    """The survey invitation this flow answers."""
    card: Card
    """The result card the flow's result builder made, before any finisher amends it."""


Finisher = Callable[[Turn, Finish, Card], Awaitable[Card]]
"""Stores what the flow's end means; returns the card to show (the one it was given, or an amended one)."""


@dataclass(frozen=True)
class Registration:
    """A finisher and the flows it is for."""

    applies: Callable[[Flow], bool]
    finisher: Finisher


def for_flows(*flow_ids: str) -> Callable[[Flow], bool]:
    """Flows with one of these ids."""
    return lambda flow: flow.id in flow_ids


def for_category(category: str) -> Callable[[Flow], bool]:
    """Flows of this category."""
    return lambda flow: flow.category == category


def for_grids(flow: Flow) -> bool:
    """Flows with a scoring section (detection grids)."""
    return flow.scoring is not None


class Finishers:
    """The registered finishers, run in order when a flow ends."""

    def __init__(self, registered: Sequence[Registration] = ()) -> None:
        self.registered = tuple(registered)

    async def run(self, turn: Turn, finish: Finish) -> Card:
        """Run every finisher that applies, in order; the card to show."""
        card = finish.card
        for entry in self.registered:
            if entry.applies(finish.flow):
                card = await entry.finisher(turn, finish, card)
        return card
