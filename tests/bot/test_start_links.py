"""Issue 15, item 8, through the real update callback: a bad session id in /start gets "no longer offered"."""

from __future__ import annotations

from telegram import Update

from bot.app import build_application
from bot.inbound import to_inbound
from bot.signing import Signer
from faire_lien.assistant import Assistant
from faire_lien.config import Settings
from storage.db import Database
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

ISSUE_PAYLOADS = ["s_99999999999999999999999999", "s_²"]
NOT_VALID = "Cette rencontre n'est plus proposée."  # what a link to a deleted session gets


async def test_item_8_start_payload_through_the_bot(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """The real update callback (to_inbound, the assistant, the reply sent) against the fake Bot API."""
    settings = Settings(telegram_bot_token="123456:TEST", telegram_api_base_url=api.base_url)
    app = build_application(settings, assistant, db)
    user = api.user(80008, language_code="fr")
    offset = 0

    async def deliver() -> None:
        nonlocal offset
        for update in await app.bot.get_updates(offset=offset, timeout=0):
            parsed = Update.de_json(update.to_dict(), app.bot)
            if parsed.message is not None and parsed.message.text in [f"/start {p}" for p in ISSUE_PAYLOADS]:
                inbound = to_inbound(parsed, Signer("x"))
                assert inbound is not None and inbound.argument in ISSUE_PAYLOADS  # passed on as typed
            await app.process_update(parsed)
            offset = update.update_id + 1

    def press(who: FakeUser, label: str) -> None:
        last = api.messages(who.chat_id)[-1]
        api.press(who, last, last.button(label))

    async with app:
        api.send_text(user, "/start")
        await deliver()
        press(user, "Français")
        await deliver()
        press(user, "J'accepte")
        await deliver()
        for payload in ISSUE_PAYLOADS:
            api.send_text(user, f"/start {payload}")
            await deliver()
    texts = [m.text for m in api.messages(user.chat_id)]
    assert [t.startswith(NOT_VALID) for t in texts[-2:]] == [True, True]
    assert all("Désolé, un problème technique" not in t for t in texts)
