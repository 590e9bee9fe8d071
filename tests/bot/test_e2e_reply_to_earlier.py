"""Text sent with Telegram's "Reply" on an earlier question is not taken as the answer to the current one."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

EARLIER = "Vous avez répondu à une question précédente : ce message n'est pas pris comme réponse."
HOUSEHOLD = "Combien de personnes composent votre foyer"


async def test_reply_to_an_earlier_question(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """A reply to the year-of-birth question once the household size is asked: the notice and that question;
    a reply to the household question itself is its answer."""
    steps = ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité")
    await reply_to_the_year_question(api, db, assistant, api.user(91001, language_code="fr"), steps)


async def reply_to_the_year_question(
    api: FakeBotAPI, db: Database, assistant: Assistant, person: FakeUser, steps: tuple[str, ...]
) -> None:
    """After `steps`, the person answers "more than 3 months" and their year, then replies "3" to the year question:
    the notice and the household question; their reply "2" to that question is its answer."""
    async with driven_bot(api, db, assistant) as bot:
        for step in steps:
            await said(api, bot, person, step)
        [born] = await said(api, bot, person, "press:Plus de 3 mois")
        assert BORN in born.text
        [household] = await said(api, bot, person, "1990")
        assert HOUSEHOLD in household.text
        mark = api.mark(person.chat_id)
        api.send_reply(person, born, "3")
        await bot.deliver()
        [shown] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
        assert shown.text.startswith(EARLIER) and HOUSEHOLD in shown.text, shown.text
        mark = api.mark(person.chat_id)
        api.send_reply(person, shown, "2")
        await bot.deliver()
        [following] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
    assert HOUSEHOLD not in following.text and "question 5" in following.text, following.text
