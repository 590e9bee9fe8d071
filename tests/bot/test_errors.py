"""A failing update: the person gets a polite apology, the log has no message contents, state is intact."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from telegram import Update

from bot.app import build_application
from bot.handlers import SORRY
from dialogs.i18n import translator
from dialogs.reply import Reply
from faire_lien.assistant import Assistant
from faire_lien.config import Settings
from faire_lien.core.inbound import Inbound
from storage.db import Database
from storage.people import Identity
from tests.support.fake_bot_api import FakeBotAPI


class BrokenAssistant(Assistant):
    """Fails on one particular text, like a bug deep in a flow would."""

    async def handle(self, session: Any, who: Identity, inbound: Inbound) -> list[Reply]:
        if inbound.value == "boom 86000":
            raise ValueError(f"cannot handle {inbound.value}")
        return await super().handle(session, who, inbound)


async def test_error_handler_apologises_without_logging_contents(
    api: FakeBotAPI, db: Database, assistant: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(telegram_bot_token="123456:TEST", telegram_api_base_url=api.base_url)
    broken = BrokenAssistant(assistant.flows, assistant.languages)
    app = build_application(settings, broken, db)
    user = api.user(80001, first_name="Zoé", language_code="fr")
    async with app:
        api.send_text(user, "boom 86000")
        api.send_text(user, "/start")
        updates = await app.bot.get_updates(timeout=0)
        caplog.set_level(logging.INFO)
        for update in updates:
            await app.process_update(Update.de_json(update.to_dict(), app.bot))
    texts = [m.text for m in api.messages(user.chat_id)]
    assert texts[0].startswith("Désolé, un problème technique est survenu.")
    assert "Choisissez votre langue" in texts[1]
    logged = caplog.text
    assert "ValueError" in logged
    assert "86000" not in logged
    assert "Zoé" not in logged


async def test_the_apology_is_in_the_language_the_person_chose(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Arabic chosen on a phone set to French: "a technical problem occurred" is said in Arabic."""
    settings = Settings(telegram_bot_token="123456:TEST", telegram_api_base_url=api.base_url)
    app = build_application(settings, BrokenAssistant(assistant.flows, assistant.languages), db)
    user = api.user(80002, language_code="fr")
    offset = 0

    async def deliver() -> None:
        nonlocal offset
        for update in await app.bot.get_updates(offset=offset, timeout=0):
            await app.process_update(Update.de_json(update.to_dict(), app.bot))
            offset = update.update_id + 1

    async with app:
        for step in ("/start", "العربية", "\u200f✅ أوافق", "boom 86000"):
            if step.startswith(("/", "boom")):
                api.send_text(user, step)
            else:
                shown = api.messages(user.chat_id)[-1]
                api.press(user, shown, shown.button(step))
            await deliver()
    apology = api.messages(user.chat_id)[-1].text
    assert apology == translator("ar")(SORRY)
    assert not apology.startswith("Désolé")
