"""Cases on the hot path (issue 20): `people.in_case` through the person's Core query, one winner per claim.

Each check runs on SQLite (inline driver, `storage/sqlite_inline.py`) and on PostgreSQL.
"""

from __future__ import annotations

import asyncio

from storage.cases import add_case, claim, close, get_case, leave_case, set_in_case
from storage.db import Database
from storage.people import Identity, find_person
from tests.conftest import NOW
from tests.support.records import a_person

ANNE = Identity(telegram_id=801)


async def _a_case(db: Database) -> int:
    """Anne and a new case of hers."""
    async with db.unit_of_work() as session:
        person = await a_person(session, ANNE.telegram_id)
        case = add_case(session, person, "callback", NOW, NOW, None)
        await session.flush()
        return case.id


async def _in_case_follows_the_row(db: Database) -> None:
    case_id = await _a_case(db)
    async with db.unit_of_work() as session:
        anne = await find_person(session, ANNE)
        assert anne is not None and anne.in_case is None
        await set_in_case(session, anne.id, case_id)
        assert anne.in_case == case_id  # the object the Core query made is the one the UPDATE synchronises
        assert not session.dirty
    async with db.unit_of_work() as session:
        anne = await find_person(session, ANNE)
        assert anne is not None and anne.in_case == case_id  # read back by the person's one query
        await leave_case(session, anne.id, case_id + 1)  # another case's message failed: she stays in hers
        assert anne.in_case == case_id
        case = await get_case(session, case_id)
        assert case is not None
        await close(session, case, "done", NOW)
        assert anne.in_case == case_id  # closed by staff: her next words are answered "this conversation is closed"
        await leave_case(session, anne.id, case_id)
        assert anne.in_case is None
    async with db.unit_of_work() as session:
        anne = await find_person(session, ANNE)
        assert anne is not None and anne.in_case is None
        await set_in_case(session, anne.id, case_id)
        await leave_case(session, anne.id, case_id)  # the staff message never reached her: back to the bot
        assert anne.in_case is None
    async with db.unit_of_work() as session:
        anne = await find_person(session, ANNE)
        assert anne is not None and anne.in_case is None


async def _one_claim_wins(db: Database) -> None:
    case_id = await _a_case(db)

    async def take(label: str) -> bool:
        async with db.unit_of_work() as session:
            return await claim(session, case_id, None, label, NOW)

    taken = await asyncio.gather(*(take(f"telegram:{n}") for n in range(5)))
    assert sorted(taken) == [False, False, False, False, True]
    async with db.unit_of_work() as session:
        case = await get_case(session, case_id)
        assert case is not None and case.status == "claimed"
        assert case.holder == f"telegram:{taken.index(True)}"


async def test_in_case_is_read_and_written_through_the_persons_query_sqlite(db: Database) -> None:
    await _in_case_follows_the_row(db)


async def test_in_case_is_read_and_written_through_the_persons_query_postgresql(pg_db: Database) -> None:
    await _in_case_follows_the_row(pg_db)


async def test_of_five_claims_at_once_exactly_one_wins_sqlite(db: Database) -> None:
    await _one_claim_wins(db)


async def test_of_five_claims_at_once_exactly_one_wins_postgresql(pg_db: Database) -> None:
    await _one_claim_wins(pg_db)
