"""Polling goes on after an update python-telegram-bot cannot read: skipped (or its message read as one without text,
and answered), the next one answered."""

from __future__ import annotations

import time

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


def test_a_message_with_a_part_the_library_cannot_read_is_answered_as_one_without_text(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """A poll without the fields a newer Bot API made required (python-telegram-bot raises TypeError on it): the
    person is told the bot reads text and buttons only, as for a sticker, instead of getting nothing."""
    user = api.user(70032, first_name="Zéphyrine", language_code="fr")
    api.wait_until_polling(timeout=60)
    api.send_text(user, "/start")
    (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
    mark = api.mark(user.chat_id)
    api.press(user, welcome, welcome.button("Français"))
    (consent,) = api.wait_for_messages(user.chat_id, 1, after=mark)
    mark = api.mark(user.chat_id)
    api.press(user, consent, consent.button("J'accepte"))
    api.wait_for_messages(user.chat_id, 1, after=mark)
    mark = api.mark(user.chat_id)
    options = [{"text": "a", "voter_count": 0}, {"text": "b", "voter_count": 0}]
    poll = {"id": "1", "question": "mon secret ?", "options": options, "total_voter_count": 0, "is_closed": False}
    poll |= {"is_anonymous": True, "type": "regular", "allows_multiple_answers": False}
    chat = {"id": user.id, "type": "private"}
    sent = {"message_id": 77, "date": int(time.time()), "from": user.to_dict(), "chat": chat, "poll": poll}
    read_as_core = api._state.enqueue("message", sent)
    (notice,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    assert "Je ne peux lire que du texte et les boutons" in notice.text
    bot.stop()
    logged = "\n".join(path.read_text() for path in bot.workdir.glob("bot-*.log"))
    assert (
        f"update {read_as_core}: its message cannot be read (TypeError); answered as a message without text" in logged
    )
    assert "mon secret" not in logged and "Zéphyrine" not in logged
