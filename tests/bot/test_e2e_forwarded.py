"""A message forwarded from someone else is never taken as the person's answer: the question is asked again."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

FORWARDED = "Un message transféré n'est pas pris comme réponse : écrivez votre réponse vous-même."


async def test_a_forwarded_year_is_not_an_answer(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Asked their year of birth, the person forwards "1985" (or a command) from a friend: the notice, the same
    question; the year they then type is taken."""
    person = api.user(88001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        assert BORN in (await said(api, bot, person, "press:Plus de 3 mois"))[-1].text
        for forwarded in ("1985", "/forget"):
            mark = api.mark(person.chat_id)
            api.forward_text(person, forwarded)
            await bot.deliver()
            [shown] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
            assert shown.text.startswith(FORWARDED) and BORN in shown.text, shown.text
        assert "question 4" in (await said(api, bot, person, "1990"))[-1].text
