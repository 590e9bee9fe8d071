"""Once-only handling of Telegram updates across crashes and workers, and one person at a time.

Several bot processes may share one PostgreSQL database. Two updates of the same person are never
handled at the same time: the unit of work first takes a transaction-scoped advisory lock keyed
by the person's Telegram id (`pg_advisory_xact_lock`), released at commit or rollback, so the second
waits for the first to commit and then reads its result. The lock is taken by the statement that
records the update id (one round trip for both); the person is read by the next statement, which in
READ COMMITTED sees everything committed before the lock was granted. On SQLite, every unit of work
already starts with BEGIN IMMEDIATE (one writer at a time). An update id is recorded in the same
transaction as its effects: an update delivered again (after a crash, or to another worker) finds
its id and changes nothing.

Each update id is recorded with whose it was (`person_key`): the query that then reads the person also says whether
one of their updates with a higher id was already handled (`storage.people.find_person_at`). Webhook workers may
take one person's updates out of order (Telegram posts several at once), and typed text arriving late is then no
answer. On PostgreSQL that check cannot be made by the recording statement itself: its snapshot is taken before
the lock is granted, so it would miss what the previous holder committed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, String, bindparam, delete, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from storage.models import ProcessedUpdate
from storage.people import Identity, person_key
from storage.rows import first_row, table_of
from storage.types import UTCDateTime

PROCESSED = table_of(ProcessedUpdate)


async def lock_person(session: AsyncSession, who: Identity) -> None:
    """Serialise one person's updates across processes (PostgreSQL); a no-op on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": person_key(who)})


async def first_time(
    session: AsyncSession, update_id: int, at: datetime, who: Identity, press: str | None = None
) -> bool:
    """Take the person's lock (PostgreSQL) and record the update, in one statement; False when it was already handled.

    When it was, nothing else should change. `press`: which button on which message it pressed (`Inbound.press`).
    """
    record = RECORD_LOCKED if session.get_bind().dialect.name == "postgresql" else RECORD
    values = {"update_id": update_id, "at": at, "person": person_key(who), "press": press}
    return await first_row(session, record, values) is not None


async def pressed_just_before(
    session: AsyncSession, who: Identity, press: str, since: datetime, update_id: int
) -> bool:
    """Whether the person's update handled just before this one, since then, pressed the same button on the same
    message (a double tap: with anything of theirs in between, pressing it again is on purpose)."""
    previous = (
        select(PROCESSED.c.press)
        .where(PROCESSED.c.person_key == person_key(who), PROCESSED.c.update_id != update_id, PROCESSED.c.at >= since)
        .order_by(PROCESSED.c.at.desc(), PROCESSED.c.update_id.desc())
        .limit(1)
    )
    return (await session.execute(previous)).scalar() == press


def _record() -> ReturningInsert[Any]:
    """Insert the update id and whose it is unless present, and say whether it did (SQLite)."""
    values = {
        "update_id": bindparam("update_id", type_=BigInteger()),
        "at": bindparam("at", type_=UTCDateTime()),
        "person_key": bindparam("person", type_=BigInteger()),
        "press": bindparam("press", type_=String()),
    }
    insert = sqlite.insert(PROCESSED).values(values)
    return insert.on_conflict_do_nothing(index_elements=["update_id"]).returning(PROCESSED.c.update_id)


def _record_locked() -> ReturningInsert[Any]:
    """The same on PostgreSQL, the row coming from a query that first takes the person's advisory lock."""
    person = bindparam("person", type_=BigInteger())
    lock = select(func.pg_advisory_xact_lock(person).label("granted"))
    press = bindparam("press", type_=String())
    row = select(bindparam("update_id", type_=BigInteger()), bindparam("at", type_=UTCDateTime()), person, press)
    columns = ["update_id", "at", "person_key", "press"]
    insert = postgresql.insert(PROCESSED).from_select(columns, row.select_from(lock.subquery("lock")))
    return insert.on_conflict_do_nothing(index_elements=["update_id"]).returning(PROCESSED.c.update_id)


RECORD = _record()
RECORD_LOCKED = _record_locked()


async def forget_old(session: AsyncSession, before: datetime) -> None:
    """Drop update ids Telegram can no longer send again (and whose they were)."""
    await session.execute(delete(PROCESSED).where(PROCESSED.c.at < before))


async def forget_whose(session: AsyncSession, who: Identity) -> None:
    """Erase whose these updates were (/forget); their ids stay, so none delivered again is handled twice."""
    erased = update(PROCESSED).where(PROCESSED.c.person_key == person_key(who))
    await session.execute(erased.values(person_key=None, press=None))
