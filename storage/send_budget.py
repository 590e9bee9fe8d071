"""The send budget's row: one atomic statement books send slots for whichever worker asks (SQL of `bot/budget.py`).

Telegram lets a bot send about 30 messages a second in all, whatever the number of processes sending.
The budget is a schedule of slots `interval` seconds apart (1 / SEND_RATE) kept in one row: `next_at`
is the start of the first slot nobody has booked. Booking is one `UPDATE … RETURNING` that moves
`next_at` on and returns how long until the booked slot starts, by the database's clock (a token
bucket of capacity one written as its "theoretical arrival time", as in GCRA):

- **no slot is booked twice**: PostgreSQL locks the row for the update, and a second worker's update
  waiting on that lock is evaluated again on the new row (READ COMMITTED), so it books the next slot;
  SQLite runs one writing statement at a time;
- **cheap**: one statement per reply, one per few outbox messages (and one more to learn when to
  try again when the outbox finds no room), each its own transaction on connections of the budget's
  own (PostgreSQL does not wait for its log to be flushed, SQLite does not fsync and runs the statement
  on the event loop's thread: a booking lost in a crash only frees a slot);
- **a dead worker blocks nobody**: a slot is a time, not a lease; one booked by a worker that dies goes
  by unused, a loss of one interval per slot it had booked (a handful at most);
- **no burst**: a slot never starts before now (plus a `lead` that lets the booking's answer reach
  the worker before its slot starts), so an idle bot does not save up sends and then exceed
  Telegram's per-second window;
- **a 429 pauses everyone**: `paused_until` holds Telegram's `retry_after`; no slot starts before it,
  and on PostgreSQL a notification tells the other workers at once, so that the sends they had booked
  before it wait too;
- **two lanes**: a reply books the next slot however far it is; the outbox books only slots starting
  within `within` seconds, so when replies queue up the outbox steps aside, and a reply never waits
  behind more than `within` seconds (plus one interval) of reminders and polls.

Times are seconds since 1970 by the database's clock, so workers on several machines agree without
their clocks agreeing; tests pass their own `now` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from sqlalchemy import Double, Integer, Update, bindparam, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from storage.db import make_engine
from storage.models import SendBudget

BUDGET = "telegram"
"""The row of the bot's budget."""


class epoch_now(FunctionElement[float]):  # noqa: N801 - a SQL function, named as SQL names them
    """The database's clock, in seconds since 1970, with fractions."""

    type = Double()
    inherit_cache = True


@compiles(epoch_now, "postgresql")
def _epoch_now_postgresql(_element: epoch_now, _compiler: SQLCompiler, **_kw: Any) -> str:
    return "CAST(extract(epoch FROM clock_timestamp()) AS DOUBLE PRECISION)"


@compiles(epoch_now, "sqlite")
def _epoch_now_sqlite(_element: epoch_now, _compiler: SQLCompiler, **_kw: Any) -> str:
    return "((julianday('now') - 2440587.5) * 86400.0)"


class greatest(FunctionElement[float]):  # noqa: N801 - a SQL function, named as SQL names them
    """The largest of its arguments: `greatest` on PostgreSQL, the many-argument `max` on SQLite."""

    type = Double()
    inherit_cache = True


@compiles(greatest, "postgresql")
def _greatest_postgresql(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"greatest({compiler.process(element.clauses, **kw)})"


@compiles(greatest, "sqlite")
def _greatest_sqlite(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


def budget_engine(url: str) -> AsyncEngine:
    """An engine of its own for the budget: no ping and no reset per checkout, no durable flush.

    SQLite: the main engine's inline driver (`storage/sqlite_inline.py`: the statement runs on the event
    loop's thread, and waits in a worker thread only when another connection holds the write lock), each
    booking its own short `BEGIN IMMEDIATE … COMMIT`, commits not synced (`synchronous=NORMAL`: a booking
    lost in a power cut only frees a slot). Through aiosqlite's thread a booking cost a reply about 20 ms
    (bench/latency.py). PostgreSQL: autocommit, the commit not waiting for the log to be flushed.
    """
    if make_url(url).get_backend_name() == "sqlite":
        return make_engine(url, "NORMAL")
    return create_async_engine(
        url,
        isolation_level="AUTOCOMMIT",
        pool_reset_on_return=None,
        pool_size=2,
        max_overflow=8,
        hide_parameters=True,
        connect_args={"server_settings": {"synchronous_commit": "off"}},
    )


def _clock(now: float | None) -> ColumnElement[float]:
    """`now` when given (tests), otherwise the database's clock."""
    return literal(now, Double()) if now is not None else epoch_now()


async def ensure(connection: AsyncConnection) -> None:
    """Create the budget's row when it is missing (the migration creates it; this repairs a deleted one)."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    await connection.execute(
        insert(SendBudget).values(name=BUDGET, next_at=0.0, paused_until=0.0).on_conflict_do_nothing()
    )


class Booking(NamedTuple):
    """Booked slots: when the first starts by the shared clock, and how long from now; the others follow it."""

    at: float
    wait: float


def _booking(clocked: bool, within: bool) -> Update:
    """The booking statement, built once per shape: the database's clock or a given `now`, with `within` or not.

    Interval, count, lead and `within` are bound parameters, so each call only binds and runs it.
    """
    now: ColumnElement[float] = bindparam("now", type_=Double()) if clocked else epoch_now()
    interval: ColumnElement[float] = bindparam("interval", type_=Double())
    count: ColumnElement[int] = bindparam("count", type_=Integer())
    start = greatest(SendBudget.next_at, SendBudget.paused_until, now + bindparam("lead", type_=Double()))
    booking = (
        update(SendBudget)
        .where(SendBudget.name == BUDGET)
        .values(next_at=start + count * interval)
        .returning(SendBudget.next_at - count * interval, SendBudget.next_at - count * interval - now)
    )
    if within:
        last = start + (count - 1) * interval
        booking = booking.where(last <= now + bindparam("within", type_=Double()))
    return booking


_BOOKINGS = {(clocked, within): _booking(clocked, within) for clocked in (False, True) for within in (False, True)}


async def book(
    connection: AsyncConnection,
    interval: float,
    *,
    count: int = 1,
    lead: float = 0.0,
    within: float | None = None,
    now: float | None = None,
) -> Booking | None:
    """Book the next `count` slots, the first `lead` from now at the soonest; with `within`, if the last starts so soon.

    None when `within` is given and the slots are further away (a queue of replies, a pause), or when
    the row is missing.
    """
    values: dict[str, float] = {"interval": interval, "count": count, "lead": lead}
    if within is not None:
        values["within"] = within
    if now is not None:
        values["now"] = now
    row = (await connection.execute(_BOOKINGS[now is not None, within is not None], values)).first()
    return None if row is None else Booking(float(row[0]), float(row[1]))


async def free_in(
    connection: AsyncConnection, interval: float, within: float, *, count: int = 1, now: float | None = None
) -> float:
    """Seconds until `count` slots, the last starting within `within` seconds, can be booked (≤ 0: now)."""
    ahead = greatest(SendBudget.next_at, SendBudget.paused_until) + (count - 1) * interval - within - _clock(now)
    found = (await connection.execute(select(ahead).where(SendBudget.name == BUDGET))).scalar_one_or_none()
    return 0.0 if found is None else float(found)


async def pause(connection: AsyncConnection, seconds: float, *, now: float | None = None) -> None:
    """No slot starts for `seconds` from now (Telegram answered 429 with this retry_after), for every worker.

    On PostgreSQL the pause is also announced to the workers listening (`listen_for_pauses`), so that
    the sends they booked before it wait too.
    """
    until = greatest(SendBudget.paused_until, _clock(now) + seconds)
    await connection.execute(update(SendBudget).where(SendBudget.name == BUDGET).values(paused_until=until))
    if connection.dialect.name == "postgresql":
        await connection.execute(select(func.pg_notify(PAUSES, str(seconds))))


PAUSES = "send_budget_pause"
"""PostgreSQL's notification channel on which pauses are announced, with their length in seconds."""


async def listen_for_pauses(connection: AsyncConnection, heard: Callable[[float], None]) -> Callable[[], bool] | None:
    """Call `heard(seconds)` whenever a worker announces a pause; whether the connection still hears (None: SQLite).

    The connection must stay open (and out of the pool) for as long as the announcements matter.
    """
    if connection.dialect.name != "postgresql":
        return None
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None, "a connection in use has its driver connection"

    def announced(_connection: object, _pid: int, _channel: str, payload: str) -> None:
        heard(float(payload))

    await driver.add_listener(PAUSES, announced)
    return lambda: not driver.is_closed()
