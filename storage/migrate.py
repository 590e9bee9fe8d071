"""Bring a database to the latest schema with Alembic, from the CLI or from async code."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration pointing at our migrations and this database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head", attempts: int = 3) -> None:
    """Migrate the database at `url` (blocking; not from inside an event loop).

    Two processes starting together (the bot and a staff command) may race to apply the same
    revision; the one that loses sees a "table already exists" or "locked" error, waits, and
    finds the database already up to date on its next attempt.
    """
    for attempt in range(1, attempts + 1):
        try:
            command.upgrade(alembic_config(url), revision)
        except OperationalError:
            if attempt == attempts:
                raise
            time.sleep(0.5 * attempt)
        else:
            return


async def upgrade_engine(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate through an existing async engine (for tests and start-up)."""
    await _through_engine(engine, lambda config: command.upgrade(config, revision))


async def downgrade_engine(engine: AsyncEngine, revision: str) -> None:
    """Go back to an older revision through an existing async engine (for tests of a migration's way back)."""
    await _through_engine(engine, lambda config: command.downgrade(config, revision))


async def without_foreign_keys(connection: AsyncConnection) -> bool:
    """Switch SQLite's foreign keys off on this connection, before any transaction; True when it did.

    On SQLite, Alembic's batch mode changes a table by copying it and dropping the old one; with
    foreign keys on, that drop deletes every row pointing at it through `ON DELETE CASCADE` (all of a
    person's answers, messages and registrations when `people` changes). The pragma has no effect
    inside a transaction, so it goes to the driver before SQLAlchemy begins one.
    """
    if connection.dialect.name != "sqlite":
        return False
    await connection.run_sync(_pragma, "foreign_keys=OFF")
    return True


def _pragma(connection: Connection, setting: str) -> None:
    """A PRAGMA sent straight to the driver, whatever it is, without SQLAlchemy beginning a transaction."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(f"PRAGMA {setting}")
    cursor.close()


async def _through_engine(engine: AsyncEngine, act: Callable[[Config], object]) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        act(config)

    async with engine.connect() as connection:
        switched = await without_foreign_keys(connection)
        try:
            await connection.run_sync(run)
            await connection.commit()
        finally:
            if switched:
                await connection.run_sync(_pragma, "foreign_keys=ON")


def head_revision() -> str:
    """The newest revision shipped with this code (what `upgrade` brings a database to)."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None, "the migrations folder has a single head"
    return head
