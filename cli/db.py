"""Database access for the command-line tools: migrate, then a unit of work (or a report) on an engine closed after."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from storage import migrate
from storage.db import Database

T = TypeVar("T")


def in_unit_of_work(database_url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Bring the schema up to date, run `work` in one committed unit of work and return its result."""
    migrate.upgrade(database_url)

    async def go() -> T:
        db = Database(database_url)
        try:
            async with db.unit_of_work() as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(go())


def with_database(database_url: str, work: Callable[[Database], Awaitable[T]]) -> T:
    """Bring the schema up to date and run `work` with the database (reports: a read-only read, then the audit)."""
    migrate.upgrade(database_url)

    async def go() -> T:
        db = Database(database_url)
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(go())
