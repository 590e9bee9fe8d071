"""A double tap through the real bot and a Bot API on loopback: the two presses of one button on one message are both
answered (no spinner left), and what the first press shows is shown once."""

from __future__ import annotations

import time
from pathlib import Path

from tests.bot.conftest import BotProcess
from tests.support.fake_bot_api import FakeBotAPI


def test_a_double_tap_on_a_language_then_on_an_answer_shows_each_screen_once(api: FakeBotAPI, tmp_path: Path) -> None:
    process = BotProcess(api, tmp_path)
    process.start()
    try:
        user = api.user(70611, first_name="Nour", language_code="fr")
        api.send_text(user, "/start")
        (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
        english = welcome.button("English")
        mark = api.mark(user.chat_id)
        api.press(user, welcome, english)
        api.press(user, welcome, english)
        (consent,) = api.wait_for_messages(user.chat_id, 1, after=mark)
        api.wait_until(lambda: not api.unanswered_presses() and len(api.calls_of("answerCallbackQuery")) == 2)
        time.sleep(0.5)  # a second consent question would have come by now
        assert len(api.messages(user.chat_id)) == 2, [m.text[:40] for m in api.messages(user.chat_id)]
        mark = api.mark(user.chat_id)
        api.press(user, consent, consent.button("I agree"))
        api.press(user, consent, consent.button("I agree"))
        api.wait_for_messages(user.chat_id, 1, after=mark)
        api.wait_until(lambda: not api.unanswered_presses() and len(api.calls_of("answerCallbackQuery")) == 4)
        time.sleep(0.5)
        shown = [m.text for m in api.messages(user.chat_id)]
        assert sum("What would you like to do?" in text for text in shown) == 1, shown
    finally:
        process.stop()
    assert "Traceback" not in process.output()
