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
"""

from __future__ import annotations

import zlib
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from storage.models import ProcessedUpdate
from storage.people import Identity
from storage.rows import first_row, table_of
from storage.types import UTCDateTime

PROCESSED = table_of(ProcessedUpdate)


def person_key(who: Identity) -> int:
    """The advisory lock's key for this person: their Telegram id, or a checksum of the terminal user's name."""
    return who.telegram_id if who.telegram_id is not None else zlib.crc32((who.terminal_user or "").encode())


async def lock_person(session: AsyncSession, who: Identity) -> None:
    """Serialise one person's updates across processes (PostgreSQL); a no-op on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": person_key(who)})


async def first_time(session: AsyncSession, update_id: int, at: datetime, who: Identity) -> bool:
    """Take the person's lock (PostgreSQL) and record the update, in one statement; False when it was already handled.

    When it was, nothing else should change.
    """
    record = RECORD_LOCKED if session.get_bind().dialect.name == "postgresql" else RECORD
    return await first_row(session, record, {"update_id": update_id, "at": at, "person": person_key(who)}) is not None


def _record() -> ReturningInsert[Any]:
    """Insert the update id unless present, and say whether it did (SQLite)."""
    values = {"update_id": bindparam("update_id", type_=BigInteger()), "at": bindparam("at", type_=UTCDateTime())}
    insert = sqlite.insert(PROCESSED).values(values)
    return insert.on_conflict_do_nothing(index_elements=["update_id"]).returning(PROCESSED.c.update_id)


def _record_locked() -> ReturningInsert[Any]:
    """The same on PostgreSQL, the row coming from a query that first takes the person's advisory lock."""
    lock = select(func.pg_advisory_xact_lock(bindparam("person", type_=BigInteger())).label("granted"))
    row = select(bindparam("update_id", type_=BigInteger()), bindparam("at", type_=UTCDateTime()))
    insert = postgresql.insert(PROCESSED).from_select(["update_id", "at"], row.select_from(lock.subquery("lock")))
    return insert.on_conflict_do_nothing(index_elements=["update_id"]).returning(PROCESSED.c.update_id)


RECORD = _record()
RECORD_LOCKED = _record_locked()


async def forget_old(session: AsyncSession, before: datetime) -> None:
    """Drop update ids Telegram can no longer send again."""
    await session.execute(delete(PROCESSED).where(PROCESSED.c.at < before))
