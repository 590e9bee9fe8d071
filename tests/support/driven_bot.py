"""The real bot (its Application and handlers) in the test's event loop, fed update by update from the fake Bot API.

Faster than a bot process for first-contact drills: the updates still travel over HTTP (getUpdates, then
every call the bot makes), and each one is handled as polling handles it (`Application.process_update`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from faire_lien.assistant import Assistant
from faire_lien.config import Settings
from storage.db import Database
from tests.support.fake_bot_api import FakeBotAPI


class DrivenBot:
    """Hands the fake's queued updates to the running Application, in order, each one confirmed after it."""

    def __init__(self, app: Application) -> None:  # type: ignore[type-arg]
        self.app = app
        self.offset = 0

    async def deliver(self) -> None:
        """Handle every update queued so far (messages, presses, chat member changes)."""
        for update in await self.app.bot.get_updates(offset=self.offset, timeout=0, allowed_updates=Update.ALL_TYPES):
            await self.app.process_update(update)
            self.offset = update.update_id + 1


@asynccontextmanager
async def driven_bot(
    api: FakeBotAPI, db: Database, assistant: Assistant, flood_limit: int = 20
) -> AsyncIterator[DrivenBot]:
    """The bot built as `faire-lien run` builds it, on the fake Bot API, running for the block.

    `flood_limit`: updates one person may send in the flood window (a long questionnaire typed at test speed
    needs more than the default 20).
    """
    settings = Settings(telegram_bot_token="123456:TEST", telegram_api_base_url=api.base_url, flood_limit=flood_limit)
    app = build_application(settings, assistant, db)
    async with app:
        yield DrivenBot(app)
