"""Pieces of a result card, formatted later in the person's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field

from dialogs.record import record
from dialogs.schema import AnswerValue, Flow, Step
from dialogs.text import Msg


@record
class AnswerLine:
    """One "label: answer" line of a recap."""

    flow: Flow
    step: Step
    value: AnswerValue


@record
class Section:
    """A headline, the reasons behind it (•) and what to do next (→), set apart by a blank line."""

    title: Msg
    reasons: tuple[Msg, ...] = ()
    steps: tuple[Msg, ...] = ()


@record
class StaffOnly:
    """Details for professionals: never rendered on the person's card, shown once `Card.for_staff` reveals them.

    They are worked out only then (`details` gives the section, or None when there is nothing to check): the person
    does not wait for what only staff read.
    """

    details: Callable[[], Section | None]


@record
class ForStaff:
    """A detail for professionals on a staff view (a grid's score, `StaffOnly` revealed): written for the staff member,
    in their language alone, even on a mediated card that reads the person's language first."""

    block: Msg | Section


Block = Msg | AnswerLine | Section | StaffOnly | ForStaff


@record
class OfferButton:
    """Something the person can do at once from the card; `kind` is handled by the assistant."""

    kind: str
    label: Msg


@record
class Card:
    """What a finished flow shows: its blocks, then buttons for the offers."""

    blocks: list[Block]
    offers: tuple[OfferButton, ...] = field(default=())

    def for_staff(self) -> Card:
        """The same card for a staff view (a mediator's, the console's): staff-only details become sections, in the
        staff member's language."""
        blocks: list[Block] = []
        for block in self.blocks:
            if not isinstance(block, StaffOnly):
                blocks.append(block)
            elif (section := block.details()) is not None:
                blocks.append(ForStaff(section))
        return Card(blocks, self.offers)
