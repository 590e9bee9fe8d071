"""A person answering a questionnaire, end to end over HTTP: faire-lien against two python-telegram-bot baselines.

Three bots run at the same time, each polling its own fake Bot API server on loopback:
- faire-lien (`faire-lien run`, a SQLite file holding `--people` other people in the middle of the rights check);
- a trivial echo bot (bench/echo_bot.py): a button press is answered and a message sent back, nothing stored;
- a `ConversationHandler` + `PicklePersistence` bot asking the same first questions with the same buttons
  (bench/conversation_bot.py), `--people` other people in its pickle file, which python-telegram-bot rewrites
  every `--persist` seconds: several times during the run.
In faire-lien the person has chosen their language, agreed, and opened the rights check; then, as in the
conversation bot, they press the first question's answer, the second's, Back, Back, and again. The echo bot
gets the same presses on its one button. Each press is timed from the moment it is made to the bot's next
message (the next question). The bots take turns press by press, `--gap` seconds apart, so all of them meet
the same machine load. Prints p50 and p99 per bot, its CPU time per press (all its threads, from /proc, in
the background jobs' share too: less sensitive to the machine's load), the ratios of the medians, and the targets
(faire-lien p50 ≤ 2 × echo and ≤ 1.3 × the conversation bot, p99 ≤ 20 ms).
Run: `.venv/bin/python bench/latency.py [--n 300] [--people 1000] [--persist 5] [--compare DIR] [--slowest K]`;
`--compare` adds a fourth bot, faire-lien run from the source folder DIR (an export of an older commit, with its
compiled catalogs), to time a change before and after in the same run; `--slowest K` lists each bot's K slowest
presses with the second of the run they came at, to tell a bot's own stalls from the machine's.
"""

from __future__ import annotations

import argparse
import os
import shutil
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

from bench.conversation_bot import fill as fill_pickle  # noqa: E402
from bench.scale import fill as fill_database  # noqa: E402
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage  # noqa: E402

TOKEN = "123456:BENCH"  # noqa: S105 - a fake token for the fake server
PRESSES = ["Nationalité", "Plus de 3 mois", "Retour", "Retour"]
"""Answer, answer, Back, Back: the person ends where they started."""
TARGETS = {"echo bot": 2.0, "ConversationHandler + PicklePersistence": 1.3}
P99_TARGET_MS = 20.0


@dataclass
class Bot:
    """One bot process polling its own fake Bot API, the person talking to it, and what each press took."""

    name: str
    api: FakeBotAPI
    user: FakeUser
    labels: list[str]
    pid: int
    screen: SentMessage | None = None
    timings: list[float] = field(default_factory=list)
    moments: list[float] = field(default_factory=list)
    """Seconds since the measured presses began, at each press (to see whether slow presses coincide across bots)."""
    cpu: float = 0.0
    """CPU seconds the bot process used over the measured presses."""

    def cpu_seconds(self) -> float:
        """CPU time the bot process used so far (user and system), from /proc."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def say(self, text: str) -> SentMessage:
        """Send a text; the bot's first answer."""
        mark = self.api.mark(self.user.chat_id)
        self.api.send_text(self.user, text)
        return self._next(mark)

    def press(self, label: str) -> float:
        """Press the button with this label on the last message; milliseconds until the bot's next message."""
        assert self.screen is not None
        data = self.screen.button(label)
        mark = self.api.mark(self.user.chat_id)
        started = time.perf_counter()
        self.api.press(self.user, self.screen, data)
        self.api.wait_for_messages(self.user.chat_id, 1, after=mark, timeout=30)
        elapsed = (time.perf_counter() - started) * 1000
        self.screen = None
        return elapsed

    def settle(self) -> None:
        """Take the bot's last message as the screen the next press is made on."""
        self.screen = self.api.messages(self.user.chat_id)[-1]

    def _next(self, mark: int) -> SentMessage:
        (message,) = self.api.wait_for_messages(self.user.chat_id, 1, after=mark, timeout=60)
        time.sleep(0.2)  # any further message of the same answer
        self.settle()
        return message


def launch(stack: ExitStack, name: str, command: list[str], env: dict[str, str], labels: list[str]) -> Bot:
    """Start a bot against a fresh fake server."""
    api = stack.enter_context(FakeBotAPI())
    full = {
        **os.environ,
        **env,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
        "POLL_TIMEOUT": "1",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        command, env=full, cwd=env["WORKDIR"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    stack.callback(process.wait, timeout=30)
    stack.callback(process.terminate)
    api.wait_until_polling(timeout=60)
    return Bot(name, api, api.user(1, language_code="fr"), labels, process.pid)


def launch_faire_lien(stack: ExitStack, name: str, folder: Path, database: str, source: Path | None) -> Bot:
    """`faire-lien run` on this database file, from this checkout or from another source folder."""
    env = {
        "WORKDIR": str(folder),
        "DATABASE_URL": f"sqlite+aiosqlite:///{folder / database}",
        "WEB_PORT": "0",  # the staff console starts beside the bot, on any free port
        "FLOOD_LIMIT": "100000",
    }
    if source is not None:
        env["PYTHONPATH"] = str(source.resolve())
    return launch(stack, name, [sys.executable, "-m", "cli.main", "run"], env, PRESSES)


def report(bot: Bot) -> tuple[float, float]:
    """Print p50 and p99; return both."""
    ordered = sorted(bot.timings)
    p50 = statistics.median(ordered)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    cpu = bot.cpu * 1000 / len(ordered)
    print(f"{bot.name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms, CPU {cpu:.1f} ms per press ({len(ordered)} presses)")
    return p50, p99


def slowest(bot: Bot, k: int) -> str:
    """The bot's k slowest presses in the order they came: "second of the run: milliseconds"."""
    worst = sorted(zip(bot.moments, bot.timings, strict=True), key=lambda pair: -pair[1])[:k]
    return f"{bot.name}, slowest presses: " + ", ".join(f"{at:.1f} s: {ms:.1f} ms" for at, ms in sorted(worst))


def main() -> None:
    """The three bots at once, their presses taking turns."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="presses per bot")
    parser.add_argument("--gap", type=float, default=0.05, help="seconds before each press")
    parser.add_argument("--people", type=int, default=1000, help="other people stored by faire-lien and the pickle bot")
    parser.add_argument("--persist", type=float, default=5.0, help="seconds between two rewrites of the pickle file")
    parser.add_argument("--slowest", type=int, default=0, help="list each bot's K slowest presses and when they came")
    parser.add_argument("--compare", type=Path, default=None, help="also run faire-lien from this source folder")
    args = parser.parse_args()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        fill_database(folder / "bench.db", args.people)
        pickle_file = folder / "conversation.pickle"
        fill_pickle(pickle_file, args.people)
        workdir = {"WORKDIR": str(folder)}
        echo = launch(stack, "echo bot", [sys.executable, str(ROOT / "bench" / "echo_bot.py")], workdir, ["press"])
        conversation = launch(
            stack,
            "ConversationHandler + PicklePersistence",
            [sys.executable, str(ROOT / "bench" / "conversation_bot.py")],
            {**workdir, "PICKLE_FILE": str(pickle_file), "PERSIST_SECONDS": str(args.persist)},
            PRESSES,
        )
        ours = [launch_faire_lien(stack, "faire-lien", folder, "bench.db", None)]
        if args.compare is not None:
            shutil.copy(folder / "bench.db", folder / "compared.db")
            compared = launch_faire_lien(stack, f"faire-lien from {args.compare}", folder, "compared.db", args.compare)
            ours.append(compared)
        echo.say("press")
        conversation.say("/start")
        for bot in ours:
            bot.say("/start")
            for label in ["Français", "J'accepte", "Bilan"]:  # language, consent, the rights check's first question
                bot.press(label)
                time.sleep(0.2)
                bot.settle()
        bots = [*ours, echo, conversation]
        rewrites, written = 0, pickle_file.stat().st_mtime_ns
        began = time.perf_counter()
        for i in range(len(PRESSES) + args.n):  # the first round is a warm-up
            if i == len(PRESSES):
                began = time.perf_counter()
                for bot in bots:
                    bot.cpu = -bot.cpu_seconds()
            for bot in bots[i % len(bots) :] + bots[: i % len(bots)]:
                time.sleep(args.gap)  # one press at a time, below the 30 messages/s the rate limiter keeps to
                bot.settle()
                elapsed = bot.press(bot.labels[i % len(bot.labels)])
                if i >= len(PRESSES):
                    bot.timings.append(elapsed)
                    bot.moments.append(time.perf_counter() - began)
            if pickle_file.stat().st_mtime_ns != written:
                rewrites, written = rewrites + 1, pickle_file.stat().st_mtime_ns
        for bot in bots:
            bot.cpu += bot.cpu_seconds()
    print(f"machine: {os.cpu_count()} cores; {args.people} other people stored; pickle file rewritten {rewrites} times")
    results = {bot.name: report(bot) for bot in bots}
    ours_p50, ours_p99 = results["faire-lien"]
    for name, limit in TARGETS.items():
        ratio = ours_p50 / results[name][0]
        print(f"ratio p50 faire-lien / {name}: {ratio:.2f} (target ≤ {limit}: {'met' if ratio <= limit else 'missed'})")
    for bot in bots if args.slowest else []:
        print(slowest(bot, args.slowest))
    verdict = "met" if ours_p99 <= P99_TARGET_MS else "missed"
    print(f"faire-lien p99 {ours_p99:.1f} ms (target ≤ {P99_TARGET_MS:.0f} ms: {verdict})")
    for bot in ours[1:]:
        print(f"ratio p50 faire-lien / {bot.name}: {ours_p50 / results[bot.name][0]:.2f}")


if __name__ == "__main__":
    main()
