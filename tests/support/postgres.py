"""A throwaway PostgreSQL server on 127.0.0.1 for tests: initdb in a temporary folder, pg_ctl start/stop.

`make test` runs scripts/ensure-postgres.sh first, which installs the server binaries when missing.
PostgreSQL refuses to run as root, so under root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self


def _bindir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found is None:
        raise RuntimeError("PostgreSQL server binaries not found: run scripts/ensure-postgres.sh (make test does)")
    return Path(found).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class PostgresServer:
    """Start with `with PostgresServer() as pg:`; `pg.url` is an asyncpg SQLAlchemy URL."""

    def __init__(self, *, fsync: bool = False) -> None:
        self.fsync = fsync  # tests run without syncing to disk; benchmarks sync, as in production
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="faire-lien-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        """Where to connect: the `faire` superuser, trusted on loopback only."""
        return f"postgresql+asyncpg://faire@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> Self:
        """initdb, then start listening on 127.0.0.1 only, with a socket in the temporary folder."""
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "faire", "--auth=trust", "-E", "UTF8")
        self._pg_ctl_start()
        return self

    def _pg_ctl_start(self) -> None:
        fsync = "on" if self.fsync else "off"
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync={fsync} -c max_connections=120"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.root / "log"),
            "start",
        )

    def halt(self) -> None:
        """Stop the server at once, keeping its files (as a crash or an operator would)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        """Start a halted server again on the same port and data."""
        self._pg_ctl_start()

    def stop(self) -> None:
        """Stop the server and remove its files."""
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
