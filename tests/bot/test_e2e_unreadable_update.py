"""Polling goes on after an update python-telegram-bot cannot read: it is skipped, the next one answered."""

from __future__ import annotations

from tests.bot.conftest import BotProcess
from tests.support.fake_bot_api import FakeBotAPI


def test_item_6_unreadable_update_is_skipped_and_polling_goes_on(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70031, first_name="Zéphyrine")
    api.wait_until_polling(timeout=60)
    broken = {"message_id": 1, "from": user.to_dict(), "chat": {"id": user.id, "type": "private"}, "date": "x"}
    skipped = api._state.enqueue("message", {**broken, "text": "mon secret 06 12 34 56 78"})
    mark = api.mark(user.chat_id)
    api.send_text(user, "/start")
    (welcome,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    assert "langue" in welcome.text
    bot.stop()
    logged = "\n".join(path.read_text() for path in bot.workdir.glob("bot-*.log"))
    assert f"update {skipped} cannot be read (TypeError); skipped" in logged
    for personal in ("Zéphyrine", "mon secret", "06 12 34 56 78"):
        assert personal not in logged
