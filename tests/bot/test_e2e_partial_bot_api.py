"""A Bot API server that lacks or refuses the start-up calls (command menus, deleteWebhook) still gets a working bot.

Telegram answers every method; a self-hosted Bot API server, a proxy or a test emulator may not. The command menu and
dropping an old webhook are comforts: the bot logs a warning (without the token) and serves people anyway.
"""

from __future__ import annotations

from pathlib import Path

from tests.bot.conftest import TOKEN, BotProcess
from tests.support.fake_bot_api import FakeBotAPI


def test_the_bot_answers_when_the_start_up_calls_fail(api: FakeBotAPI, tmp_path: Path) -> None:
    for _ in range(12):  # one menu per language, then the default one
        api.fail_next("setMyCommands", 404, "Not Found")
    api.fail_next("deleteWebhook", 500, "Internal Server Error")
    process = BotProcess(api, tmp_path)
    process.start()
    try:
        user = api.user(70411, first_name="Nour", language_code="fr")
        mark = api.mark(user.chat_id)
        api.send_text(user, "/start")
        (welcome,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
        assert "Choisissez votre langue" in welcome.text
    finally:
        process.stop()
    logged = process.output()
    assert "command menu not published" in logged
    assert "old webhook not removed: NetworkError" in logged  # a 500: the server's words are not logged
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
