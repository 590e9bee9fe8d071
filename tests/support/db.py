"""Databases for tests: a freshly migrated one, and every row of a model read back."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TypeVar

import asyncpg
from sqlalchemy import select

from faire_lien.routes import set_aside
from storage.db import Database
from storage.migrate import upgrade_engine
from storage.models import Conversation
from tests.support.postgres import PostgresServer

T = TypeVar("T")


async def migrated(url: str) -> Database:
    """A database at ``url`` brought to the latest schema with the real Alembic revisions."""
    database = Database(url)
    await upgrade_engine(database.engine)
    return database


_names = itertools.count()


async def fresh(backend: str, folder: Path, postgres: PostgresServer) -> Database:
    """A migrated database on "sqlite" (a file in `folder`) or "postgresql" (a new database on the test server)."""
    if backend == "sqlite":
        return await migrated(f"sqlite+aiosqlite:///{folder / 'fresh.db'}")
    name = f"fresh{next(_names)}"
    admin = await asyncpg.connect(host="127.0.0.1", port=postgres.port, user="faire", database="postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return await migrated(postgres.url.rsplit("/", 1)[0] + f"/{name}")


async def rows(db: Database, model: type[T]) -> list[T]:
    """Every row of a model, read in one unit of work."""
    async with db.unit_of_work() as session:
        return list((await session.execute(select(model))).scalars())


async def set_aside_now(db: Database) -> str:
    """How a « Commencer » drawn now names the one questionnaire in progress (`routes.set_aside`)."""
    (conversation,) = await rows(db, Conversation)
    return set_aside(conversation)
