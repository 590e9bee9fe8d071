"""The real bot starts with a broken staff grid in FLOWS_DIRS: people are served, the grid is left out, and the log
names the file and its problem at ERROR."""

from __future__ import annotations

import json
from pathlib import Path

from dialogs.loader import BUILTIN_DIRS
from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import say
from tests.support.fake_bot_api import FakeBotAPI

BROKEN = """id: ma_grille
version: 1
title: Ma grille
result: grid
steps:
  - {id: a, kind: yesno, text: "Vous sentez-vous seul·e ?", next: end}
scoring:
  points: {a: {"yes": 1}}
  orientations:
    - {id: haut, when: {answer: score, gte: yes}, text: "Un professionnel peut vous appeler."}
    - {id: rien, text: "Merci pour votre réponse."}
"""


def test_the_bot_starts_without_a_broken_staff_grid(api: FakeBotAPI, tmp_path: Path) -> None:
    folder = tmp_path / "grilles"
    folder.mkdir()
    (folder / "ma_grille.yaml").write_text(BROKEN, encoding="utf-8")
    bot = BotProcess(api, tmp_path)
    bot.env["FLOWS_DIRS"] = json.dumps([*map(str, BUILTIN_DIRS), str(folder)])
    bot.start()
    try:
        user = api.user(70_411, first_name="Amina", language_code="fr")
        (welcome,) = say(api, user, "/start")
        assert "Français" in welcome.labels
    finally:
        bot.stop()
    logs = bot.output()
    assert (
        "ERROR faire_lien: staff flow file left out, running without it (`faire-lien flows check` lists it): "
        f"{folder / 'ma_grille.yaml'}: scoring.orientations.haut.when.gte: true (yes/no in YAML) is not a number"
    ) in logs
    assert "Amina" not in logs
