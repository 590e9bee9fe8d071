"""A person reading Persian or Arabic sees their registrations right to left, a title typed in French included."""

from __future__ import annotations

import pytest

from dialogs.i18n import RLM, language_name
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.sessions.test_session_screens import publish


@pytest.mark.parametrize("language", ["fa", "ar"])
async def test_each_line_of_my_registrations_reads_right_to_left(
    assistant: Assistant, db: Database, language: str
) -> None:
    await publish(db)  # titled in French and English only: a Persian reader gets the French title
    talker = Talker(assistant, db, who=Identity(telegram_id=89), language_hint=language)
    steps = ["/start", f"press:{language_name(language)}", f"raw:consent:yes:{language}", "raw:menu:sessions"]
    for step in steps:
        await talker.do(step)
    for _ in range(2):  # the date, then « I register »
        await talker.send("action", talker.screen[-1].buttons[0][0].action)
    await talker.do("raw:menu:registrations")
    (mine,) = talker.screen
    line = next(line for line in mine.text.split("\n") if "Réunion C2S" in line)
    assert line.startswith(f"{RLM}• Réunion C2S — "), line  # not a left-to-right line opening on the title
    assert all(line.startswith(RLM) for line in mine.text.split("\n") if line), mine.text


async def test_a_left_to_right_reader_gets_no_marks(assistant: Assistant, db: Database) -> None:
    await publish(db)
    talker = Talker(assistant, db, who=Identity(telegram_id=90))
    for step in ["/start", "press:Français", "press:J'accepte", "raw:menu:sessions"]:
        await talker.do(step)
    for _ in range(2):
        await talker.send("action", talker.screen[-1].buttons[0][0].action)
    await talker.do("raw:menu:registrations")
    assert talker.screen[0].text.split("\n")[1].startswith("• Réunion C2S — 1er déc. · 11:00"), talker.screen[0].text
