"""Storage fixtures: a PostgreSQL server for the whole session, a fresh migrated database per test."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest

from storage.db import Database
from storage.migrate import upgrade_engine
from tests.support.postgres import PostgresServer

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server on 127.0.0.1 for the test session."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
async def pg_db(postgres: PostgresServer) -> AsyncIterator[Database]:
    """A new, migrated PostgreSQL database for one test."""
    name = f"t{next(_names)}"
    admin = await asyncpg.connect(host="127.0.0.1", port=postgres.port, user="faire", database="postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    database = Database(postgres.url.rsplit("/", 1)[0] + f"/{name}")
    await upgrade_engine(database.engine)
    yield database
    await database.dispose()
