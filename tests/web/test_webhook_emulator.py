"""Webhook mode on a third-party Bot API emulator that refuses setWebhook, or answers it with something not JSON.

The bot still starts and answers the updates posted to it (the emulator pushes them anyway, or the operator
registered the webhook by hand), with one warning that never holds the token.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.bot.conftest import TOKEN
from tests.support.cli import command
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.model import ApiError, RawAnswer
from tests.web.test_webhook_process import free_port, listening, post, start_update, webhook_env

REFUSALS = {
    "not_found": RawAnswer(404, b"<html><body>Cannot POST /bot" + TOKEN.encode() + b"/setWebhook</body></html>"),
    "unsupported": ApiError(400, "Bad Request: method not supported"),
    "not_json": RawAnswer(200, b"OK", "text/plain"),
}


@pytest.mark.parametrize("refusal", sorted(REFUSALS))
def test_the_webhook_serves_people_when_set_webhook_is_refused(tmp_path: Path, refusal: str) -> None:
    port = free_port()
    with FakeBotAPI() as api:
        api.quirk_next("setWebhook", answer=REFUSALS[refusal])
        user = api.user(90101, language_code="fr")
        env = webhook_env(api, tmp_path, port)
        log = (tmp_path / "webhook.log").open("w")
        process = subprocess.Popen(command("webhook"), env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while not listening(port) and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.1)
            assert process.poll() is None, (tmp_path / "webhook.log").read_text()[-3000:]
            assert post(f"http://127.0.0.1:{port}/telegram", start_update(1, user.id), "s3cret") == 200
            (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
            assert "Choisissez votre langue" in welcome.text
        finally:
            process.terminate()
            process.wait(timeout=30)
        logged = (tmp_path / "webhook.log").read_text()
        assert "webhook not registered" in logged
        assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
