"""One update end to end over HTTP: faire-lien vs a trivial echo bot, each on a fake Bot API server.

Both bots run at the same time, each on its own fake server, and their updates alternate, so that
both meet the same machine load. Prints p50 and p99 of the time from the person's message to the
bot's first answer, for each bot, and the ratio of the medians. Run: `.venv/bin/python bench/latency.py [--n 300]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402

TOKEN = "123456:BENCH"  # noqa: S105 - a fake token for the fake server


@dataclass
class Bot:
    """One bot process polling its own fake Bot API, and the texts a person sends it."""

    name: str
    api: FakeBotAPI
    process: subprocess.Popen[bytes]
    texts: list[str]
    timings: list[float] = field(default_factory=list)

    def say(self, text: str) -> float:
        """Send one text and wait for the bot's first answer; milliseconds."""
        user = self.api.user(1, language_code="fr")
        mark = self.api.mark(user.chat_id)
        started = time.perf_counter()
        self.api.send_text(user, text)
        self.api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
        return (time.perf_counter() - started) * 1000


def launch(stack: ExitStack, name: str, command: list[str], texts: list[str]) -> Bot:
    """Start a bot against a fresh fake server and database, and get past its first screens."""
    folder = stack.enter_context(tempfile.TemporaryDirectory())
    api = stack.enter_context(FakeBotAPI())
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "WEB_PORT": "0",  # the staff console starts beside the bot, on any free port
        "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
        "POLL_TIMEOUT": "1",
        "DATABASE_URL": f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}",
        "LOG_LEVEL": "WARNING",
        "FLOOD_LIMIT": "100000",
    }
    process = subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(process.wait, timeout=30)
    stack.callback(process.terminate)
    api.wait_until_polling(timeout=60)
    bot = Bot(name, api, process, texts[3:])
    for text in texts[:3]:  # warm up (and, for faire-lien, get past the language and consent screens)
        bot.say(text)
    return bot


def report(bot: Bot) -> float:
    """Print p50 and p99; return p50."""
    ordered = sorted(bot.timings)
    p50 = statistics.median(ordered)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    print(f"{bot.name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({len(ordered)} updates)")
    return p50


def main() -> None:
    """Both bots run at once; their updates alternate, so both see the same machine load."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="updates per bot")
    parser.add_argument("--gap", type=float, default=0.05, help="seconds before each update")
    args = parser.parse_args()
    with ExitStack() as stack:
        echo = launch(
            stack, "echo bot", [sys.executable, str(ROOT / "bench" / "echo_bot.py")], ["a", "b", "c", "hello"]
        )
        # After /start the person asks for help and the menu: the bot answers with the menu.
        ours = launch(
            stack,
            "faire-lien",
            [sys.executable, "-m", "cli.main", "run"],
            ["/start", "/start", "/help", "/help", "/menu"],
        )
        for i in range(args.n):
            for bot in (echo, ours) if i % 2 else (ours, echo):
                time.sleep(args.gap)  # one update at a time, below the 30 messages/s the rate limiter keeps to
                bot.timings.append(bot.say(bot.texts[i % len(bot.texts)]))
    echo_p50, ours_p50 = report(echo), report(ours)
    print(f"ratio p50 faire-lien / echo {ours_p50 / echo_p50:.2f}")


if __name__ == "__main__":
    main()
