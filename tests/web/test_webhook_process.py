"""Webhook mode over HTTP: only requests with Telegram's secret token are handled; no secret, no start."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.bot.conftest import TOKEN
from tests.support.cli import command
from tests.support.fake_bot_api import FakeBotAPI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def post(url: str, update: dict[str, object], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, data=json.dumps(update).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def start_update(update_id: int, user_id: int) -> dict[str, object]:
    person = {"id": user_id, "is_bot": False, "first_name": "Web", "language_code": "fr"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": person,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def webhook_env(api: FakeBotAPI, tmp_path: Path, port: int) -> dict[str, str]:
    """The environment of one webhook worker on `port`, against the fake Bot API, its SQLite file in `tmp_path`."""
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'w.db'}",
        "WEBHOOK_URL": "https://bot.example.org/telegram",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": "s3cret",
    }


def test_webhook_needs_the_secret_token(tmp_path: Path) -> None:
    port = free_port()
    with FakeBotAPI() as api:
        user = api.user(90001, language_code="fr")
        env = webhook_env(api, tmp_path, port)
        refused = subprocess.run(
            command("webhook"),
            capture_output=True,
            text=True,
            env={**env, "WEBHOOK_SECRET": ""},
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
        assert refused.returncode == 2
        assert "webhook mode needs WEBHOOK_SECRET" in refused.stderr
        log = (tmp_path / "webhook.log").open("w")
        process = subprocess.Popen(
            command("webhook"),
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            api.wait_until(lambda: bool(api.calls_of("setWebhook")), timeout=60)
            (call,) = api.calls_of("setWebhook")
            assert call.params["secret_token"] == "s3cret"
            deadline = time.monotonic() + 60
            while not listening(port) and time.monotonic() < deadline:  # the server is not a fake-API event
                time.sleep(0.1)
            url = f"http://127.0.0.1:{port}/telegram"
            assert post(url, start_update(1, user.id), None) == 403
            assert post(url, start_update(2, user.id), "wrong") == 403
            assert api.messages(user.chat_id) == []
            assert post(url, start_update(3, user.id), "s3cret") == 200
            (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
            assert "Choisissez votre langue" in welcome.text
        finally:
            process.terminate()
            process.wait(timeout=30)
        assert (
            TOKEN not in (tmp_path / "webhook.log").read_text()
            and "s3cret" not in (tmp_path / "webhook.log").read_text()
        )


def test_a_webhook_port_already_taken_is_said_in_one_line(api: FakeBotAPI, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        worker = subprocess.run(
            command("webhook"),
            env={**os.environ, **webhook_env(api, tmp_path, port)},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert worker.returncode == 1
    assert worker.stderr.endswith(f"The webhook server could not listen on 127.0.0.1:{port} (WEBHOOK_PORT).\n")
    assert "Traceback" not in worker.stderr
