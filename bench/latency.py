"""One update end to end over HTTP: faire-lien vs a trivial echo bot, on the same fake Bot API.

Prints p50 and p99 of the time from the person's message to the bot's answer, for each bot, and the
ratio of the medians. Run: `.venv/bin/python bench/latency.py [--n 300]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402

TOKEN = "123456:BENCH"  # noqa: S105 - a fake token for the fake server


def measure(
    api: FakeBotAPI, command: list[str], env: dict[str, str], texts: list[str], n: int, gap: float
) -> list[float]:
    process = subprocess.Popen(
        command, env=env, cwd=env["WORKDIR"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        api.wait_until_polling(timeout=60)
        user = api.user(1, language_code="fr")
        for text in texts[:3]:  # warm up (and, for faire-lien, get past the language and consent screens)
            mark = api.mark(user.chat_id)
            api.send_text(user, text)
            api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
        timings = []
        for i in range(n):
            time.sleep(gap)  # one update at a time, below Telegram's 30 messages/s the bot's rate limiter keeps to
            mark = api.mark(user.chat_id)
            started = time.perf_counter()
            api.send_text(user, texts[3 + i % (len(texts) - 3)])
            api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
            timings.append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        process.terminate()
        process.wait(timeout=30)


def report(name: str, timings: list[float]) -> float:
    ordered = sorted(timings)
    p50 = statistics.median(ordered)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    print(f"{name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({len(ordered)} updates)")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--gap", type=float, default=0.1, help="seconds between updates")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, FakeBotAPI() as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
            "POLL_TIMEOUT": "1",
            "WORKDIR": folder,
            "DATABASE_URL": f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}",
            "LOG_LEVEL": "WARNING",
            "FLOOD_LIMIT": "100000",
        }
        echo = measure(
            api, [sys.executable, str(ROOT / "bench" / "echo_bot.py")], env, ["a", "b", "c", "hello"], args.n, args.gap
        )
    with tempfile.TemporaryDirectory() as folder, FakeBotAPI() as api:
        env = {
            **env,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
            "WORKDIR": folder,
            "DATABASE_URL": f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}",
        }
        # After /start the person answers with text the menu does not expect: the bot explains and shows the menu.
        ours = measure(
            api,
            [sys.executable, "-m", "faire_lien.cli", "run"],
            env,
            ["/start", "/start", "/help", "/help", "/menu"],
            args.n,
            args.gap,
        )
    echo_p50 = report("echo bot", echo)
    ours_p50 = report("faire-lien", ours)
    print(f"ratio p50 faire-lien / echo {ours_p50 / echo_p50:.2f}")


if __name__ == "__main__":
    main()
