"""Grid results for tests: people who finished EPICES with an orientation, and one of them using /forget."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from storage.db import Database
from storage.grids import add_result
from storage.models import Person, Response
from storage.people import Identity, add_person, record_consent
from storage.personal_data import forget_person
from storage.year_totals import completed
from tests.conftest import NOW


async def grid_results(
    db: Database, orientation: str, people: int, at: datetime = NOW, by_mediator: bool = False, grid: str = "epices"
) -> list[int]:
    """`people` people who finished the grid (EPICES by default) with this orientation (helped individually); their
    person numbers."""
    numbers = []
    async with db.unit_of_work() as session:
        for _ in range(people):
            person = add_person(session, Identity())
            record_consent(person, accepted=True, language="fr", version="1", at=at)
            await session.flush()
            response = Response(person_id=person.id, flow_id=grid, flow_version=1, started_at=at, completed_at=at)
            session.add(response)
            await session.flush()
            await completed(session, grid, person.id, at)  # one more person helped, as the chat counts it
            await add_result(
                session,
                response_id=response.id,
                person_id=person.id,
                grid=(grid, 1),
                score=Decimal("42.5"),
                orientation=orientation,
                mediator_id=person.id if by_mediator else None,
                at=at,
            )
            numbers.append(person.id)
    return numbers


async def forget(db: Database, person_id: int) -> None:
    """The person uses /forget: their data is erased."""
    async with db.unit_of_work() as session:
        person = await session.get(Person, person_id)
        assert person is not None
        await forget_person(session, person, NOW, survey_steps={})
