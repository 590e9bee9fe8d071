"""A wrong setting, a database out of reach or Telegram refusing the bot: one line saying what to fix, no traceback,
and never a secret."""

from __future__ import annotations

import os
import subprocess
from functools import partial
from pathlib import Path

import pytest

from tests.support.cli import RunCli, command
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.postgres import PostgresServer
from tests.support.workers import free_port

SECRET = "s3cr3t-pw"


@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [
        ("QUIET_FROM", "abc", "setting QUIET_FROM: 'abc' is not a time of day: write it as 20:00"),
        ("RETENTION_MONTHS", "-3", "setting RETENTION_MONTHS: Input should be greater than or equal to 1"),
        ("LOG_LEVEL", "LOUD", "setting LOG_LEVEL: Input should be 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'"),
        (
            "DATABASE_URL",
            f"mysql://me:{SECRET}@db/faire",
            "setting DATABASE_URL: not a database address faire-lien uses",
        ),
        (
            "DATABASE_URL",
            f"postgres//me:{SECRET}@db",
            "write it as sqlite+aiosqlite:///var/faire-lien.db or postgresql",
        ),
        ("TELEGRAM_BOT_USERNAME", f"bad {SECRET}", "setting TELEGRAM_BOT_USERNAME: String should match pattern"),
    ],
)
def test_a_wrong_setting_is_named_with_what_to_write(
    run_cli: RunCli, tmp_path: Path, setting: str, value: str, said: str
) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", setting: value}
    refused = run_cli("sessions", "list", env=env)
    assert refused.code == 2
    assert refused.stderr.startswith("faire-lien: ") and said in refused.stderr
    assert "Traceback" not in refused.stderr and SECRET not in refused.stderr + refused.stdout
    assert len(refused.stderr.splitlines()) == 1


def test_a_log_level_in_small_letters_is_understood(run_cli: RunCli, tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", "LOG_LEVEL": "warning"}
    assert run_cli("sessions", "list", env=env).check() == "no session to come\n"


def test_a_database_out_of_reach_is_said_without_its_password(run_cli: RunCli) -> None:
    where = f"postgresql+asyncpg://faire:{SECRET}@127.0.0.1:{free_port()}/faire"
    for args in (("sessions", "list"), ("db", "upgrade"), ("report", "--year", "2026")):
        failed = run_cli(*args, env={"DATABASE_URL": where})
        assert failed.code == 1, args
        assert failed.stderr.startswith(f"faire-lien: cannot reach the database {where.replace(SECRET, '***')}: ")
        assert failed.stderr.endswith(" (DATABASE_URL)\n") and "Traceback" not in failed.stderr
        assert SECRET not in failed.stderr


def test_a_database_that_refuses_the_connection_is_said(run_cli: RunCli, postgres: PostgresServer) -> None:
    missing = postgres.url.rsplit("/", 1)[0] + "/no_such_base"
    failed = run_cli("sessions", "list", env={"DATABASE_URL": missing})
    assert failed.code == 1
    assert f"faire-lien: the database {missing} refused the connection: " in failed.stderr
    assert 'database "no_such_base" does not exist' in failed.stderr and "Traceback" not in failed.stderr


def test_telegram_out_of_reach_or_refusing_the_token_stops_the_bot_with_one_line(
    tmp_path: Path, api: FakeBotAPI
) -> None:
    token = f"123456:{SECRET}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        "TELEGRAM_BOT_TOKEN": token,
        "WEB_PORT": "0",
    }
    base = f"http://127.0.0.1:{free_port()}"
    bot = partial(subprocess.run, command("run"), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    away = bot(env={**env, "TELEGRAM_API_BASE_URL": f"{base}/bot"})
    assert away.returncode == 1
    assert away.stderr.endswith(
        f"faire-lien: cannot reach the Telegram Bot API at {base}: httpx.ConnectError: All connection attempts "
        "failed (TELEGRAM_API_BASE_URL)\n"
    )
    assert "Traceback" not in away.stderr
    api.fail_next("getMe", 401, "Unauthorized")
    refused = bot(env={**env, "TELEGRAM_API_BASE_URL": api.base_url})
    assert refused.returncode == 1
    assert refused.stderr.endswith(
        "faire-lien: Telegram refused the bot's token: check TELEGRAM_BOT_TOKEN (@BotFather gives it)\n"
    )
    assert "Traceback" not in refused.stderr
    assert SECRET not in away.stderr + refused.stderr + away.stdout + refused.stdout
