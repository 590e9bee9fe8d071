"""The terminal chat runs the same flow on the same database, with numbers, `b` and `q`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def chat(tmp_path: Path, lines: list[str]) -> str:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}", "TELEGRAM_BOT_TOKEN": ""}
    result = subprocess.run(
        [sys.executable, "-m", "faire_lien.cli", "chat", "--user", "demo", "--lang", "fr"],
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
    first = chat(tmp_path, ["1", "1", "1", "douze", "3", "b", "4", "42", "q"])
    assert "[1] Français" in first
    assert "Je n'ai pas compris ce nombre" in first
    assert "Votre réponse actuelle : 3" in first
    assert first.rstrip().endswith(">")
    second = chat(tmp_path, ["86000", "2", "1", "q"])
    assert "On reprend où vous en étiez" in second
    assert "Quel est le code postal" in second
    assert "• Personnes dans le foyer : 4" in second
    assert "• Arrêt de plus de 3 mois : Oui" in second


def test_run_without_token_says_so_and_opens_the_chat(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}", "TELEGRAM_BOT_TOKEN": ""}
    result = subprocess.run(
        [sys.executable, "-m", "faire_lien.cli", "run"],
        input="q\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stdout
    assert "terminal chat" in result.stdout
