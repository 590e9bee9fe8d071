"""/cancel sets the questionnaire in progress aside (answers kept) and shows the menu, with a button to resume it."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support.driven_bot import DrivenBot, driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

PAUSED = "D'accord, on s'arrête là. Vos réponses sont gardées : vous pourrez reprendre « Bilan de droits santé »"
RESUME = "Reprendre « Bilan de droits santé »"
BORN = "En quelle année êtes-vous né·e ?"


async def said(api: FakeBotAPI, bot: DrivenBot, person: FakeUser, action: str) -> list[SentMessage]:
    """Send a text, or press a button of the latest message with buttons ("press:label"); what the bot showed."""
    mark = api.mark(person.chat_id)
    if action.startswith("press:"):
        shown = [m for m in api.messages(person.chat_id) if m.buttons][-1]
        api.press(person, shown, shown.button(action[len("press:") :]))
    else:
        api.send_text(person, action)
    await bot.deliver()
    return [m for m in api.messages(person.chat_id) if m.message_id > mark or m.edited]


async def test_cancel_mid_questionnaire_keeps_the_answers(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Third question of the rights check, /cancel: the menu and "resume"; resuming asks the third question again."""
    person = api.user(84001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        assert BORN in (await said(api, bot, person, "press:Plus de 3 mois"))[-1].text
        [menu] = await said(api, bot, person, "/cancel")
        assert menu.text.startswith(PAUSED), menu.text
        assert menu.labels[0] == RESUME and "❓ Aide" in menu.labels
        assert BORN in (await said(api, bot, person, f"press:{RESUME}"))[-1].text
        assert "question 4" in (await said(api, bot, person, "1990"))[-1].text


async def test_cancel_with_nothing_running(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Nothing in progress: said so, in the person's language, with their menu."""
    person = api.user(84002, language_code="en")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:English", "press:I agree"):
            await said(api, bot, person, step)
        [menu] = await said(api, bot, person, "/CANCEL@faire_lien_test_bot")
    assert menu.text.startswith("There is nothing in progress to stop."), menu.text
    assert "❓ Help" in menu.labels


async def test_the_menu_after_cancel_keeps_the_questionnaire_aside(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """/cancel then /menu: the menu with « Reprendre », not the question asked again under it (it was, before)."""
    person = api.user(84003, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        await said(api, bot, person, "press:Plus de 3 mois")
        await said(api, bot, person, "/cancel")
        shown = await said(api, bot, person, "/menu")
        assert [m.labels[0] for m in shown] == [RESUME], [m.text for m in shown]
        assert not any(BORN in m.text for m in shown)
        assert BORN in (await said(api, bot, person, f"press:{RESUME}"))[-1].text
        on_screen = await said(api, bot, person, "/menu")  # the question on screen: it comes back under the menu
        assert BORN in on_screen[-1].text, [m.text for m in on_screen]


async def test_help_lists_cancel(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    person = api.user(84004, language_code="en")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:English", "press:I agree"):
            await said(api, bot, person, step)
        shown = await said(api, bot, person, "/help")
    assert "/cancel – set aside the questionnaire in progress (your answers are kept)" in shown[0].text
