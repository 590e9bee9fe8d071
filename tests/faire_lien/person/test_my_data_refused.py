"""/mydata: a refusal is called a refusal; mid-questionnaire the question comes back after the file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

SAID = {
    "Français": ("refusé le 22 novembre 2026", "accord donné"),
    "English": ("refused on November 22, 2026", "consent given"),
}


@pytest.mark.parametrize("language", list(SAID))
async def test_a_refusal_is_called_a_refusal(
    api: FakeBotAPI, db: Database, assistant: Assistant, language: str
) -> None:
    """Language, "I refuse", then /mydata: the summary names the refusal and its day."""
    person = api.user(83001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        api.send_text(person, "/start")
        await bot.deliver()
        for label in (language, "Je refuse" if language == "Français" else "I do not agree"):
            shown = api.messages(person.chat_id)[-1]
            api.press(person, shown, shown.button(label))
            await bot.deliver()
        mark = api.mark(person.chat_id)
        api.send_text(person, "/mydata")
        await bot.deliver()
    summary = next(m for m in api.messages(person.chat_id) if m.message_id > mark)
    refused, given = SAID[language]
    assert refused in summary.text and given not in summary.text, summary.text


async def test_mydata_mid_questionnaire_then_the_question(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Third question of the rights check, /mydata: the summary, the file, then that question again to go on."""
    person = api.user(83002, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        await said(api, bot, person, "press:Plus de 3 mois")
        summary, document, question = await said(api, bot, person, "/mydata")
    assert summary.text.startswith("Voici tout ce qui est enregistré sur vous")
    assert document.document is not None and document.document[0] == "mes-donnees.json"
    assert BORN in question.text and "◀ Retour" in question.labels


async def test_consent_given_after_midnight_in_paris_is_dated_that_day(
    api: FakeBotAPI, db: Database, flows: dict[str, Flow]
) -> None:
    """« J'accepte » at 00:30 in Paris on 1 December (23:30 UTC the day before): /mydata says 1 December."""
    after_midnight = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    shipped = {k: v for k, v in flows.items() if k != "all_kinds"}
    assistant = Assistant(shipped, available_languages(), clock=lambda: after_midnight)
    person = api.user(83003, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte"):
            await said(api, bot, person, step)
        summary, _document, _menu = await said(api, bot, person, "/mydata")
    assert "accord donné le 1er décembre 2026" in summary.text, summary.text


@pytest.mark.parametrize(
    ("language", "agree", "named"),
    [("Français", "J'accepte", "• Langue : Français ;"), ("English", "I agree", "• Language: English;")],
)
async def test_the_summary_names_the_language_chosen(
    api: FakeBotAPI, db: Database, assistant: Assistant, language: str, agree: str, named: str
) -> None:
    """/mydata names the language as the language button did, not by its code (« fr », « en »)."""
    person = api.user(83004, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", f"press:{language}", f"press:{agree}"):
            await said(api, bot, person, step)
        summary, _document, _menu = await said(api, bot, person, "/mydata")
    assert named in summary.text, summary.text
