"""In an anonymous rights check (storage refused), forwarded text and replies to earlier questions are not answers."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.bot.test_e2e_reply_to_earlier import HOUSEHOLD, reply_to_the_year_question
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

FORWARDED = "Un message transféré n'est pas pris comme réponse : écrivez votre réponse vous-même."
STEPS = ("/start", "press:Français", "press:Je refuse", "press:Bilan de droits anonyme", "press:Nationalité")


async def test_a_forwarded_year_is_not_an_anonymous_answer(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Asked their year of birth anonymously, the person forwards "1985": the notice and the same question; the
    year they then type is taken."""
    person = api.user(88101, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in STEPS:
            await said(api, bot, person, step)
        assert BORN in (await said(api, bot, person, "press:Plus de 3 mois"))[-1].text
        mark = api.mark(person.chat_id)
        api.forward_text(person, "1985")
        await bot.deliver()
        [shown] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
        assert shown.text.startswith(FORWARDED) and BORN in shown.text, shown.text
        assert HOUSEHOLD in (await said(api, bot, person, "1990"))[-1].text


async def test_a_reply_to_an_earlier_anonymous_question(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """A reply to the year question once the household size is asked: the notice and the household question; a
    reply to the household question itself is its answer."""
    await reply_to_the_year_question(api, db, assistant, api.user(88102, language_code="fr"), STEPS)


async def test_a_photo_an_edit_or_another_language_keeps_the_anonymous_question(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Asked their year of birth anonymously, the person sends a photo, then edits a message, then picks English:
    each time the notice and the year question (in English at the end), whose typed answer is then taken."""
    person = api.user(88103, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in STEPS:
            await said(api, bot, person, step)
        question = (await said(api, bot, person, "press:Plus de 3 mois"))[-1]
        assert BORN in question.text
        typed_first = 1  # the person's /start, the chat's first message
        for send in (api.send_photo, lambda user: api.edit_text(user, typed_first, "1985")):
            mark = api.mark(person.chat_id)
            send(person)
            await bot.deliver()
            [shown] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
            assert shown.text.startswith(("Je ne peux lire que du texte", "Un message modifié")), shown.text
            assert BORN in shown.text and "◀ Retour" in shown.labels, shown.text
        await said(api, bot, person, "/language")
        [chosen] = await said(api, bot, person, "press:English")
        assert chosen.text.startswith("Language chosen: English.")
        assert "In what year were you born?" in chosen.text and "◀ Back" in chosen.labels, chosen.text
        assert "How many people" in (await said(api, bot, person, "1990"))[-1].text
