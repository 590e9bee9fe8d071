"""SQLite for SQLAlchemy's async engine without a thread: each statement runs at once on the event loop's thread.

aiosqlite runs every call (cursor, execute, fetch, close, commit) in its own thread and wakes the event
loop for each answer: about 20 round trips per update, 1–1.5 ms, for 0.1 ms of SQLite work. Here the
plain `sqlite3` driver is called directly from SQLAlchemy's greenlet, so a unit of work never leaves the
loop's thread. Blocking the loop is what a sqlite3 call costs: tens of microseconds, plus the sync of
the write-ahead log at commit. The one wait that could be long, another connection holding the write
lock, never blocks the loop: `BEGIN IMMEDIATE` is tried with no busy timeout, and only when it finds the
database busy is it tried again in a worker thread with the busy timeout, while the loop serves others
(the holder may be a unit of work of this very process). Once `BEGIN IMMEDIATE` has succeeded, the
transaction holds the write lock and its statements wait for nobody in WAL mode.

Long reads (reports) do not belong here: `storage.db.Database.read_only` keeps them in aiosqlite's thread.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine.interfaces import ConnectArgsType, DBAPIConnection
from sqlalchemy.engine.url import URL
from sqlalchemy.util.concurrency import await_, in_greenlet

DRIVER = "inline"
BUSY_WAIT_MS = 10_000
"""How long a unit of work waits (in a worker thread) for another connection's write lock."""


async def _nothing() -> None:
    """A coroutine that finishes at once (see `InlineCursor.execute`)."""


def _greenlet_handshake() -> None:
    """Hand an already finished coroutine to SQLAlchemy's greenlet driver, without yielding to the loop.

    `AsyncConnection.execute` refuses a driver that never awaits (it takes that for a sync driver used
    by mistake); this one await, two greenlet switches, satisfies it.
    """
    if in_greenlet():
        await_(_nothing())


class InlineCursor(sqlite3.Cursor):
    """A sqlite3 cursor that tells SQLAlchemy's async layer it ran inside its greenlet."""

    def execute(self, sql: str, parameters: Any = (), /) -> InlineCursor:
        """Run one statement on this thread."""
        _greenlet_handshake()
        super().execute(sql, parameters)
        return self

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> InlineCursor:
        """Run one statement for each set of parameters on this thread."""
        _greenlet_handshake()
        super().executemany(sql, parameters)
        return self

    async def _async_soft_close(self) -> None:
        """What SQLAlchemy's async layer calls after a statement (SQLAlchemy ≥ 2.0.44): rows stay readable here."""


class InlineConnection(sqlite3.Connection):
    """A sqlite3 connection whose cursors are `InlineCursor`s."""

    settled_changes = 0
    """`total_changes` at this connection's last commit or rollback: more at the next commit means it wrote."""

    def cursor(self, factory: Any = InlineCursor) -> Any:
        """A new cursor (an `InlineCursor` unless told otherwise)."""
        return super().cursor(factory)


def _begin_waiting(connection: sqlite3.Connection) -> None:
    """`BEGIN IMMEDIATE` with the busy timeout, from a worker thread; the connection's timeout is 0 again after."""
    connection.execute(f"PRAGMA busy_timeout={BUSY_WAIT_MS}")
    try:
        connection.execute("BEGIN IMMEDIATE")
    finally:
        connection.execute("PRAGMA busy_timeout=0")


async def _begin_off_the_loop(connection: sqlite3.Connection) -> None:
    """`_begin_waiting` in a worker thread; if cancelled meanwhile, still waits for that thread before giving up.

    The connection must not be rolled back by the loop while the thread is still using it.
    """
    waiting = asyncio.ensure_future(asyncio.to_thread(_begin_waiting, connection))
    try:
        await asyncio.shield(waiting)
    except asyncio.CancelledError:
        await asyncio.wait([waiting])
        raise


def busy(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite refused because another connection holds a lock (SQLITE_BUSY and its extended codes)."""
    return getattr(error, "sqlite_errorcode", None) is not None and error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    """`sqlite+inline://`: pysqlite presented as an async driver; every transaction is `BEGIN IMMEDIATE`."""

    driver = DRIVER
    is_async = True
    supports_statement_cache = True
    writes = 0
    """Commits that changed rows, on any connection of this engine (`storage.db` syncs the log after them)."""

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        """A queue pool that waits for a free connection without blocking the loop."""
        return pool.AsyncAdaptedQueuePool if cls._is_url_file_db(url) else pool.StaticPool

    def create_connect_args(self, url: URL) -> ConnectArgsType:
        """pysqlite's arguments, with our connection class, no implicit transactions and no busy wait."""
        args, options = super().create_connect_args(url)
        options.update(factory=InlineConnection, isolation_level=None, timeout=0)
        return args, options

    def do_begin(self, dbapi_connection: DBAPIConnection) -> None:
        """Take the write lock now; when another connection holds it, wait for it in a worker thread."""
        try:
            dbapi_connection.cursor().execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if not busy(error) or not in_greenlet():
                raise
            driver = cast(sqlite3.Connection, getattr(dbapi_connection, "driver_connection", dbapi_connection))
            await_(_begin_off_the_loop(driver))

    def do_commit(self, dbapi_connection: DBAPIConnection) -> None:
        """Commit; count it among `writes` when the transaction changed rows."""
        dbapi_connection.commit()
        if _settle(dbapi_connection):
            self.writes += 1

    def do_rollback(self, dbapi_connection: DBAPIConnection) -> None:
        """Roll back; what was undone is not a write."""
        dbapi_connection.rollback()
        _settle(dbapi_connection)


def _settle(dbapi_connection: DBAPIConnection) -> bool:
    """Whether rows changed since the connection's last commit or rollback; remember the count."""
    driver = getattr(dbapi_connection, "driver_connection", dbapi_connection)
    if not isinstance(driver, InlineConnection):
        return True  # not ours: count it, a needless sync is only slower
    changes = driver.total_changes
    changed = changes != driver.settled_changes
    driver.settled_changes = changes
    return changed


registry.register(f"sqlite.{DRIVER}", __name__, "InlineSQLiteDialect")
