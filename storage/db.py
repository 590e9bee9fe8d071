"""The async engine and session factory; SQLite gets WAL, full sync, secure delete, foreign keys and a busy timeout."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

DEFAULT_URL = "sqlite+aiosqlite:///var/faire-lien.db"
Synchronous = Literal["FULL", "NORMAL"]
"""SQLite's `synchronous` level: FULL syncs the WAL at every commit, NORMAL only at checkpoints."""
CHECKPOINT = "faire_lien.checkpoint"
"""Key of `session.info` asking for a WAL checkpoint once the unit of work has committed."""

log = logging.getLogger(__name__)


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of a SQLite file so a fresh clone starts without set-up."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(synchronous: Synchronous) -> Callable[[Any, Any], None]:
    """Settings of every new SQLite connection.

    `synchronous=FULL`: a commit is on disk (the WAL synced) before it returns, so an update confirmed
    to Telegram after its commit survives a power cut; NORMAL could lose the last commits (bench/durability.py
    measures the cost). `secure_delete=ON`: deleted rows are overwritten with zeros, so erased answers do
    not linger in free space of the file.
    """

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return pragmas


def _sqlite_no_implicit_begin(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver must not open transactions itself: we do, below


def _sqlite_begin_immediate(connection: Any) -> None:
    """Take SQLite's write lock when a unit of work starts, so two writers queue instead of failing.

    A deferred transaction that reads, then writes after another writer committed, fails at once
    with "database is locked" (the busy timeout does not apply to that upgrade); an immediate one
    waits its turn. See SQLAlchemy's aiosqlite notes on transactions.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, synchronous: Synchronous = "FULL") -> AsyncEngine:
    """An async engine for any SQLAlchemy URL (SQLite file by default; `synchronous` applies to SQLite only).

    `hide_parameters`: answers, names and ids bound to a statement never appear in its log lines or errors.
    """
    ensure_sqlite_dir(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True, hide_parameters=True)
    # Every unit of work ends in a commit or a rollback, and a Connection closed inside a
    # transaction rolls it back itself: the pool's extra rollback would be one more thread hop.
    engine = create_async_engine(url, pool_reset_on_return=None, hide_parameters=True)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas(synchronous))
    event.listen(engine.sync_engine, "connect", _sqlite_no_implicit_begin)
    event.listen(engine.sync_engine, "begin", _sqlite_begin_immediate)
    return engine


def checkpoint_after_commit(session: AsyncSession) -> None:
    """Ask for the WAL to be folded into the database file and emptied once this unit of work has committed.

    Called after erasing someone (/forget) or purging: until a checkpoint, the write-ahead log still holds
    copies of the pages that contained the erased text. No-op on PostgreSQL.
    """
    session.info[CHECKPOINT] = True


class Database:
    """Owns the engine and hands out one session per unit of work."""

    def __init__(self, url: str, synchronous: Synchronous = "FULL") -> None:
        self.url = url
        self.engine = make_engine(url, synchronous)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        """A session committed at the end of the block, rolled back on error; then the checkpoint asked for, if any."""
        async with self.sessions() as session:
            async with session.begin():
                yield session
            if session.info.pop(CHECKPOINT, False):
                await self.checkpoint()

    async def checkpoint(self) -> None:
        """On SQLite, copy the WAL into the database file and truncate it, outside any transaction."""
        if self.engine.dialect.name != "sqlite":
            return
        async with self.engine.connect() as connection:
            driver = (await connection.get_raw_connection()).driver_connection
            assert driver is not None, "a pooled connection being used has its driver connection"
            cursor = await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _frames, _copied = await cursor.fetchone()
            await cursor.close()
        if busy:
            log.warning("WAL checkpoint could not finish: readers or writers kept it busy; the next one will")

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
