"""/mydata from someone who refused to have their answers saved says they refused, and when; never "consent given"."""

from __future__ import annotations

import pytest

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

SAID = {
    "Français": ("refusé le 22 novembre 2026", "accord donné"),
    "English": ("refused on November 22, 2026", "consent given"),
}


@pytest.mark.parametrize("language", list(SAID))
async def test_a_refusal_is_called_a_refusal(
    api: FakeBotAPI, db: Database, assistant: Assistant, language: str
) -> None:
    """Language, "I refuse", then /mydata: the summary names the refusal and its day."""
    person = api.user(83001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        api.send_text(person, "/start")
        await bot.deliver()
        for label in (language, "Je refuse" if language == "Français" else "I do not agree"):
            shown = api.messages(person.chat_id)[-1]
            api.press(person, shown, shown.button(label))
            await bot.deliver()
        mark = api.mark(person.chat_id)
        api.send_text(person, "/mydata")
        await bot.deliver()
    summary = next(m for m in api.messages(person.chat_id) if m.message_id > mark)
    refused, given = SAID[language]
    assert refused in summary.text and given not in summary.text, summary.text
