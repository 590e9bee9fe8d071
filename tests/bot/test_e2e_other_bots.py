"""In a private chat a command addressed to another bot (`/forget@other_bot`) is none of ours: unknown, nothing done."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

UNKNOWN = "Je ne connais pas cette commande. Tapez /help pour voir les commandes."
RESUMING = "Bon retour ! On reprend où vous en étiez."


async def test_a_command_for_another_bot_is_unknown(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Asked their year of birth, the person sends /forget@other_bot, /start@Other_Bot and /menu@other_bot: each time
    the unknown-command notice and the same question (no erasure asked, no menu); /start@faire_lien_test_bot resumes."""
    person = api.user(88101, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        assert BORN in (await said(api, bot, person, "press:Plus de 3 mois"))[-1].text
        for command in ("/forget@other_bot", "/start@Other_Bot s_1", "/menu@other_bot"):
            [shown] = await said(api, bot, person, command)
            assert shown.text.startswith(UNKNOWN) and BORN in shown.text, (command, shown.text)
        [shown] = await said(api, bot, person, "/start@Faire_Lien_Test_Bot")
        assert shown.text.startswith(RESUMING) and BORN in shown.text, shown.text
        assert "question 4" in (await said(api, bot, person, "1990"))[-1].text


async def test_someone_new_is_not_greeted_by_another_bots_start(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Someone new sending /start@other_bot is asked to choose their language first; /start@this bot greets them."""
    person = api.user(88102, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        [shown] = await said(api, bot, person, "/start@other_bot")
        assert shown.text.startswith("Choisissez d'abord votre langue avec les boutons."), shown.text
        [shown] = await said(api, bot, person, "/start@faire_lien_test_bot")
        assert not shown.text.startswith("Choisissez d'abord"), shown.text
        assert "Français" in shown.labels
