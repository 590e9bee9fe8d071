"""The terminal chat runs the same flow on the same database, with numbers, `b` and `q`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli(tmp_path: Path, args: list[str], lines: list[str]) -> str:
    """Run `faire-lien ARGS` without a token on a database in tmp_path, typing the given lines."""
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}", "TELEGRAM_BOT_TOKEN": ""}
    result = subprocess.run(
        [sys.executable, "-m", "faire_lien.cli", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_terminal_chat_runs_the_flow_and_resumes_next_time(tmp_path: Path) -> None:
    chat = ["chat", "--user", "demo", "--lang", "fr"]
    first = cli(tmp_path, chat, ["1", "1", "1", "douze", "3", "b", "4", "42", "q"])
    assert "[1] Français" in first
    assert "Je n'ai pas compris ce nombre" in first
    assert "Votre réponse actuelle : 3" in first
    assert first.rstrip().endswith(">")
    second = cli(tmp_path, chat, ["86000", "2", "1", "q"])
    assert "On reprend où vous en étiez" in second
    assert "Quel est le code postal" in second
    assert "• Personnes dans le foyer : 4" in second
    assert "• Arrêt de plus de 3 mois : Oui" in second


def test_run_without_token_says_so_and_opens_the_chat(tmp_path: Path) -> None:
    out = cli(tmp_path, ["run"], ["q"])
    assert "TELEGRAM_BOT_TOKEN is not set" in out
    assert "terminal chat" in out
