"""A file or a contact sent instead of an answer: the notice names it, then the question comes again."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

ONLY_TEXT = {
    "fr": "Je ne peux lire que du texte et les boutons : les photos, fichiers, messages vocaux, vidéos, autocollants, "
    "positions ou contacts ne sont pas pris en compte.",
    "en": "I can only read text and buttons: I cannot use photos, files, voice messages, videos, stickers, locations "
    "or contacts.",
}


async def test_a_file_or_a_contact_is_named_in_the_notice(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Asked their year of birth, the person sends a PDF, then their contact: the notice, then the question."""
    person = api.user(90001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        await said(api, bot, person, "press:Plus de 3 mois")
        for send in (api.send_document, api.send_contact):
            mark = api.mark(person.chat_id)
            send(person)
            await bot.deliver()
            [shown] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
            assert shown.text.startswith(ONLY_TEXT["fr"]) and BORN in shown.text, shown.text


async def test_the_notice_in_english(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """In the language the person chose."""
    person = api.user(90002, language_code="en")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:English", "press:I agree"):
            await said(api, bot, person, step)
        api.send_document(person)
        await bot.deliver()
    assert api.messages(person.chat_id)[-1].text.startswith(ONLY_TEXT["en"])
