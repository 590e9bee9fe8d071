"""The web application in the test's event loop, its lifespan run, talking to the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from starlette.applications import Starlette

from bot.app import build_application
from faire_lien.assistant import Assistant
from faire_lien.config import Settings
from storage.db import Database
from tests.bot.conftest import TOKEN
from tests.support.fake_bot_api import FakeBotAPI
from web.app import create_app
from web.console.context import Console

SECRET = "web-secret"


@dataclass
class Web:
    """A client of the running application, and the fake Telegram it sends to."""

    client: httpx.AsyncClient
    api: FakeBotAPI
    app: Starlette


def settings_for(api: FakeBotAPI, db: Database) -> Settings:
    """Webhook settings pointing at the fake Bot API and the test database."""
    return Settings(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        database_url=db.url,
        webhook_url="https://bot.example.org/telegram",
        webhook_secret=SECRET,
        outbox_interval=300,
    )


@pytest.fixture
async def web(api: FakeBotAPI, db: Database, assistant: Assistant) -> AsyncIterator[Web]:
    """The application as `faire-lien webhook` builds it, started and stopped around the test."""
    api.user(4242, first_name="Jeanne")  # the person of the tests' updates
    settings = settings_for(api, db)
    console = Console(settings, db, assistant.clock, assistant.flows, assistant.languages)
    app = create_app(settings, build_application(settings, assistant, db), console)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            yield Web(client, api, app)
