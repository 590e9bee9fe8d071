"""Crash drill: 100 people in the middle of flows and registrations while the bot is SIGKILLed and restarted.

Renewal reminders for 50 of them fall due halfway through. At the end every answer is stored once,
nobody is registered twice or lost, everyone resumes at the step they reached, every reminder went out
exactly once unless a kill cut it while in flight (then it is marked uncertain for staff, never resent),
and an update handled just before a kill shows its screen again when Telegram delivers it again.
"""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.bot.conftest import BotProcess
from tests.support.cli import RunCli
from tests.support.drill import publish, until, walk
from tests.support.fake_bot_api import FakeBotAPI

PEOPLE = 100
KILLS = 6


def remind(folder: Path) -> None:
    """Renewal reminders due now for the first 50 people (written as another process would)."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    with closing(sqlite3.connect(folder / "bot.db", timeout=60)) as db, db:
        ids = [row[0] for row in db.execute("SELECT id FROM people ORDER BY id LIMIT 50")]
        db.executemany(
            "INSERT INTO outbox (person_id, kind, payload, due_at, idempotency_key, status, attempts, created_at) "
            "VALUES (?, 'renewal_reminder', ?, ?, ?, 'pending', 0, ?)",
            [(pid, '{"cover": "c2s", "end": "2031-01-31"}', now, f"drill:{pid}", now) for pid in ids],
        )


def _settled(folder: Path) -> bool:
    with closing(sqlite3.connect(folder / "bot.db", timeout=30)) as db:
        left, due = db.execute(
            "SELECT sum(status IN ('pending', 'sending')), count(*) FROM outbox WHERE kind = 'renewal_reminder'"
        ).fetchone()
    return bool(due == 50 and left == 0)


@pytest.fixture
def bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    """The bot under the drill, stopped at the end whatever happened."""
    process = BotProcess(api, tmp_path)
    yield process
    process.stop()


def test_crash_drill_sigkill_during_100_conversations(
    api: FakeBotAPI, bot: BotProcess, tmp_path: Path, run_cli: RunCli
) -> None:
    bot.env["OUTBOX_INTERVAL"] = "0.5"
    bot.start()
    api.wait_until_polling(timeout=60)
    publish(run_cli, bot.env["DATABASE_URL"])
    users = [api.user(97000 + n, language_code="fr") for n in range(PEOPLE)]
    done = threading.Event()

    def killer() -> None:
        rng = random.Random(2026)
        for _ in range(KILLS):
            if done.wait(rng.uniform(3.0, 6.0)):
                return
            bot.kill()
            bot.start()

    chaos = threading.Thread(target=killer)
    chaos.start()
    try:
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(lambda user: walk(api, user), users[:50]))
            remind(tmp_path)  # reminders fall due for the first 50 while the others talk and the bot dies
            list(pool.map(lambda user: walk(api, user), users[50:]))
    finally:
        done.set()
        chaos.join()
    api.wait_until(lambda: _settled(tmp_path), timeout=120)
    assert bot.starts > 1, "the drill must have restarted the bot"
    with sqlite3.connect(tmp_path / "bot.db") as db:
        assert db.execute("SELECT count(*) FROM people").fetchone() == (PEOPLE,)
        regs = db.execute("SELECT person_id, status FROM registrations ORDER BY person_id").fetchall()
        assert len(regs) == PEOPLE and {status for _, status in regs} == {"registered"}  # none lost, none twice
        assert db.execute("SELECT taken FROM meetings").fetchone() == (PEOPLE,)
        states = db.execute("SELECT step_id, answers FROM conversations").fetchall()
        assert len(states) == PEOPLE
        assert set(states) == {("born", '{"residence": "national", "in_france": "more"}')}
        outcome = dict(
            db.execute("SELECT status, count(*) FROM outbox WHERE kind = 'renewal_reminder' GROUP BY status")
        )
        interrupted = db.execute(
            "SELECT count(*) FROM outbox WHERE status = 'uncertain' AND last_error LIKE 'interrupted%'"
        ).fetchone()[0]
    delivered = [sum("Rappel" in m.text for m in api.messages(u.chat_id)) for u in users]
    assert max(delivered) <= 1  # no reminder ever went out twice
    assert sum(outcome.values()) == 50 and set(outcome) <= {"sent", "uncertain"}  # none left pending or stuck
    assert outcome.get("uncertain", 0) == interrupted  # a reminder not confirmed is one a crash cut, shown to staff
    assert interrupted <= KILLS  # a kill cuts at most the message in flight, never a claimed batch
    assert sum(delivered) >= outcome.get("sent", 0)
    for user in random.Random(7).sample(users, 10):  # everyone resumes where they were
        mark = api.mark(user.chat_id)
        api.send_text(user, "/start")
        resumed = until(api, user, mark, "On reprend où vous en étiez")
        assert "On reprend où vous en étiez" in resumed.text and "En quelle année êtes-vous né·e ?" in resumed.text
