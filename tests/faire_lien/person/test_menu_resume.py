"""Mid-questionnaire, the menu's 📨, 📅 and 🗓 end on the main menu when there is nothing to list: that menu offers
« Reprendre « … » », which brings the question in progress back with its buttons, answered by what is typed next."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support.driven_bot import DrivenBot, driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

RESUME = "Reprendre « Bilan de droits santé »"
BORN = "Bilan de droits santé · question 3\nEn quelle année êtes-vous né·e ?"
NAV = ["◀ Retour", "↺ Recommencer", "🤔 Je ne comprends pas"]


async def said(api: FakeBotAPI, bot: DrivenBot, person: FakeUser, action: str) -> list[SentMessage]:
    """Send a text, or press a button of the latest message showing it ("press:label"); what the bot showed."""
    mark = api.mark(person.chat_id)
    if action.startswith("press:"):
        label = action[len("press:") :]
        shown = [m for m in api.messages(person.chat_id) if any(label in x for x in m.labels)][-1]
        api.press(person, shown, shown.button(label))
    else:
        api.send_text(person, action)
    await bot.deliver()
    return [m for m in api.messages(person.chat_id) if m.message_id > mark]


async def test_the_menu_after_my_requests_sessions_and_registrations_leads_back_to_the_question(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    person = api.user(86001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité", "press:Plus"):
            await said(api, bot, person, step)
        await said(api, bot, person, "/menu")
        for item, empty in [
            ("📨 Mes demandes", "Vous n'avez aucune demande en cours."),
            ("📅 Rencontres", "Aucune rencontre n'est encore publiée dans ce service."),
            ("🗓 Mes inscriptions", "Vous n'avez aucune inscription pour le moment."),
        ]:
            [menu] = await said(api, bot, person, f"press:{item}")
            assert menu.text.startswith(empty), menu.text
            assert menu.labels[:2] == [RESUME, "🩺 Bilan de mes droits santé"]
            [question] = await said(api, bot, person, f"press:{RESUME}")
            assert question.text.startswith(BORN), question.text
            assert question.labels == NAV
        assert "Bilan de droits santé · question 4" in (await said(api, bot, person, "1990"))[-1].text


async def test_the_menu_with_nothing_in_progress_has_nothing_to_resume(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    person = api.user(86002, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte"):
            await said(api, bot, person, step)
        [menu] = await said(api, bot, person, "press:📨 Mes demandes")
    assert menu.labels[0] == "🩺 Bilan de mes droits santé"
