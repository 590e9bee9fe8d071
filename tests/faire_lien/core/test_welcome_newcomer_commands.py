"""Someone new sending /mydata or /forget before anything else is told nothing is stored, then asked their language."""

from __future__ import annotations

import pytest

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity, find_person
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

NOTHING_STORED = {
    "fr": "Rien n'est enregistré sur vous : il n'y a rien à vous envoyer ni à effacer.",
    "en": "Nothing is recorded about you: there is nothing to send you or to erase.",
}


@pytest.mark.parametrize("command", ["/mydata", "/forget", "/MYDATA@faire_lien_test_bot"])
@pytest.mark.parametrize("language", ["fr", "en"])
async def test_nothing_stored_is_said_then_the_language_question(
    api: FakeBotAPI, db: Database, assistant: Assistant, command: str, language: str
) -> None:
    """One message, in the device's language: nothing stored, then the language buttons; still nothing stored."""
    person = api.user(82001, language_code=language)
    async with driven_bot(api, db, assistant) as bot:
        api.send_text(person, command)
        await bot.deliver()
    [shown] = api.messages(person.chat_id)
    assert shown.text.startswith(NOTHING_STORED[language]), shown.text
    assert "Français" in shown.labels and "English" in shown.labels
    assert shown.document is None
    async with db.unit_of_work() as session:
        assert await find_person(session, Identity(telegram_id=person.id)) is None
