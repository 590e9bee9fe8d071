"""Issue 20: without a ping per checkout, a connection that died in the pool fails one unit of work, tried again."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database
from storage.models import ProcessedUpdate
from tests.support.postgres import PostgresServer
from web.webhook import transient


async def count(db: Database) -> int:
    async with db.unit_of_work() as session:
        return int(await session.scalar(select(func.count()).select_from(ProcessedUpdate)) or 0)


async def test_a_server_restart_costs_one_transient_failure_then_fresh_connections(
    pg_db: Database, postgres: PostgresServer
) -> None:
    assert await count(pg_db) == 0  # a connection now waits in the pool
    postgres.halt()
    postgres.resume()
    with pytest.raises(DBAPIError) as failure:
        await count(pg_db)
    assert failure.value.connection_invalidated
    assert transient(failure.value)  # the webhook answers 503: Telegram delivers the update again
    assert await count(pg_db) == 0  # the pool was emptied: a new connection


async def test_an_update_unit_of_work_is_run_again_on_a_new_connection_after_a_restart(
    pg_db: Database, postgres: PostgresServer
) -> None:
    assert await count(pg_db) == 0
    postgres.halt()
    postgres.resume()
    tries: list[int] = []

    async def work(session: AsyncSession) -> int:
        tries.append(1)
        return int(await session.scalar(select(func.count()).select_from(ProcessedUpdate)) or 0)

    assert await pg_db.retried(work) == 0
    assert len(tries) == 2
