"""Every button press gets its answerCallbackQuery, even one the bot ignores on purpose: no spinner is left turning."""

from __future__ import annotations

from pathlib import Path

from tests.bot.conftest import BotProcess
from tests.support.fake_bot_api import FakeBotAPI


def test_a_press_on_someone_elses_message_is_answered_and_ignored(api: FakeBotAPI, tmp_path: Path) -> None:
    """Only a person's own private chat is acted on: the press of another user on that chat's message changes nothing
    and sends nothing, but its spinner is stopped."""
    process = BotProcess(api, tmp_path)
    process.start()
    try:
        owner = api.user(70711, language_code="fr")
        other = api.user(70712, language_code="fr")
        api.send_text(owner, "/start")
        (welcome,) = api.wait_for_messages(owner.chat_id, 1, after=0, timeout=30)
        api.press(other, welcome, welcome.button("English"))
        api.wait_until(lambda: len(api.calls_of("answerCallbackQuery")) == 1 and not api.unanswered_presses())
        assert len(api.messages(owner.chat_id)) == 1 and api.messages(other.chat_id) == []
    finally:
        process.stop()
    assert "Traceback" not in process.output()
