"""Bring a database to the latest schema with Alembic, from the CLI or from async code."""

from __future__ import annotations

import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

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
    config = alembic_config(engine.url.render_as_string(hide_password=False))

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


def head_revision() -> str:
    """The newest revision shipped with this code (what `upgrade` brings a database to)."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None, "the migrations folder has a single head"
    return head
