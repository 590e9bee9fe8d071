"""A poster's link to a session no longer offered, opened mid-questionnaire, says so and asks the question again."""

from __future__ import annotations

import pytest

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

GONE = "Cette rencontre n'est plus proposée."


@pytest.mark.parametrize("link", ["/start s_999", "/start s_0", "/start s_²"])
async def test_gone_session_link_keeps_the_question(
    api: FakeBotAPI, db: Database, assistant: Assistant, link: str
) -> None:
    """Third question of the rights check, then the link: the notice and that question, answers kept."""
    person = api.user(87001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        assert BORN in (await said(api, bot, person, "press:Plus de 3 mois"))[-1].text
        [shown] = await said(api, bot, person, link)
        assert shown.text.startswith(GONE) and BORN in shown.text, shown.text
        assert "question 4" in (await said(api, bot, person, "1990"))[-1].text
