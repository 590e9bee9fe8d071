"""The terminal chat runs the same flow on the same database, with numbers, `b` and `q`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.cli import RunCli, command


def cli(tmp_path: Path, args: list[str], lines: list[str]) -> str:
    """Run `faire-lien ARGS` as a process without a token on a database in tmp_path, typing the given lines.

    A process of its own, as the chat reads the real standard input.
    """
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
        "TELEGRAM_BOT_TOKEN": "",
        "WEB_PORT": "0",  # `run` starts the staff console too: any free port
    }
    result = subprocess.run(
        command(*args),
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_terminal_chat_runs_the_rights_check_and_resumes_next_time(tmp_path: Path) -> None:
    chat = ["chat", "--user", "demo", "--lang", "fr"]
    # --lang fr chose the language: J'accepte, Bilan, French national, here for more than 3 months, then typed.
    first = cli(tmp_path, chat, ["1", "1", "1", "1", "1992", "douze", "2", "b", "2", "q"])
    assert "Choisissez votre langue" not in first and "Acceptez-vous" in first
    assert "you are a coordinator here" in first
    assert "Je n'ai pas compris ce nombre" in first
    assert "[#1] ◀ Retour" in first  # on a typed question, a bare number is the answer
    assert "Votre réponse actuelle : 2" in first
    assert first.rstrip().endswith(">")
    # Not in a couple, a child of 9 in shared custody, metropole, no benefit, same income each month,
    # 1 200,50 € a month, nobody out of work, no maintenance, tenant without housing benefit, no C2S yet, no special
    # situation.
    second = cli(
        tmp_path, chat, ["2", "1", "9", "1", "9", "10", "1", "1 200,50 €", "6", "7", "2", "2", "1", "7", "8", "q"]
    )
    assert "On reprend où vous en étiez" in second
    assert "Vivez-vous en couple" in second
    assert "🟢 C2S avec participation : droit probable" in second
    assert "• Ressources du foyer sur 12 mois : 14\u202f406\xa0€." in second  # CLDR French: U+202F, U+00A0
    assert "[3] 📞 Parler à un travailleur social" in second
    assert "[4] 🩺 Bilan de mes droits santé" in second  # one numbering across the card and the menu


def test_run_without_token_says_so_and_opens_the_chat(tmp_path: Path) -> None:
    out = cli(tmp_path, ["run"], ["q"])
    assert "TELEGRAM_BOT_TOKEN is not set" in out
    assert "terminal chat" in out


def test_a_line_of_odd_digits_is_text_not_a_crash(tmp_path: Path) -> None:
    """ "²" or thousands of 9s where a button number is expected: the chat asks for a button, and goes on."""
    out = cli(tmp_path, ["chat", "--user", "demo", "--lang", "fr"], ["²", "9" * 5000, "1", "q"])
    assert out.count("Choisissez d'abord votre langue avec les boutons.") == 2
    assert "Acceptez-vous que vos réponses soient enregistrées ?" in out  # then "1" still pressed "Français"


def test_a_language_the_chat_does_not_have_is_refused_with_the_ones_it_has(run_cli: RunCli, tmp_path: Path) -> None:
    refused = run_cli("chat", "--lang", "xx", env={"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"})
    assert refused.code == 2
    assert "argument --lang: invalid choice: 'xx' (choose from 'fr', 'ar', 'en', 'es', 'fa', 'pt'" in refused.stderr
