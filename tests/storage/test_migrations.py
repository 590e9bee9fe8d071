"""Alembic revisions build exactly the schema the models describe, and upgrades are idempotent."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage.db import Database
from storage.migrate import upgrade, upgrade_engine
from storage.models import Base


async def test_migrations_match_the_models(db: Database) -> None:
    def diff(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async with db.engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_upgrade_twice_is_harmless(db: Database) -> None:
    await upgrade_engine(db.engine)
    async with db.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert {"people", "conversations", "responses", "answers", "alembic_version"} <= tables


def test_cli_upgrade_creates_the_sqlite_folder(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "var" / "bot.db"
    upgrade(f"sqlite+aiosqlite:///{target}")
    assert target.exists()
