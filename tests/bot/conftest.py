"""Run the real bot as a separate process against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.budget import SharedBudget
from storage.db import Database
from tests.support.budget import on_fake_clock
from tests.support.cli import command
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.lossy_proxy import LossyProxy

TOKEN = "123456:TEST-TOKEN-never-logged"


class BotProcess:
    """`faire-lien run` in polling mode; can be killed with SIGKILL and started again."""

    def __init__(self, api: FakeBotAPI, workdir: Path) -> None:
        self.workdir = workdir
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
            "POLL_TIMEOUT": "1",
            "OUTBOX_INTERVAL": "0.5",
            "QUIET_FROM": "00:00",  # the process runs on the real clock: no quiet hours, whatever the hour
            "QUIET_UNTIL": "00:00",
            "LOG_LEVEL": "INFO",
            "WEB_PORT": "0",  # the staff console beside the bot, on any free port
            "TELEGRAM_BOT_USERNAME": "FaireLienTestBot",  # the console's t.me links and QR codes
        }
        self.process: subprocess.Popen[str] | None = None
        self.logs: list[str] = []
        self.starts = 0

    def start(self) -> None:
        """Start a fresh bot process (it migrates the database itself)."""
        self.starts += 1
        log = (self.workdir / f"bot-{self.starts}.log").open("w")
        self.process = subprocess.Popen(
            command("run"),
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, exactly like a crash."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        """Stop gracefully if running."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def output(self) -> str:
        """Everything the bot processes logged."""
        return "".join(p.read_text() for p in sorted(self.workdir.glob("bot-*.log")))


@pytest.fixture
def bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    """The bot process, stopped at the end of the test."""
    process = BotProcess(api, tmp_path)
    process.start()
    yield process
    process.stop()


@pytest.fixture
async def proxy(api: FakeBotAPI) -> AsyncIterator[LossyProxy]:
    """A proxy between a bot and the fake Bot API that can lose, cut or refuse Telegram's answers."""
    lossy = await LossyProxy(api.port).start()
    yield lossy
    await lossy.stop()


@pytest.fixture
async def budget(db: Database) -> AsyncIterator[SharedBudget]:
    """The send budget on a fake clock: a pause after a 429 costs these tests no real time."""
    shared = on_fake_clock(db.url, 30)
    yield shared
    await shared.close()


@pytest.fixture
async def real_budget(db: Database) -> AsyncIterator[SharedBudget]:
    """The outbox's send budget on the real clock, as the bot's own: both book the same shared slots."""
    shared = SharedBudget.open(db.url, 28.5)
    yield shared
    await shared.close()


@pytest.fixture
async def telegram(api: FakeBotAPI) -> AsyncIterator[Bot]:
    """The outbox sender's own Bot on the fake Bot API."""
    sender = Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
    await sender.initialize()
    yield sender
    await sender.shutdown()
