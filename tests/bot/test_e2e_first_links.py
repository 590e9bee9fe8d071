"""Someone new from a poster: a link in capitals still opens its session; a broken one says the session is gone."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support.driven_bot import DrivenBot, driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser
from tests.support.records import a_meeting

GONE = "Cette rencontre n'est plus proposée."
PAGE = "📍 CPAM Poitiers"


async def _arrive(api: FakeBotAPI, bot: DrivenBot, person: FakeUser, text: str, presses: tuple[str, ...]) -> str:
    """Send `text`, press each label on the latest message; everything the bot said after the first message."""
    api.send_text(person, text)
    await bot.deliver()
    for label in presses:
        last = api.messages(person.chat_id)[-1]
        api.press(person, last, last.button(label))
        await bot.deliver()
    return "\n".join(m.text for m in api.messages(person.chat_id)[1:])


async def test_newcomers_links_in_another_case_or_broken(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """« /start S_1 » opens session 1 after the language and consent; « s_1abc », « s_ » and a 60-digit id: « gone »."""
    async with db.unit_of_work() as session:
        meeting = (await a_meeting(session)).id
    first = ("Français", "J'accepte")
    async with driven_bot(api, db, assistant) as bot:
        seen = await _arrive(api, bot, api.user(83001), f"/start S_{meeting}", first)
        assert PAGE in seen and GONE not in seen, seen
        for n, broken in enumerate((f"s_{meeting}abc", "s_", "s_" + "9" * 60)):
            seen = await _arrive(api, bot, api.user(83010 + n), f"/start {broken}", first)
            assert GONE in seen and PAGE not in seen, (broken, seen)
        known = api.user(83001)  # now known: the same link in capitals opens the page again
        seen = await _arrive(api, bot, known, f"/start S_{meeting}", ())
        assert api.messages(known.chat_id)[-1].text.startswith("📅"), seen


async def test_refusing_storage_still_shows_the_posters_session(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Refusing after a poster's link: « C'est noté… », then the session's page; registering asks for consent there."""
    async with db.unit_of_work() as session:
        meeting = (await a_meeting(session)).id
    person = api.user(83101)
    async with driven_bot(api, db, assistant) as bot:
        seen = await _arrive(api, bot, person, f"/start s_{meeting}", ("Français", "Je refuse"))
        assert "C'est noté : aucune de vos réponses ne sera enregistrée." in seen and PAGE in seen, seen
        page = [m for m in api.messages(person.chat_id) if PAGE in m.text][-1]
        api.press(person, page, page.button("M'inscrire"))
        await bot.deliver()
        asked = api.messages(person.chat_id)[-1]
        assert "Acceptez-vous que vos réponses soient enregistrées ?" in asked.text, asked.text
        api.press(person, asked, asked.button("J'accepte"))
        await bot.deliver()
        page = api.messages(person.chat_id)[-1]  # their consent leads back to the session's page
        api.press(person, page, page.button("M'inscrire"))
        await bot.deliver()
        assert any("vous êtes inscrit·e" in m.text for m in api.messages(person.chat_id))
