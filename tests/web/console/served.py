"""The console as `make run` serves it, on a free loopback port over a test database, for browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from dialogs.i18n import available_languages
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from faire_lien.config import Settings
from faire_lien.core.roles import Staff
from faire_lien.staff.console_links import sign_in_link
from storage.db import Database
from tests.support.clock import Clock
from web.console.context import Console
from web.server import BackgroundServer, application


@contextmanager
def console_served(url: str) -> Iterator[tuple[str, Clock]]:
    """The console over the database at `url`, with a clock the test moves: its address and clock."""
    clock = Clock()
    flows = load_flows(BUILTIN_DIRS, BUILDERS)
    settings = Settings(database_url=url, telegram_bot_token=None)
    server = BackgroundServer(
        application(Console(settings, Database(url), clock, flows, available_languages())), "127.0.0.1", 0
    )
    assert server.start()
    try:
        yield f"http://127.0.0.1:{server.port}", clock
    finally:
        server.stop()


async def operator_link(url: str, base: str, clock: Clock) -> str:
    """A one-time sign-in link for the server's operator (a coordinator), at the console's address `base`."""
    database = Database(url)
    try:
        async with database.unit_of_work() as session:
            return await sign_in_link(session, Staff("coordinator", None, "console:operator"), base, clock())
    finally:
        await database.dispose()
