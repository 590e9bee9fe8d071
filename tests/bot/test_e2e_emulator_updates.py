"""A third-party Bot API emulator's getUpdates: unreadable or slow answers, odd updates, repeated or out-of-order ids.

Polling goes on (no crash), each person gets one answer to each message, and none is lost.
"""

from __future__ import annotations

from tests.bot.conftest import TOKEN, BotProcess
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.model import RawAnswer

HTML_PAGE = b"<html><body>Cannot POST /bot" + TOKEN.encode() + b"/getUpdates</body></html>"
"""An error page as a small web framework writes it, quoting the path: the token with it."""


def _answered(api: FakeBotAPI, user_id: int) -> None:
    """A newcomer's /start gets the language question."""
    user = api.user(user_id, first_name="Nour", language_code="fr")
    mark = api.mark(user.chat_id)
    api.send_text(user, "/start")
    (welcome,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    assert "Choisissez votre langue" in welcome.text


def test_unreadable_get_updates_answers_do_not_stop_polling(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    api.quirk_next("getUpdates", answer=RawAnswer(200, b"", "application/json"))
    api.quirk_next("getUpdates", answer=RawAnswer(200, HTML_PAGE))
    api.quirk_next("getUpdates", answer=RawAnswer(404, HTML_PAGE))
    api.quirk_next("getUpdates", answer=RawAnswer(502, HTML_PAGE))
    _answered(api, 70601)
    api.wait_until(lambda: len(api.calls_of("getUpdates")) >= 6, timeout=30)  # every odd answer came, and one more
    _answered(api, 70602)
    bot.stop()
    logged = bot.output()
    assert "getUpdates failed: TelegramError (the Bot API server's answer is not JSON); retrying in 1 s" in logged
    assert "getUpdates failed: InvalidToken (the Bot API server refused the call); retrying in 3 s" in logged
    assert "getUpdates failed: NetworkError; retrying in 4 s" in logged
    assert TOKEN.split(":")[1] not in logged
