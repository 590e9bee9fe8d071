"""A third-party Bot API emulator at start-up: extra fields in getMe, start-up calls refused or answered unreadably.

The bot still starts and serves people. Its log says so in one warning per kind of call, without a traceback,
without the server's error page, and never with the token (an emulator's 404 page may quote the URL).
"""

from __future__ import annotations

from pathlib import Path

from tests.bot.conftest import TOKEN, BotProcess
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.model import ApiError, RawAnswer

HTML_404 = RawAnswer(404, b"<html><body>Cannot POST /bot" + TOKEN.encode() + b"/setMyCommands</body></html>")
NOT_JSON = RawAnswer(200, b"OK", "text/plain")


def test_start_up_calls_refused_or_unreadable_leave_a_working_bot_and_a_clear_log(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.quirk_next("getMe", change=lambda me: {**me, "has_topics_enabled": True, "emulator_build": "0.3"})
    api.quirk_next("setMyCommands", answer=HTML_404, times=6)
    api.quirk_next("setMyCommands", answer=ApiError(400, "Bad Request: method not supported"), times=3)
    api.quirk_next("setMyCommands", answer=NOT_JSON, times=2)
    api.quirk_next("deleteWebhook", answer=NOT_JSON)
    process = BotProcess(api, tmp_path)
    process.start()
    try:
        user = api.user(70511, first_name="Nour", language_code="fr")
        api.send_text(user, "/start")
        (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
        assert "Choisissez votre langue" in welcome.text
    finally:
        process.stop()
    logged = process.output()
    menus = [line for line in logged.splitlines() if "command menu not published" in line]
    assert len(menus) == 1, menus
    assert "(11 of 11 menus): TelegramError (the Bot API server's answer is not JSON)" in menus[0]
    assert "old webhook not removed: TelegramError (the Bot API server's answer is not JSON)" in logged
    assert "a Bot API answer is not JSON (2 characters); the call failed" in logged
    assert "Traceback" not in logged and "Cannot POST" not in logged
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
