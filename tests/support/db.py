"""Databases for tests: a freshly migrated one, and every row of a model read back."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select

from storage.db import Database
from storage.migrate import upgrade_engine

T = TypeVar("T")


async def migrated(url: str) -> Database:
    """A database at ``url`` brought to the latest schema with the real Alembic revisions."""
    database = Database(url)
    await upgrade_engine(database.engine)
    return database


async def rows(db: Database, model: type[T]) -> list[T]:
    """Every row of a model, read in one unit of work."""
    async with db.unit_of_work() as session:
        return list((await session.execute(select(model))).scalars())
