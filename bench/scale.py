"""Scale: one update with 1 000 vs 100 000 people stored; start-up time and peak memory, faire-lien against a plain
python-telegram-bot bot with PicklePersistence.

faire-lien loads nobody at start-up (each update reads its person): its start-up is timed on both databases to
show that the number of people stored does not change it, and what it measures is the fixed cost of starting
(migration check, flows, grids, translation catalogs). PicklePersistence reads every user's data into memory
at start-up, so its start-up and memory grow with the people in its file.

Run: `.venv/bin/python bench/scale.py [--small 1000 --large 100000]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.i18n import available_languages  # noqa: E402
from dialogs.loader import BUILTIN_DIRS, load_flows  # noqa: E402
from dialogs.results import BUILDERS  # noqa: E402
from faire_lien.assistant import Assistant  # noqa: E402
from faire_lien.core.inbound import Inbound  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.people import Identity  # noqa: E402
from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402

TOKEN = "123456:BENCH"  # noqa: S105 - a fake token for the fake server
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def fill(path: Path, people: int) -> None:
    """A migrated database with `people` consented people, each in the middle of the rights check."""
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    stamp = NOW.strftime("%Y-%m-%d %H:%M:%S.000000")
    answers = json.dumps({"residence": "national", "in_france": "more"})
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO people (id, telegram_id, language, consent, consent_at, consent_version, turn, created_at, "
            "draft_notified) VALUES (?, ?, 'fr', 'accepted', ?, 'v', 3, ?, '[]')",
            ((n, 10_000_000 + n, stamp, stamp) for n in range(1, people + 1)),
        )
        db.executemany(
            "INSERT INTO conversations (person_id, flow_id, flow_version, step_id, answers, history, draft, "
            "started_at, updated_at) VALUES (?, 'rights_check', 2, 'age', ?, '[\"residence\", \"in_france\"]', "
            "'[]', ?, ?)",
            ((n, answers, stamp, stamp) for n in range(1, people + 1)),
        )


async def update_costs(stores: list[tuple[Path, int]], updates: int = 400) -> list[float]:
    """Median milliseconds of one update (a typed answer, then /menu) for each database.

    The databases take turns, update by update, so that all of them meet the same machine load.
    """
    flows = load_flows(list(BUILTIN_DIRS), BUILDERS)
    assistant = Assistant(flows, available_languages(), clock=lambda: NOW)
    dbs = [Database(f"sqlite+aiosqlite:///{path}") for path, _ in stores]
    timings: list[list[float]] = [[] for _ in stores]
    try:
        for i in range(updates):
            order = range(len(stores)) if i % 2 else reversed(range(len(stores)))
            for k in order:
                people = stores[k][1]
                who = Identity(telegram_id=10_000_000 + 1 + (i * 7919) % people)
                inbound = Inbound("text", "34") if i % 2 == 0 else Inbound("command", "menu")
                started = time.perf_counter()
                async with dbs[k].unit_of_work() as session:
                    await assistant.handle(session, who, replace(inbound, update_id=10**9 + i))
                timings[k].append((time.perf_counter() - started) * 1000)
    finally:
        for db in dbs:
            await db.dispose()
    return [statistics.median(t) for t in timings]


def start_up(command: list[str], env: dict[str, str], api: FakeBotAPI) -> tuple[float, int]:
    """Seconds until the bot polls, and its peak resident memory (MB) by then."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=env["WORKDIR"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        api.wait_until_polling(timeout=120)
        elapsed = time.perf_counter() - started
        status = Path(f"/proc/{process.pid}/status").read_text()
        peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) // 1024
        return elapsed, peak
    finally:
        process.terminate()
        process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small, large = Path(folder) / "small.db", Path(folder) / "large.db"
        fill(small, args.small)
        fill(large, args.large)
        cost_small, cost_large = asyncio.run(update_costs([(small, args.small), (large, args.large)]))
        print(f"one update: {cost_small:.2f} ms with {args.small} people, {cost_large:.2f} ms with {args.large}")
        print(f"ratio update cost {args.large} / {args.small}: {cost_large / cost_small:.2f}")
        base = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "POLL_TIMEOUT": "1",
            "WORKDIR": folder,
            "LOG_LEVEL": "WARNING",
        }
        for people, path in ((args.small, small), (args.large, large)):
            with FakeBotAPI() as api:
                env = {
                    **base,
                    "TELEGRAM_API_BASE_URL": api.base_url,
                    "WEB_PORT": "0",
                    "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
                    "DATABASE_URL": f"sqlite+aiosqlite:///{path}",
                }
                seconds, peak = start_up([sys.executable, "-m", "cli.main", "run"], env, api)
            print(f"faire-lien start-up, database of {people} people (none loaded): {seconds:.2f} s, peak {peak} MB")
        for people in (args.small, args.large):
            pickle_file = Path(folder) / f"pickle-{people}.bin"
            env = {**base, "PICKLE_FILE": str(pickle_file)}
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "pickle_bot.py"), "fill", str(people)], env=env, check=True
            )
            with FakeBotAPI() as api:
                env = {**env, "TELEGRAM_API_BASE_URL": api.base_url}
                seconds, peak = start_up([sys.executable, str(ROOT / "bench" / "pickle_bot.py")], env, api)
            print(f"PicklePersistence bot start-up, {people} people loaded: {seconds:.2f} s, peak memory {peak} MB")


if __name__ == "__main__":
    main()
