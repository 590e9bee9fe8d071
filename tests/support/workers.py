"""Several `faire-lien webhook` worker processes on one database, each on its own loopback port.

Each can be killed with SIGKILL (a crash: no shutdown hook runs) and started again on the same port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.bot.conftest import TOKEN
from tests.support.cli import command
from tests.support.fake_bot_api import FakeBotAPI

SECRET = "workers-secret"
WEBHOOK_PATH = "telegram"


def free_port() -> int:
    """An unused TCP port of 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def listening(port: int) -> bool:
    """Whether something accepts connections on this loopback port."""
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Workers:
    """N webhook workers sharing `database_url`; `urls` are where Telegram (or the test) posts updates."""

    def __init__(self, api: FakeBotAPI, database_url: str, folder: Path, count: int = 3, **env: str) -> None:
        self.folder = folder
        self.ports = [free_port() for _ in range(count)]
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
            "DATABASE_URL": database_url,
            "WEBHOOK_URL": "https://bot.example.org/telegram",
            "WEBHOOK_SECRET": SECRET,
            "OUTBOX_INTERVAL": "0.3",
            "QUIET_FROM": "00:00",  # the process runs on the real clock: no quiet hours, whatever the hour
            "QUIET_UNTIL": "00:00",
            "FLOOD_LIMIT": "1000",
            **env,
        }
        self.processes: list[subprocess.Popen[bytes] | None] = [None] * count
        self.starts = 0
        for n in range(count):
            self.start(n)
        self.wait_listening()

    @property
    def urls(self) -> list[str]:
        """The webhook URL of each worker."""
        return [f"http://127.0.0.1:{port}/{WEBHOOK_PATH}" for port in self.ports]

    def start(self, n: int) -> None:
        """Start worker n (it migrates the database itself, under an advisory lock)."""
        self.starts += 1
        log = (self.folder / f"worker-{n}-{self.starts}.log").open("w")
        self.processes[n] = subprocess.Popen(
            command("webhook"),
            env={**self.env, "WEBHOOK_PORT": str(self.ports[n])},
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def kill(self, n: int) -> None:
        """SIGKILL worker n, exactly like a crash."""
        process = self.processes[n]
        assert process is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        self.processes[n] = None

    def wait_listening(self, timeout: float = 90) -> None:
        """Wait until every running worker accepts connections."""
        deadline = time.monotonic() + timeout
        while not all(listening(p) for n, p in enumerate(self.ports) if self.processes[n] is not None):
            assert time.monotonic() < deadline, "workers did not start"
            time.sleep(0.2)

    def logs(self) -> str:
        """Everything the workers printed so far."""
        return "\n".join(path.read_text() for path in sorted(self.folder.glob("worker-*.log")))

    def stop(self) -> None:
        """SIGTERM every running worker and wait for it."""
        running = [p for p in self.processes if p is not None]
        for process in running:
            process.terminate()
        for process in running:
            process.wait(timeout=30)
