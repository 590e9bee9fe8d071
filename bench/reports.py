"""Staff reports at 10 000 vs 100 000 answered evaluations: the yearly report, survey results, grid stats.

Run: `.venv/bin/python bench/reports.py [--small 10000 --large 100000 --repeat 5 --postgres]`.

Two databases are filled with the generated data set of `tests/support/report_data.py` (hot evaluations only),
sized by answered evaluations (registrations are a little more numerous, grid results a little fewer). The
reports run as the staff screens run them (`faire_lien/surveys/service.py`, `faire_lien/grids/reading.py`: a
read-only read, then the audit row in a unit of work), taking turns between the two databases so both meet the
same machine load; the median of `--repeat` runs is printed per report with the ratio large / small (targets:
≤ 200 ms at 100 000, ratio ≤ 3).
With `--postgres`, the same on a throwaway PostgreSQL server (`tests/support/postgres.py`).
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
from sqlalchemy import event  # noqa: E402

from dialogs.loader import BUILTIN_DIRS, load_flows  # noqa: E402
from dialogs.results import BUILDERS  # noqa: E402
from dialogs.schema import Flow  # noqa: E402
from faire_lien.core.roles import Staff  # noqa: E402
from faire_lien.grids.reading import period_counts  # noqa: E402
from faire_lien.surveys.service import Selection, survey_results, yearly_report  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402
from tests.support.report_data import generate, insert_all  # noqa: E402

NOW = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
HOT = "hot_evaluation"
STAFF = Staff("coordinator", None, "bench")
ANSWERED_PER_MEETING = 2.7
"""Answered evaluations per generated session, on average (sizes and answer rates of `report_data.py`)."""

Report = Callable[[Database], Awaitable[object]]


def reports(flows: dict[str, Flow]) -> dict[str, Report]:
    """Each report as a staff screen asks for it."""
    return {
        "yearly report": lambda db: yearly_report(db, 2026, flows, "bench", NOW),
        "survey results": lambda db: survey_results(db, flows[HOT], Selection(kind="info_meeting"), STAFF, NOW),
        "grid stats": lambda db: period_counts(db, None, None, NOW),
    }


async def fill(database: Database, flows: dict[str, Flow], answered: int) -> str:
    """The generated data set with about `answered` answered evaluations; what went in, in words."""
    data = generate([flows[HOT]], meetings=round(answered / ANSWERED_PER_MEETING), seed=answered)
    async with database.unit_of_work() as session:
        await insert_all(session, data.rows)
    if database.engine.dialect.name == "postgresql":  # what autovacuum would have done by the time staff look
        async with database.engine.begin() as connection:
            await connection.exec_driver_sql("ANALYZE")
    return (
        f"{data.answered(HOT)} answered evaluations, {len(data.rows['registrations'])} registrations, "
        f"{len(data.rows['grid_results'])} grid results, {len(data.rows['answers'])} answers"
    )


async def timings(databases: list[Database], flows: dict[str, Flow], repeat: int) -> dict[str, list[float]]:
    """Median milliseconds per report and database, the databases taking turns run by run."""
    found: dict[str, list[list[float]]] = {name: [[] for _ in databases] for name in reports(flows)}
    for run in range(repeat + 1):
        for name, report in reports(flows).items():
            order = range(len(databases)) if run % 2 else reversed(range(len(databases)))
            for k in order:
                started = time.perf_counter()
                await report(databases[k])
                if run:  # the first run warms caches
                    found[name][k].append((time.perf_counter() - started) * 1000)
    return {name: [statistics.median(t) for t in per_db] for name, per_db in found.items()}


async def explain(database: Database, flows: dict[str, Flow]) -> None:
    """Print each query the reports run with the database's plan for it (EXPLAIN QUERY PLAN / EXPLAIN)."""
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    engine = database.reader.sync_engine  # reports read through `Database.read_only`
    event.listen(engine, "before_cursor_execute", keep)
    try:
        for name, report in reports(flows).items():
            seen.clear()
            await report(database)
            queries = list(seen)
            print(f"\n### {name}")
            for statement, parameters in queries:
                sqlite = engine.dialect.name == "sqlite"
                prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
                async with database.reader.connect() as connection:
                    raw = await connection.exec_driver_sql(prefix + statement, parameters)
                    plan = [" ".join(str(c) for c in row[-1:]) if sqlite else row[0] for row in raw]
                print("\n" + " ".join(statement.split()))
                print("\n".join(f"    {line}" for line in plan))
    finally:
        event.remove(engine, "before_cursor_execute", keep)


async def bench(
    urls: list[str], sizes: list[int], flows: dict[str, Flow], repeat: int, label: str, plans: bool
) -> None:
    """Fill one database per size, time the reports, print the figures."""
    databases = [Database(url) for url in urls]
    try:
        for database, size in zip(databases, sizes, strict=True):
            started = time.perf_counter()
            what = await fill(database, flows, size)
            print(f"{label} {size}: {what} (filled in {time.perf_counter() - started:.0f} s)")
        if plans:
            await explain(databases[-1], flows)
        found = await timings(databases, flows, repeat)
    finally:
        for database in databases:
            await database.dispose()
    for name, (small, large) in found.items():
        print(f"{label} {name}: {small:.1f} ms at {sizes[0]}, {large:.1f} ms at {sizes[1]}, ratio {large / small:.2f}")


async def postgres_databases(server: PostgresServer, names: list[str]) -> list[str]:
    """New empty databases on the throwaway server."""
    admin = await asyncpg.connect(host="127.0.0.1", port=server.port, user="faire", database="postgres")
    try:
        for name in names:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return [server.url.rsplit("/", 1)[0] + f"/{name}" for name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL server")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only (with --postgres)")
    parser.add_argument("--explain", action="store_true", help="print each report query's plan on the large base")
    args = parser.parse_args()
    flows = load_flows(list(BUILTIN_DIRS), BUILDERS)
    sizes = [args.small, args.large]
    print(f"{os.cpu_count()} cores; median of {args.repeat} runs")
    with tempfile.TemporaryDirectory() as folder:
        sizes_sqlite = [] if args.no_sqlite else sizes
        urls = [f"sqlite+aiosqlite:///{Path(folder) / f'{size}.db'}" for size in sizes_sqlite]
        for url in urls:
            upgrade(url)
        if urls:
            asyncio.run(bench(urls, sizes, flows, args.repeat, "SQLite", args.explain))
    if args.postgres:
        with PostgresServer() as server:
            urls = asyncio.run(postgres_databases(server, [f"reports{size}" for size in sizes]))
            for url in urls:
                upgrade(url)
            asyncio.run(bench(urls, sizes, flows, args.repeat, "PostgreSQL", args.explain))


if __name__ == "__main__":
    main()
