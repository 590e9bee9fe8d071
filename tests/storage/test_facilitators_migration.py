"""Issue 15, item 12: sessions published in the bot before revision 0011 stay followed by the one who published them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from sqlalchemy import bindparam, text

from storage.db import Database
from storage.migrate import upgrade_engine
from storage.types import UTCDateTime
from tests.support.postgres import PostgresServer

STAMP = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
AT = bindparam("at", type_=UTCDateTime())


async def _publisher_follows_after_upgrade(database: Database) -> None:
    await upgrade_engine(database.engine, "0010")
    async with database.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO staff_members (id, telegram_id, role, added_by, added_at) "
                "VALUES (1, 123456789012, 'facilitator', 'test', :at), (2, 55, 'coordinator', 'test', :at)"
            ).bindparams(AT),
            {"at": STAMP},
        )
        for meeting_id, created_by in ((1, "telegram:123456789012"), (2, "marie"), (3, "telegram:55")):
            await connection.execute(
                text(
                    "INSERT INTO meetings (id, kind, title, description, starts_at, ends_at, place, address, "
                    "access_notes, capacity, languages, status, taken, waiting_seq, created_by, created_at) "
                    "VALUES (:id, 'info_meeting', '{}', '{}', :at, :at, 'p', 'a', '', 5, '[]', 'scheduled', 0, 0, "
                    ":by, :at)"
                ).bindparams(AT),
                {"id": meeting_id, "at": STAMP, "by": created_by},
            )
    await upgrade_engine(database.engine)
    async with database.engine.connect() as connection:
        found = await connection.execute(
            text("SELECT meeting_id, staff_id FROM meeting_facilitators ORDER BY meeting_id")
        )
        assert [tuple(row) for row in found] == [(1, 1), (3, 2)]  # "marie" published from the command line


async def test_item_12_migration_assigns_sessions_to_their_publisher_on_sqlite(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        await _publisher_follows_after_upgrade(database)
    finally:
        await database.dispose()


async def test_item_12_migration_assigns_sessions_to_their_publisher_on_postgresql(postgres: PostgresServer) -> None:
    admin = await asyncpg.connect(host="127.0.0.1", port=postgres.port, user="faire", database="postgres")
    await admin.execute('CREATE DATABASE "facilitators_migration"')
    await admin.close()
    database = Database(postgres.url.rsplit("/", 1)[0] + "/facilitators_migration")
    try:
        await _publisher_follows_after_upgrade(database)
    finally:
        await database.dispose()
