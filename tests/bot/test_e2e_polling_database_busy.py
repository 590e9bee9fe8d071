"""Polling while the database is held by someone else (a long import, a restart): the update waits, then is handled.

Decision 10: an update is confirmed to Telegram only once its effects are committed. A press arriving while
another connection holds SQLite's write lock longer than the bot waits for it must not be confirmed with an
apology and lost: it is fetched again and handled once the database is free, as the webhook's 503 makes
Telegram send it again.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import say
from tests.support.fake_bot_api import FakeBotAPI

SORRY = "Désolé, un problème technique est survenu."
LOCKED_FOR = 13.0
"""Seconds the write lock is held: longer than a unit of work waits for it (10 s)."""


def test_a_press_while_the_database_is_locked_is_handled_once_it_is_free(
    api: FakeBotAPI, bot: BotProcess, tmp_path: Path
) -> None:
    user = api.user(94001, "Lina", "fr")
    (welcome,) = say(api, user, "/start")
    holder = sqlite3.connect(tmp_path / "bot.db", isolation_level=None, timeout=30)
    holder.execute("BEGIN IMMEDIATE")  # someone else's long unit of work
    mark = api.mark(user.chat_id)
    try:
        api.press(user, welcome, welcome.button("Français"))
        time.sleep(LOCKED_FOR)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    (consent,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=60)
    assert "Acceptez-vous que vos réponses soient enregistrées ?" in consent.text
    api.wait_until(lambda: api.pending_updates() == 0, timeout=30)  # confirmed once handled
    shown = [m.text for m in api.messages(user.chat_id) if m.message_id > mark]
    assert not any(SORRY in text for text in shown), shown
