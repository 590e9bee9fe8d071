"""The yearly report's people, sessions and attendance: counted from the rows, or read from the totals kept.

Run: `.venv/bin/python bench/year_totals.py [--small 10000 --large 100000 --repeat 7 --postgres --explain]`.

The data set of `bench/reports.py` at two sizes; the four figures of the yearly report (people helped, people
met, sessions held, attendance) read in `Database.read_only` as the report reads them, from the rows (the
queries kept in `storage/reports.py`) and from the totals (`storage/year_totals.py`), taking turns between ways
and sizes; "new connection" opens a new engine for each read. Then what keeping the totals costs a write: one
attendance mark in its own unit of work, written alone, or with the refresh of its meeting's totals.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession  # noqa: E402

from bench.reports import NOW, fill, postgres_databases  # noqa: E402
from dialogs.loader import BUILTIN_DIRS, load_flows  # noqa: E402
from dialogs.results import BUILDERS  # noqa: E402
from dialogs.schema import Flow  # noqa: E402
from faire_lien.core.finish import helps_individually  # noqa: E402
from storage import reports, year_totals  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Registration  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402

YEAR = 2026
Read = Callable[[AsyncSession], Awaitable[object]]


def ways(flows: dict[str, Flow]) -> dict[str, Read]:
    """The four figures, from the rows and from the totals."""
    helped = [f.id for f in flows.values() if helps_individually(f)]
    start, end = year_totals.year_bounds(YEAR)

    async def from_rows(session: AsyncSession) -> object:
        return (
            await reports.people_helped(session, helped, start, end),
            await reports.people_met(session, start, end, NOW),
            await reports.sessions_held(session, start, end, NOW),
            await reports.attendance_marks(session, start, end, NOW),
        )

    async def from_totals(session: AsyncSession) -> object:
        found = await year_totals.figures(session, helped, YEAR, NOW)
        return (found.helped, found.met, found.sessions, found.marks)

    return {"from rows": from_rows, "from totals": from_totals}


async def read(database: Database, way: Read) -> object:
    async with database.read_only() as reader:
        return await way(reader)


async def timed(action: Callable[[], Awaitable[object]]) -> float:
    started = time.perf_counter()
    await action()
    return (time.perf_counter() - started) * 1000


async def cold(url: str, way: Read) -> float:
    """A read on an engine opened for it (no pooled connection, no statement cache)."""
    database = Database(url)
    try:
        return await timed(lambda: read(database, way))
    finally:
        await database.dispose()


async def mark(database: Database, registration_id: int, attendance: str, keep: bool) -> None:
    """One attendance mark in its own unit of work, with or without the refresh of the meeting's totals."""
    async with database.unit_of_work() as session:
        registration = await session.get(Registration, registration_id)
        assert registration is not None
        registration.attendance = attendance  # type: ignore[assignment]
        await session.flush()
        if keep:
            await year_totals.refresh(session, [registration.meeting_id])


async def timings(databases: list[Database], urls: list[str], flows: dict[str, Flow], repeat: int) -> None:
    """Print median and spread (min–max) per way and size, ways and sizes taking turns."""
    found: dict[str, list[list[float]]] = {}
    reads = ways(flows)
    same = [await read(db, reads["from rows"]) == await read(db, reads["from totals"]) for db in databases]
    print(f"same figures both ways: {same}")
    targets = []
    for db in databases:
        async with db.read_only() as reader:
            targets.append(await reader.scalar(select(Registration.id).where(Registration.status == "registered")))
    for run in range(repeat + 1):
        order = list(range(len(databases)))[:: 1 if run % 2 else -1]
        for k in order:
            database = databases[k]
            for name, way in reads.items():
                spent = await timed(lambda w=way, d=database: read(d, w))  # type: ignore[misc]
                found.setdefault(name, [[] for _ in databases])[k].append(spent)
            found.setdefault("from totals, new connection", [[] for _ in databases])[k].append(
                await cold(urls[k], reads["from totals"])
            )
            for keep in (False, True):
                label = "write: one mark" + (" + refresh" if keep else "")
                mark_as = "absent" if run % 2 else "present"
                target = targets[k]
                spent = await timed(lambda kp=keep, m=mark_as, d=database, t=target: mark(d, t, m, kp))  # type: ignore[misc]
                found.setdefault(label, [[] for _ in databases])[k].append(spent)
    for name, per_db in found.items():
        parts = []
        for times in per_db:
            kept = times[1:]  # the first run warms caches
            parts.append(f"{statistics.median(kept):.1f} ms ({min(kept):.1f}–{max(kept):.1f})")
        print(f"  {name}: " + " | ".join(parts))


async def explain(database: Database, flows: dict[str, Flow]) -> None:
    """Each query the totals' read runs, with the plan."""
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        seen.append((statement, parameters))

    engine = database.reader.sync_engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        await read(database, ways(flows)["from totals"])
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    sqlite = engine.dialect.name == "sqlite"
    for statement, parameters in seen:
        if not statement.lstrip().upper().startswith("SELECT"):
            continue
        async with database.reader.connect() as connection:
            raw = await connection.exec_driver_sql(
                ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statement, parameters
            )
            plan = [" ".join(str(c) for c in row[-1:]) if sqlite else row[0] for row in raw]
        print("\n" + " ".join(statement.split()))
        print("\n".join(f"    {line}" for line in plan))


async def bench(
    urls: list[str], sizes: list[int], flows: dict[str, Flow], repeat: int, label: str, plans: bool
) -> None:
    databases = [Database(url) for url in urls]
    try:
        for database, size in zip(databases, sizes, strict=True):
            print(f"{label} {size}: {await fill(database, flows, size)}")
        if plans:
            await explain(databases[-1], flows)
        print(f"{label}, at {' | '.join(str(s) for s in sizes)}:")
        await timings(databases, urls, flows, repeat)
    finally:
        for database in databases:
            await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    flows = load_flows(list(BUILTIN_DIRS), BUILDERS)
    sizes = [args.small, args.large]
    print(f"{os.cpu_count()} cores; median (min–max) of {args.repeat} runs")
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            urls = [f"sqlite+aiosqlite:///{Path(folder) / f'{size}.db'}" for size in sizes]
            for url in urls:
                upgrade(url)
            asyncio.run(bench(urls, sizes, flows, args.repeat, "SQLite", args.explain))
    if args.postgres:
        with PostgresServer() as server:
            urls = asyncio.run(postgres_databases(server, [f"year{size}" for size in sizes]))
            for url in urls:
                upgrade(url)
            asyncio.run(bench(urls, sizes, flows, args.repeat, "PostgreSQL", args.explain))


if __name__ == "__main__":
    main()
