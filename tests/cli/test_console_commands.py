"""`make run` starts the staff console beside the chat and prints a one-time link; `console-link` prints one."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx

from tests.support.cli import RunCli, command

ADDRESS = re.compile(r"Staff console: (http://127\.0\.0\.1:\d+)/")
LINK = re.compile(r"local coordinator \(10 minutes\): (http://\S+/login/[\w-]+)")


def test_run_starts_the_console_beside_the_terminal_chat(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
        "TELEGRAM_BOT_TOKEN": "",
        "WEB_PORT": "0",
    }
    process = subprocess.Popen(
        command("run"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(LINK.search(line) for line in lines):
            lines.append(process.stdout.readline())
        printed = "".join(lines)
        address, link = ADDRESS.search(printed), LINK.search(printed)
        assert address is not None and link is not None, printed
        assert link.group(1).startswith(address.group(1))
        with httpx.Client() as browser:
            assert browser.get(f"{address.group(1)}/healthz").status_code == 200
            assert browser.post(link.group(1)).status_code == 303
            home = browser.get(f"{address.group(1)}/")
            assert home.status_code == 200 and "coordination" in home.text
    finally:
        process.communicate("q\n", timeout=30)
    assert process.returncode == 0


def test_console_link_for_a_staff_member_and_for_nobody(run_cli: RunCli, tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'links.db'}"}
    operator = run_cli("console-link", env=env).check()
    assert re.fullmatch(r"http://127\.0\.0\.1:8080/login/[\w-]{20,}\n", operator)
    refused = run_cli("console-link", "--staff", "123456", env=env)
    assert refused.code == 1 and "not an active staff member" in refused.stderr
    run_cli("staff", "add-coordinator", "123456", env=env).check()
    staff = run_cli("console-link", "--staff", "123456", env={**env, "CONSOLE_URL": "https://desk.example.org"}).check()
    assert staff.startswith("https://desk.example.org/login/")


def test_console_link_refuses_a_port_chosen_at_start(run_cli: RunCli, tmp_path: Path) -> None:
    """WEB_PORT=0 without CONSOLE_URL: no « http://127.0.0.1:0/login/… » that cannot work, but what to do."""
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'zero.db'}", "WEB_PORT": "0"}
    refused = run_cli("console-link", env=env)
    assert refused.code == 2 and refused.stdout == "", refused.stdout
    assert "set CONSOLE_URL to its address" in refused.stderr
    given = run_cli("console-link", env={**env, "CONSOLE_URL": "http://127.0.0.1:8123"}).check()
    assert given.startswith("http://127.0.0.1:8123/login/")


def test_web_prints_its_link_once_it_listens_and_says_so_when_the_port_is_taken(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'web.db'}", "WEB_PORT": "0"}
    process = subprocess.Popen(command("web"), stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    assert process.stdout is not None
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        address, link = ADDRESS.search(lines[0]), LINK.search(lines[1])
        assert address is not None and link is not None, lines
        port = address.group(1).rsplit(":", 1)[1]
        with httpx.Client() as browser:  # the printed address is where it listens (WEB_PORT=0: a port of the system's)
            assert browser.get(f"{address.group(1)}/healthz").status_code == 200
            assert browser.post(link.group(1)).status_code == 303
        taken = subprocess.run(
            command("web"), capture_output=True, text=True, env={**env, "WEB_PORT": port}, cwd=tmp_path, timeout=60
        )
        assert taken.returncode == 1
        assert taken.stdout == f"The staff console could not listen on 127.0.0.1:{port} (WEB_PORT).\n"
        assert "Traceback" not in taken.stderr  # no address nor link printed: they would lead to the other server
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGTERM  # stopped after its requests finished, as uvicorn ends on a signal
