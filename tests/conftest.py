"""Shared fixtures: a migrated SQLite database per test, the assistant on the shipped flows, the command line."""

from __future__ import annotations

import io
import itertools
import logging
import os
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from hypothesis import settings

from cli.logs import PTB_LOGGERS, configure_logging
from dialogs.i18n import available_languages
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support import cli
from tests.support.db import migrated
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.held_syncs import HeldSyncs
from tests.support.logs import TOKEN
from tests.support.postgres import PostgresServer

# Property tests must not fail because a busy machine was slow: no per-example deadline.
settings.register_profile("faire-lien", deadline=None)
settings.load_profile("faire-lien")

FIXTURES = Path(__file__).parent / "dialogs" / "fixtures"
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh SQLite file migrated with the real Alembic revisions."""
    database = await migrated(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    yield database
    await database.dispose()


@pytest.fixture
def run_cli(tmp_path: Path) -> cli.RunCli:
    """Run `faire-lien ARGS` in this process, in tmp_path, with extra environment variables; code and output."""

    def run(*args: str, env: Mapping[str, str] | None = None) -> cli.CliRun:
        return cli.run_cli(list(args), env or {}, tmp_path)

    return run


@pytest.fixture(scope="session")
def flows() -> dict[str, Flow]:
    """The shipped flows plus the test flow that uses every input kind."""
    return load_flows([*BUILTIN_DIRS, FIXTURES], BUILDERS)


@pytest.fixture
def assistant(flows: dict[str, Flow]) -> Assistant:
    """The assistant on the shipped flows plus `about_you`, with a fixed clock so dates in texts are stable."""
    chosen = {k: v for k, v in flows.items() if k != "all_kinds"}
    return Assistant(chosen, available_languages(), clock=lambda: NOW)


async def make_staff(db: Database, telegram_id: int, role: str = "coordinator") -> None:
    """Give a Telegram user a staff role, as `faire-lien staff add-coordinator` or an invite would."""
    from storage.staff import grant

    async with db.unit_of_work() as session:
        await grant(session, telegram_id, role, "test", NOW)


async def assign_staff(db: Database, telegram_id: int, meeting_id: int) -> None:
    """Let a staff member follow a session, as publishing it or a coordinator's `sessions assign` would."""
    from storage.facilitators import assign
    from storage.staff import active_member

    async with db.unit_of_work() as session:
        member = await active_member(session, telegram_id)
        assert member is not None, f"{telegram_id} has no staff role"
        await assign(session, meeting_id, member.id, "test", NOW)


_pg_names = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server on 127.0.0.1 for the test session."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
async def pg_db(postgres: PostgresServer) -> AsyncIterator[Database]:
    """A new, migrated PostgreSQL database for one test."""
    name = f"t{next(_pg_names)}"
    admin = await asyncpg.connect(host="127.0.0.1", port=postgres.port, user="faire", database="postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    database = await migrated(postgres.url.rsplit("/", 1)[0] + f"/{name}")
    yield database
    await database.dispose()


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    """A fake Bot API server on an ephemeral loopback port."""
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def syncs_seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSyncs]:
    """Every `os.fdatasync` of the test recorded (SQLite's log synced by `storage.db`), held when asked."""
    seen = HeldSyncs(os.fdatasync)
    monkeypatch.setattr(os, "fdatasync", seen)
    yield seen
    seen.release()


@pytest.fixture
def root_log() -> Iterator[io.StringIO]:
    """The root logger writing to a string at DEBUG through one handler, as `faire-lien` sets it up."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    ptb_filters = {name: logging.getLogger(name).filters[:] for name in PTB_LOGGERS}
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.handlers = [handler]
    root.setLevel(logging.DEBUG)
    configure_logging("DEBUG", [TOKEN])  # basicConfig keeps this handler; the filter is added to it
    yield stream
    root.handlers = handlers
    root.setLevel(level)
    for name, filters in ptb_filters.items():
        logging.getLogger(name).filters = filters
