"""The `faire-lien` command line in tests: run it in this process, or get the argv that starts it as a process.

Its entry point is imported here and nowhere else in the tests.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cli.main import main


@dataclass(frozen=True)
class CliRun:
    """How one command ended: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str

    def check(self) -> str:
        """Its stdout, once checked that it exited with 0 (as ``subprocess.run(check=True)``)."""
        if self.code != 0:
            raise AssertionError(f"exit code {self.code}\n{self.stderr}")
        return self.stdout


class RunCli(Protocol):
    """The ``run_cli`` fixture: ``run_cli("sessions", "list", env={"DATABASE_URL": db.url})``."""

    def __call__(self, *args: str, env: Mapping[str, str] | None = None) -> CliRun:
        """Run `faire-lien ARGS` with these environment variables set."""
        ...


def command(*args: str) -> list[str]:
    """The argv that runs `faire-lien ARGS` as a separate process (the bot, a webhook worker, the terminal chat).

    The process imports the code these tests import (this checkout), whatever folder the virtualenv's editable
    install points at (a virtualenv shared between git worktrees points at one of them).
    """
    name, module = main.__name__, main.__module__
    root = str(Path(sys.modules[module].__file__ or "").resolve().parents[1])
    code = f"import sys; sys.path.insert(0, {root!r}); from {module} import {name}; sys.exit({name}())"
    return [sys.executable, "-c", code, *args]


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the duration of the block."""
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(args: list[str], env: Mapping[str, str], cwd: Path) -> CliRun:
    """Run `faire-lien ARGS` in this process as the console script would: exit code, stdout and stderr.

    It runs in a thread of its own, so that its ``asyncio.run`` works from async tests too, in ``cwd``
    (no stray ``.env`` is read). An uncaught exception ends it with code 1 and its traceback on stderr.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    codes: list[int] = []

    def run() -> None:
        try:
            codes.append(main(args))
        except SystemExit as stop:
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
            codes.append(stop.code if isinstance(stop.code, int) else int(stop.code is not None))
        except Exception:  # noqa: BLE001 - the interpreter would print it and exit with 1
            traceback.print_exc()
            codes.append(1)

    with (
        _environment(env),
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        thread = threading.Thread(target=run, name="faire-lien cli")
        thread.start()
        thread.join()
    return CliRun(codes[0], stdout.getvalue(), stderr.getvalue())
