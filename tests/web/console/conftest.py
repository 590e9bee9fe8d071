"""The staff console in the test's event loop, on the test database, with a clock the test can move."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from dialogs.i18n import available_languages
from dialogs.loader import FlowError
from dialogs.schema import Flow
from faire_lien.config import Settings
from faire_lien.core.roles import Staff
from faire_lien.staff.console_links import sign_in_link
from storage.db import Database
from storage.staff import active_member
from tests.bot.conftest import bot  # noqa: F401 - the bot process (and its console) for browser tests
from tests.conftest import NOW, make_staff
from web.console.context import Console
from web.server import application

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Clock:
    """The console's clock: tests move it to expire links and sessions."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class SignedIn:
    """A browser signed in to the console: its cookies, and the CSRF token its forms carry."""

    client: httpx.AsyncClient
    csrf: str

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.client.get(path, **kwargs)

    async def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        """Submit a form as the page would, with the CSRF token."""
        return await self.client.post(path, data={"csrf": self.csrf, **(data or {})}, **kwargs)


@dataclass
class Desk:
    """The console application and ways to open it as a given staff member."""

    app: Starlette
    db: Database
    clock: Clock
    clients: list[httpx.AsyncClient] = field(default_factory=list)

    def browser(self) -> httpx.AsyncClient:
        """A new browser with no cookie."""
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://127.0.0.1:8080")
        self.clients.append(client)
        return client

    async def link(self, telegram_id: int | None) -> str:
        """A one-time link's path for a staff member (None: the server's operator)."""
        async with self.db.unit_of_work() as session:
            if telegram_id is None:
                staff = Staff("coordinator", None, "console:operator")
            else:
                member = await active_member(session, telegram_id)
                assert member is not None
                staff = Staff(member.role, member.id, f"telegram:{telegram_id}")
            url = await sign_in_link(session, staff, "http://127.0.0.1:8080", self.clock())
        return url.removeprefix("http://127.0.0.1:8080")

    async def sign_in(self, telegram_id: int | None = None, role: str = "coordinator") -> SignedIn:
        """A browser signed in through a fresh link; the staff member is created with this role if needed."""
        if telegram_id is not None:
            async with self.db.unit_of_work() as session:
                known = await active_member(session, telegram_id)
            if known is None or known.role != role:
                await make_staff(self.db, telegram_id, role)
        client = self.browser()
        opened = await client.post(await self.link(telegram_id))
        assert opened.status_code == 303, opened.text
        home = await client.get("/")
        assert home.status_code == 200, home.text
        token = CSRF.search(home.text)
        assert token is not None
        return SignedIn(client, token.group(1))


async def desk_of(db: Database, flows: dict[str, Flow], left_out: Sequence[FlowError] = ()) -> AsyncIterator[Desk]:
    """The console on these flows (a test adds a grid of its own), with these staff files left out at start-up,
    closed after the one `async for` turn."""
    clock = Clock()
    settings = Settings(database_url=db.url, telegram_bot_token=None)
    chosen = {k: v for k, v in flows.items() if k != "all_kinds"}
    app = application(Console(settings, db, clock, chosen, available_languages(), list(left_out)))
    the_desk = Desk(app, db, clock)
    yield the_desk
    for client in the_desk.clients:
        await client.aclose()


@pytest.fixture
async def desk(db: Database, flows: dict[str, Flow]) -> AsyncIterator[Desk]:
    """The console as `make run` serves it, on the test database."""
    async for the_desk in desk_of(db, flows):
        yield the_desk


@pytest.fixture
async def pg_desk(pg_db: Database, flows: dict[str, Flow]) -> AsyncIterator[Desk]:
    """The console on a PostgreSQL database, for what only PostgreSQL refuses."""
    async for the_desk in desk_of(pg_db, flows):
        yield the_desk
