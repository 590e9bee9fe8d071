"""Telegram's service messages in a person's chat (a pin, the auto-delete timer) are not theirs to answer."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI


async def test_pinning_or_a_timer_gets_no_reply(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """A person pins the bot's menu, then sets auto-delete: no "I can only read text" notice, no new message."""
    person = api.user(86001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        api.send_text(person, "/start")
        await bot.deliver()
        for label in ("Français", "J'accepte"):
            shown = api.messages(person.chat_id)[-1]
            api.press(person, shown, shown.button(label))
            await bot.deliver()
        menu = api.messages(person.chat_id)[-1]
        before = len(api.messages(person.chat_id))
        api.pin(person, menu)
        api.set_auto_delete_timer(person, 86400)
        await bot.deliver()
        api.send_text(person, "/menu")  # the bot still answers what the person says
        await bot.deliver()
    after = api.messages(person.chat_id)[before:]
    assert [m.text for m in after] == ["Que voulez-vous faire ?"]
