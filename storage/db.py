"""The async engine and session factory; SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

DEFAULT_URL = "sqlite+aiosqlite:///var/faire-lien.db"


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of a SQLite file so a fresh clone starts without set-up."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_no_implicit_begin(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver must not open transactions itself: we do, below


def _sqlite_begin_immediate(connection: Any) -> None:
    """Take SQLite's write lock when a unit of work starts, so two writers queue instead of failing.

    A deferred transaction that reads, then writes after another writer committed, fails at once
    with "database is locked" (the busy timeout does not apply to that upgrade); an immediate one
    waits its turn. See SQLAlchemy's aiosqlite notes on transactions.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> AsyncEngine:
    """An async engine for any SQLAlchemy URL (SQLite file by default).

    `hide_parameters`: answers, names and ids bound to a statement never appear in its log lines or errors.
    """
    ensure_sqlite_dir(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True, hide_parameters=True)
    # Every unit of work ends in a commit or a rollback, and a Connection closed inside a
    # transaction rolls it back itself: the pool's extra rollback would be one more thread hop.
    engine = create_async_engine(url, pool_reset_on_return=None, hide_parameters=True)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    event.listen(engine.sync_engine, "connect", _sqlite_no_implicit_begin)
    event.listen(engine.sync_engine, "begin", _sqlite_begin_immediate)
    return engine


class Database:
    """Owns the engine and hands out one session per unit of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        """A session committed at the end of the block, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
