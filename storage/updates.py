"""Once-only handling of Telegram updates across crashes and workers, and one person at a time.

Several bot processes may share one PostgreSQL database. Two updates of the same person are never
handled at the same time: the unit of work first takes a transaction-scoped advisory lock keyed
by the person's Telegram id (`pg_advisory_xact_lock`), released at commit or rollback, so the second
waits for the first to commit and then reads its result. On SQLite, every unit of work already
starts with BEGIN IMMEDIATE (one writer at a time). An update id is recorded in the same
transaction as its effects: an update delivered again (after a crash, or to another worker) finds
its id and changes nothing.
"""

from __future__ import annotations

import zlib
from datetime import datetime

from sqlalchemy import delete, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessedUpdate
from storage.people import Identity


async def lock_person(session: AsyncSession, who: Identity) -> None:
    """Serialise one person's updates across processes (PostgreSQL); a no-op on SQLite."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    key = who.telegram_id if who.telegram_id is not None else zlib.crc32((who.terminal_user or "").encode())
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


async def first_time(session: AsyncSession, update_id: int, at: datetime) -> bool:
    """Record the update; False when it was already handled (then nothing else should change)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    recorded = await session.execute(  # one round trip: insert unless present, and say which
        insert(ProcessedUpdate)
        .values(update_id=update_id, at=at)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(ProcessedUpdate.update_id)
    )
    return recorded.first() is not None


async def forget_old(session: AsyncSession, before: datetime) -> None:
    """Drop update ids Telegram can no longer send again."""
    await session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.at < before))
