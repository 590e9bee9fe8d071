"""A person who erases their data (/forget) stays counted, anonymously, in the statistics staff read: the figures read
before and after are the same (a count at a multiple of 5 would otherwise drop a group and show where the person was),
while the person's own rows, and those linking them to a group, are gone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from faire_lien.assistant import Assistant
from faire_lien.grids.reading import Count, period_counts
from storage.db import Database
from storage.grid_counts import rebuild as rebuild_grids
from storage.grids import add_result
from storage.models import GridPerson, GridResult, Person, Response
from storage.people import Identity
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.support.grids import grid_results

OCTOBER = NOW - timedelta(days=40)
"""A month over: the statistics show it."""
FORGETFUL = 4242


@pytest.fixture(params=["db", "pg_db"])
def database(request: pytest.FixtureRequest) -> Database:
    """SQLite, then PostgreSQL."""
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


async def someone(assistant: Assistant, database: Database) -> tuple[Talker, int]:
    """A person talking to the bot, who accepted that their answers are kept; their person number."""
    talker = Talker(assistant, database, who=Identity(telegram_id=FORGETFUL))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    async with database.read_only() as reader:
        found = await reader.scalar(select(Person.id).where(Person.telegram_id == FORGETFUL))
    assert found is not None
    return talker, found


async def forgets(talker: Talker) -> None:
    """The person sends /forget and confirms."""
    await talker.do("/forget")
    await talker.do("press:Oui, tout effacer")
    assert talker.screen[0].text.startswith("C'est fait : vos données sont effacées.")


async def count_of(database: Database, model: type[GridPerson] | type[GridResult], person_id: int) -> int:
    async with database.read_only() as reader:
        return int(
            await reader.scalar(select(func.count()).select_from(model).where(model.person_id == person_id)) or 0
        )


async def test_grid_statistics_keep_an_erased_person(assistant: Assistant, database: Database) -> None:
    """10 people with the orientation "support" in October, one of them erases their data: staff still read 10 (before:
    9, shown as 5), and rebuilding the statistics from the results keeps them counted."""
    await grid_results(database, "support", 9, at=OCTOBER)
    talker, me = await someone(assistant, database)
    async with database.unit_of_work() as session:
        response = Response(person_id=me, flow_id="epices", flow_version=1, started_at=OCTOBER, completed_at=OCTOBER)
        session.add(response)
        await session.flush()
        grid = ("epices", 1)
        at = OCTOBER
        await add_result(
            session,
            response_id=response.id,
            person_id=me,
            grid=grid,
            score=Decimal(40),
            orientation="support",
            mediator_id=None,
            at=at,
        )
    before = await period_counts(database, None, None, NOW)
    assert before == [Count("epices", "support", "2026-10", 10)]
    await forgets(talker)
    assert await period_counts(database, None, None, NOW) == before
    assert (await count_of(database, GridPerson, me), await count_of(database, GridResult, me)) == (0, 0)
    async with database.unit_of_work() as session:
        await rebuild_grids(session)
    assert await period_counts(database, None, None, NOW) == before
