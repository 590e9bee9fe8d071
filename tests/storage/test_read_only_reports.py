"""The read-only unit of work reports read in refuses every write, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError

from storage.db import Database
from storage.models import AuditEntry
from tests.conftest import NOW


async def test_a_report_read_cannot_write(database: Database) -> None:
    row = {"actor": "marie", "action": "read_yearly_report", "at": NOW, "detail": {"year": 2026}}
    with pytest.raises(DBAPIError, match=r"(?i)read.?only"):
        async with database.read_only() as reader:
            await reader.execute(insert(AuditEntry).values(**row))
    async with database.read_only() as reader:
        reader.add(AuditEntry(**row))
        with pytest.raises(DBAPIError, match=r"(?i)read.?only"):
            await reader.flush()
    async with database.read_only() as reader:
        assert await reader.scalar(select(func.count()).select_from(AuditEntry)) == 0
    async with database.unit_of_work() as session:  # the writer's unit of work still writes
        await session.execute(insert(AuditEntry).values(**row))
    async with database.read_only() as reader:
        assert await reader.scalar(select(func.count()).select_from(AuditEntry)) == 1
