"""Text typed while another page is under the question (sessions, information, /cancel's menu) is not its answer."""

from __future__ import annotations

from sqlalchemy import select
from telegram import Bot

from bot.budget import SharedBudget
from bot.outbox import drain
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation, Person
from tests.bot.test_e2e_reply_to_earlier import HOUSEHOLD
from tests.bot.test_outbox import SIGNER, queue_renewal
from tests.conftest import NOW
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import DrivenBot, driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

PAUSED = (
    "Votre questionnaire « Bilan de droits santé » est en pause : ce message n'est pas pris comme réponse. "
    "Voici la question où vous en étiez :"
)
IN_FRANCE = "Depuis combien de temps vivez-vous en France sans interruption ?"
TO_THE_YEAR = (
    "/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité", "press:Plus de 3 mois",
)  # fmt: skip
ANONYMOUS = ("/start", "press:Français", "press:Je refuse", "press:Bilan de droits anonyme", "press:Nationalité")


async def stored(db: Database, telegram_id: int) -> Conversation:
    """The person's questionnaire in progress, as stored."""
    async with db.unit_of_work() as session:
        person = (await session.execute(select(Person).where(Person.telegram_id == telegram_id))).scalar_one()
        conversation = await session.get(Conversation, person.id)
        assert conversation is not None
        return conversation


async def press_on(api: FakeBotAPI, bot: DrivenBot, person: FakeUser, shown: SentMessage, label: str) -> list[str]:
    """Press a button of an earlier message (still on screen above); the texts of what the bot showed."""
    mark = api.mark(person.chat_id)
    api.press(person, shown, shown.button(label))
    await bot.deliver()
    return [m.text for m in api.messages(person.chat_id) if m.message_id > mark or m.edited]


async def test_a_year_typed_on_the_sessions_page_is_not_an_answer(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Asked their year, the person opens the menu (the question comes back under it), then « Rencontres » from that
    menu, and types 1990: not stored, they read that the check is paused and the year question again; the year they
    then type is its answer."""
    person = api.user(93001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in TO_THE_YEAR:
            await said(api, bot, person, step)
        menu, question = await said(api, bot, person, "/menu")
        assert BORN in question.text
        [page, *_] = await press_on(api, bot, person, menu, "Rencontres")
        assert BORN not in page
        [shown] = await said(api, bot, person, "1990")
        assert shown.text.startswith(PAUSED) and BORN in shown.text, shown.text
        conversation = await stored(db, person.id)
        assert conversation.step_id == "born" and "born" not in conversation.answers
        assert conversation.answers["in_france"] == "more"  # the earlier answers are kept
        [following] = await said(api, bot, person, "1990")
    assert HOUSEHOLD in following.text, following.text
    assert (await stored(db, person.id)).answers["born"] == "1990"


async def test_after_cancel_typed_text_is_not_an_answer(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """/cancel on the year question, then 1990 typed under its menu: not stored; the paused notice and the question."""
    person = api.user(93002, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in TO_THE_YEAR:
            await said(api, bot, person, step)
        await said(api, bot, person, "/cancel")
        [shown] = await said(api, bot, person, "1990")
        assert shown.text.startswith(PAUSED) and BORN in shown.text, shown.text
        assert "born" not in (await stored(db, person.id)).answers


async def test_the_question_above_a_page_still_takes_its_buttons(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """The person opens « Mes inscriptions » from the menu, then presses « Plus de 3 mois » on the question still
    above it: that is the answer, and the next question, shown, takes typed text again."""
    person = api.user(93003, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in TO_THE_YEAR[:-1]:
            await said(api, bot, person, step)
        menu, question = await said(api, bot, person, "/menu")
        assert IN_FRANCE in question.text
        await press_on(api, bot, person, menu, "Mes inscriptions")
        assert BORN in (await press_on(api, bot, person, question, "Plus de 3 mois"))[-1]
        [following] = await said(api, bot, person, "1990")
    assert HOUSEHOLD in following.text, following.text


async def test_anonymous_check_paused_by_the_information_pages(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Storage refused, anonymous check at the year question: /menu, « Informations », then 1990 typed is no answer
    (the paused notice and the year question); 1990 typed under that question is."""
    person = api.user(93004, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ANONYMOUS:
            await said(api, bot, person, step)
        assert BORN in (await said(api, bot, person, "press:Plus de 3 mois"))[-1].text
        [menu] = await said(api, bot, person, "/menu")
        await press_on(api, bot, person, menu, "Informations")
        [shown] = await said(api, bot, person, "1990")
        assert shown.text.startswith(PAUSED) and BORN in shown.text, shown.text
        [following] = await said(api, bot, person, "1990")
    assert HOUSEHOLD in following.text, following.text


async def test_a_reply_typed_to_a_reminder_is_not_an_answer(
    api: FakeBotAPI, db: Database, assistant: Assistant, real_budget: SharedBudget, telegram: Bot
) -> None:
    """Asked their year, the person gets a renewal reminder under the question and types 1990 (as if answering it):
    not stored, they read that the check is paused and the year question again; 1990 typed under it is the answer."""
    person = api.user(93005, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in TO_THE_YEAR:
            await said(api, bot, person, step)
        person_id = (await stored(db, person.id)).person_id
        await queue_renewal(db, person_id, NOW, "renewal-93005")
        mark = api.mark(person.chat_id)
        assert await drain(telegram, db, real_budget, lambda: NOW, SIGNER) == 1
        [reminder] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
        assert BORN not in reminder.text
        [shown] = await said(api, bot, person, "1990")
        assert shown.text.startswith(PAUSED) and BORN in shown.text, shown.text
        assert "born" not in (await stored(db, person.id)).answers
        [following] = await said(api, bot, person, "1990")
    assert HOUSEHOLD in following.text, following.text
    assert (await stored(db, person.id)).answers["born"] == "1990"
