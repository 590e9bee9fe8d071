"""Webhook mode goes on after an update python-telegram-bot cannot read: answered 200, skipped, the next answered."""

from __future__ import annotations

from pathlib import Path

from tests.support.fake_bot_api import FakeBotAPI
from tests.support.workers import SECRET, Workers


def test_unreadable_update_is_acknowledged_and_the_persons_next_message_answered(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    user = api.user(70032, first_name="Zéphyrine")
    workers = Workers(api, f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", tmp_path, count=1)
    try:
        pusher = api.push_to(workers.urls, SECRET)
        broken = {"message_id": 1, "from": user.to_dict(), "chat": {"id": user.id, "type": "private"}, "date": "x"}
        skipped = api._state.enqueue("message", {**broken, "text": "mon secret 06 12 34 56 78"})
        mark = api.mark(user.chat_id)
        api.send_text(user, "/start")  # Telegram holds it back until the update before it got a 200
        (welcome,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
        assert "langue" in welcome.text
        assert pusher.attempts[skipped] == 1  # acknowledged at once, not delivered again and again
    finally:
        workers.stop()
    logged = workers.logs()
    assert f"update {skipped} cannot be read (TypeError); skipped" in logged
    for personal in ("Zéphyrine", "mon secret", "06 12 34 56 78"):
        assert personal not in logged


def test_a_message_whose_chat_has_no_type_is_answered_in_the_senders_chat(api: FakeBotAPI, tmp_path: Path) -> None:
    user = api.user(70033, first_name="Nour")
    workers = Workers(api, f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", tmp_path, count=1)
    try:
        api.push_to(workers.urls, SECRET)
        untyped = {"message_id": 1, "from": user.to_dict(), "chat": {"id": user.id}, "date": 0, "text": "/start"}
        untyped["entities"] = [{"type": "bot_command", "offset": 0, "length": 6}]
        mark = api.mark(user.chat_id)
        api._state.enqueue("message", untyped)  # an emulator leaving out the chat's type
        (welcome,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
        assert "langue" in welcome.text
    finally:
        workers.stop()
