"""Alembic environment: async engines, or a connection handed over by storage.migrate."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.db import make_engine
from storage.migrate import without_foreign_keys
from storage.models import Base
from storage.types import UTCDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(kind: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write our column types as plain SQLAlchemy ones so migrations never import app code."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several bot processes may start together: one migrates, the others wait, then find it done.
            connection.execute(text("SELECT pg_advisory_xact_lock(7263017)"))
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = make_engine(url)
    async with engine.connect() as connection:
        await without_foreign_keys(connection)  # the engine is disposed of below: nothing to switch back on
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


def run_migrations_online() -> None:
    """Use the shared connection when given, else open the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: set DATABASE_URL or sqlalchemy.url")
    asyncio.run(_run_async(url))


def run_migrations_offline() -> None:
    """Print SQL instead of running it (alembic upgrade --sql)."""
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
