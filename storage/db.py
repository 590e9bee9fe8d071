"""The async engine and session factory: SQLite statements on the event loop's thread, PostgreSQL through asyncpg.

SQLite (`storage/sqlite_inline.py`): a unit of work runs on the event loop's thread, through the plain
`sqlite3` driver, from `BEGIN IMMEDIATE` to `COMMIT`, with no thread hop at all. The alternatives were
measured (`bench/unit_of_work.py`, figures in bench/RESULTS.md): aiosqlite makes 18 to 22 round trips to
its thread per update, each one waking the loop, for about twice the CPU time of the same statements run
inline; a whole unit of work in one `asyncio.to_thread` call would need synchronous handlers everywhere.
What blocking the loop costs: a sqlite3 call takes 10–100 µs, and the commit syncs the write-ahead log
(`synchronous=FULL`, 1–6 ms on the shared development machine), during which other coroutines wait; they
would wait for SQLite's single writer anyway. A lock held by someone else never blocks the loop (see
`storage/sqlite_inline.py`). Long reads, reports, must not run inline: `Database.read_only` gives them their
own connection in aiosqlite's thread, a deferred transaction that never takes the write lock, on a
connection that cannot write (`query_only`).

Durability: a unit of work that changed rows returns only once its commit is on disk, as with SQLite's
`synchronous=FULL`, but the write-ahead log is synced in a worker thread (`fdatasync` of the `-wal` file,
what FULL does at each commit) while the loop serves others; the connections themselves run with
`synchronous=NORMAL`, which keeps the database consistent and leaves durability to that sync. A handler
may take the sync with it (`Syncs`): the bot sends a person's next question while the log is being synced
and waits for the sync before the update is confirmed to Telegram, so a power cut between the two at
worst makes Telegram send the update again (answered again), never loses it. WAL, `BEGIN IMMEDIATE` for
every unit of work (two writers queue, none fails), foreign keys, secure delete.

PostgreSQL: no ping before each checkout (`pool_pre_ping` off: it was one more round trip per update).
A connection that died while pooled (server restarted, idle connection cut) fails on its first statement;
SQLAlchemy recognises the disconnection, invalidates the connection and, since a server restart ends
every connection, the whole pool; the unit of work fails with a `DBAPIError` whose `connection_invalidated`
is set. An update's unit of work is then run once more at once, on a new connection (`Database.retried`:
handling an update is idempotent, by its recorded id); should that fail too, the webhook answers 503
(`web/webhook.py`, `transient`) and Telegram delivers the update again. `pool_recycle` bounds how long a
connection is kept, below the usual idle timeouts of firewalls and poolers.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.sqlite_inline import BUSY_WAIT_MS, DRIVER

DEFAULT_URL = "sqlite+aiosqlite:///var/faire-lien.db"
Synchronous = Literal["FULL", "NORMAL"]
"""SQLite's `synchronous` level: FULL syncs the WAL at every commit, NORMAL only at checkpoints."""
CHECKPOINT = "faire_lien.checkpoint"
"""Key of `session.info` asking for a WAL checkpoint once the unit of work has committed."""
RECYCLE_SECONDS = 1800
"""A pooled PostgreSQL connection older than this is closed and replaced at its next checkout."""
POOL_SIZE = 20
"""PostgreSQL connections a worker keeps once it has needed them at the same time (opened on demand)."""
POOL_OVERFLOW = 20
"""Connections opened beyond `POOL_SIZE` at a peak, closed again when given back.

An update holds a connection only for its unit of work, so a worker needs as many as it handles updates at
once (Telegram's webhook posts up to 40 at a time). With SQLAlchemy's default pool of 5, a worker under load
closed and reopened connections all the time (about one new connection per 30 updates in bench/throughput.py),
each costing the server a new process and the worker a handshake. At most 40 connections a worker plus its
reader's and the send budget's: size PostgreSQL's `max_connections` to the number of workers (README).
"""

T = TypeVar("T")

log = logging.getLogger(__name__)


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of a SQLite file so a fresh clone starts without set-up."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def is_sqlite(url: str) -> bool:
    """Whether the URL names a SQLite database, whatever its driver."""
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(synchronous: Synchronous, busy_ms: int) -> Callable[[Any, Any], None]:
    """Settings of every new SQLite connection.

    `synchronous=FULL`: a commit is on disk (the WAL synced) before it returns, so an update confirmed
    to Telegram after its commit survives a power cut; NORMAL could lose the last commits (bench/durability.py
    measures the cost). `secure_delete=ON`: deleted rows are overwritten with zeros, so erased answers do
    not linger in free space of the file. The busy timeout is set last: switching to WAL may wait for a lock.
    """

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_WAIT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
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


def _sqlite_begin_deferred(connection: Any) -> None:
    """One snapshot for the whole read-only unit of work, without the write lock."""
    connection.exec_driver_sql("BEGIN")


def _sqlite_query_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")  # a report's connection cannot write, even by mistake
    cursor.close()


def make_engine(url: str, synchronous: Synchronous = "FULL", *, threaded: bool = False) -> AsyncEngine:
    """An async engine for any SQLAlchemy URL (SQLite file by default; `synchronous` applies to SQLite only).

    SQLite runs inline on the event loop's thread (module docstring), or through aiosqlite's thread with
    `threaded` (the design before issue 20, kept for comparison in bench/unit_of_work.py).
    `hide_parameters`: answers, names and ids bound to a statement never appear in its log lines or errors.
    """
    ensure_sqlite_dir(url)
    if not is_sqlite(url):
        return create_async_engine(
            url,
            pool_recycle=RECYCLE_SECONDS,
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
            hide_parameters=True,
        )
    # Every unit of work ends in a commit or a rollback, and a Connection closed inside a
    # transaction rolls it back itself: the pool's extra rollback would be one more statement.
    if threaded:
        engine = create_async_engine(_driver(url, "aiosqlite"), pool_reset_on_return=None, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas(synchronous, BUSY_WAIT_MS))
        event.listen(engine.sync_engine, "connect", _sqlite_no_implicit_begin)
        event.listen(engine.sync_engine, "begin", _sqlite_begin_immediate)
        return engine
    engine = create_async_engine(_driver(url, DRIVER), pool_reset_on_return=None, hide_parameters=True)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas(synchronous, 0))  # BEGIN IMMEDIATE waits elsewhere
    return engine


def make_reader(url: str) -> AsyncEngine:
    """An engine for read-only units of work: own SQLite connections in aiosqlite's thread; PostgreSQL: READ ONLY."""
    if not is_sqlite(url):
        return make_engine(url).execution_options(postgresql_readonly=True)
    engine = create_async_engine(_driver(url, "aiosqlite"), pool_reset_on_return=None, hide_parameters=True)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas("FULL", BUSY_WAIT_MS))
    event.listen(engine.sync_engine, "connect", _sqlite_query_only)
    event.listen(engine.sync_engine, "connect", _sqlite_no_implicit_begin)
    event.listen(engine.sync_engine, "begin", _sqlite_begin_deferred)
    return engine


def _driver(url: str, driver: str) -> str:
    """The same SQLite URL with another driver."""
    return make_url(url).set(drivername=f"sqlite+{driver}").render_as_string(hide_password=False)


def checkpoint_after_commit(session: AsyncSession) -> None:
    """Ask for the WAL to be folded into the database file and emptied once this unit of work has committed.

    Called after erasing someone (/forget) or purging: until a checkpoint, the write-ahead log still holds
    copies of the pages that contained the erased text. No-op on PostgreSQL.
    """
    session.info[CHECKPOINT] = True


def wal_of(url: str) -> Path | None:
    """The write-ahead log of a SQLite file database (`…db-wal`); None for PostgreSQL or a database in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(f"{parsed.database}-wal")


class LogSync:
    """Puts a SQLite file's write-ahead log on disk, off the event loop (`fdatasync`, as `synchronous=FULL` does)."""

    def __init__(self, wal: Path) -> None:
        self.wal = wal
        self._inode: int | None = None
        """The log file synced last; a new one (the log is deleted when the last connection closes) syncs its folder."""

    def now(self) -> None:
        """Sync the log's data, and its folder's entry the first time this log file is seen; blocking."""
        try:
            fd = os.open(self.wal, os.O_RDONLY)
        except FileNotFoundError:
            return  # no log: every commit was folded into the database file, which SQLite synced
        try:
            getattr(os, "fdatasync", os.fsync)(fd)
            inode = os.fstat(fd).st_ino
        finally:
            os.close(fd)
        if inode != self._inode:
            folder = os.open(self.wal.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
            self._inode = inode

    def start(self) -> asyncio.Future[None]:
        """The sync, running in a worker thread."""
        return asyncio.ensure_future(asyncio.to_thread(self.now))


class Syncs:
    """Syncs of the write-ahead log a handler started and must see finished before its update is confirmed."""

    def __init__(self) -> None:
        self._pending: list[asyncio.Future[None]] = []

    def add(self, sync: asyncio.Future[None]) -> None:
        """One more sync to wait for."""
        self._pending.append(sync)

    async def wait(self) -> None:
        """Return once every sync added so far is done; raise the first one's failure."""
        pending, self._pending = self._pending, []
        for sync in pending:
            await asyncio.shield(sync)  # a cancelled handler still leaves the sync running to its end


class Database:
    """Owns the engines and hands out one session per unit of work."""

    def __init__(self, url: str, synchronous: Synchronous = "FULL", *, threaded: bool = False) -> None:
        self.url = url
        wal = wal_of(url) if synchronous == "FULL" and not threaded else None
        self._log = LogSync(wal) if wal is not None else None
        """On SQLite with durability asked for: the log synced after each commit that wrote (module docstring)."""
        self.engine = make_engine(url, "NORMAL" if self._log is not None else synchronous, threaded=threaded)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._reader: AsyncEngine | None = None

    @asynccontextmanager
    async def unit_of_work(self, syncs: Syncs | None = None) -> AsyncIterator[AsyncSession]:
        """A session committed at the end of the block, rolled back on error; then the checkpoint asked for, if any.

        On SQLite, the block returns once a commit that wrote is on disk; with `syncs`, at once, the sync
        being left to `syncs` (the caller waits for it before telling anyone outside the bot the work is done).
        """
        dialect = self.engine.sync_engine.dialect
        writes = getattr(dialect, "writes", 0)
        async with self.sessions() as session:
            async with session.begin():
                yield session
            if self._log is not None and getattr(dialect, "writes", 0) != writes:
                sync = self._log.start()
                if syncs is None:
                    await asyncio.shield(sync)
                else:
                    syncs.add(sync)
            if session.info.pop(CHECKPOINT, False):
                await self.checkpoint()

    async def retried(self, work: Callable[[AsyncSession], Awaitable[T]], syncs: Syncs | None = None) -> T:
        """`work` in one unit of work, run once more when its pooled connection had died; `work` must be idempotent."""
        try:
            async with self.unit_of_work(syncs) as session:
                return await work(session)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            log.warning("database connection lost (%s); trying once more on a new one", type(error.orig).__name__)
        async with self.unit_of_work(syncs) as session:
            return await work(session)

    @asynccontextmanager
    async def read_only(self) -> AsyncIterator[AsyncSession]:
        """A session for long reads (reports), never blocking the bot: see `make_reader`; nothing is committed.

        The rows read stay readable after the block (they are detached from the session, not expired).
        """
        async with AsyncSession(self.reader, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.expunge_all()
                await session.rollback()

    @property
    def reader(self) -> AsyncEngine:
        """The engine of read-only units of work, made at first use."""
        if self._reader is None:
            self._reader = make_reader(self.url)
        return self._reader

    async def checkpoint(self) -> None:
        """On SQLite, fold the WAL into the database file and truncate it, in a worker thread, outside a transaction."""
        if not is_sqlite(self.url):
            return
        async with self.reader.connect() as connection:
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
        if self._reader is not None:
            await self._reader.dispose()
