"""A button press over HTTP: the next screen goes out first, then the press is answered (its spinner stopped)."""

from __future__ import annotations

from bot.render import MAX_TEXT, fit
from tests.bot.conftest import BotProcess
from tests.support.fake_bot_api import FakeBotAPI


def test_a_press_shows_the_next_screen_before_its_spinner_is_stopped(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70101, language_code="en")
    mark = api.mark(user.chat_id)
    api.send_text(user, "/start")
    (welcome,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)

    api.press(user, welcome, welcome.button("English"))
    api.wait_until(lambda: len(api.calls_of("answerCallbackQuery")) == 1, timeout=30)

    (consent,) = [m for m in api.messages(user.chat_id) if "Do you agree" in m.text]
    (answered,) = api.calls_of("answerCallbackQuery")
    shown = [
        call
        for call in api.calls_of("editMessageText") + api.calls_of("sendMessage")
        if "Do you agree" in str(call.params.get("text"))
    ]
    assert answered.status == 200  # answered once, in time: the spinner stops
    assert shown and shown[0].status == 200
    assert shown[0].at < answered.at  # the person saw the question before the bot spent a call on the spinner
    assert consent.labels  # the consent buttons are there to press


def test_a_text_is_cut_to_what_telegram_takes_counting_an_emoji_as_two() -> None:
    """Up to 4096 UTF-16 units a text goes out whole; beyond, it ends with "…" and never with half an emoji."""
    assert fit("a" * MAX_TEXT) == "a" * MAX_TEXT
    assert fit("🙏" * (MAX_TEXT // 2)) == "🙏" * (MAX_TEXT // 2)
    cut = fit("a" + "🙏" * (MAX_TEXT // 2))
    assert cut.endswith("🙏…") and len(cut.encode("utf-16-le")) <= 2 * MAX_TEXT
    assert fit("é" * (MAX_TEXT + 1)) == "é" * (MAX_TEXT - 1) + "…"
