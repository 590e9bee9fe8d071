"""When a grid ends: its score and orientation are stored for staff; a mediator's card shows the score."""

from __future__ import annotations

from dialogs.results.blocks import Card, ForStaff
from faire_lien.core.finish import Finish
from faire_lien.core.turn import Turn
from faire_lien.grids.notes import staff_note
from storage.grids import add_result


async def store_result(turn: Turn, finish: Finish, card: Card) -> Card:
    """Keep the score and orientation; answered for someone else, the mediator also sees the score."""
    flow, response = finish.flow, finish.response
    assert flow.scoring is not None
    score = flow.scoring.score(finish.answers)
    on_behalf = response.person_id != turn.person.id
    await add_result(
        turn.session,
        response_id=response.id,
        person_id=response.person_id,
        grid=(flow.id, flow.version),
        score=score,
        orientation=flow.scoring.orientation(finish.answers, score).id,
        mediator_id=turn.person.id if on_behalf else None,
        at=turn.now,
    )
    # A mediator answered for someone: staff see the score, in their language alone; the offers are carried out for
    # the person (faire_lien/staff/on_behalf.py).
    return Card([*card.blocks, ForStaff(staff_note(flow, finish.answers))], card.offers) if on_behalf else card
