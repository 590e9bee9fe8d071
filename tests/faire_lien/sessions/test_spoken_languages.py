"""The languages spoken at a session are named in the reader's language (« français et arabe »), never as codes."""

from __future__ import annotations

import pytest

from dialogs.bilingual import Bilingual
from dialogs.i18n import language_name, translator
from dialogs.text import Languages, msg
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.sessions.test_session_screens import publish

SPOKEN = msg("🗣 Langues : {languages}", "meeting", languages=Languages(("fr", "ar")))


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("fr", "🗣 Langues : français et arabe"),
        ("en", "🗣 Languages: French and Arabic"),
        ("ru", "🗣 Языки: французский и арабский"),
        ("fa", "\u200f🗣 زبان\u200cها: \u2068فرانسوی و عربی\u2069"),
    ],
)
async def test_the_session_card_names_its_languages(
    assistant: Assistant, db: Database, language: str, line: str
) -> None:
    await publish(db)  # spoken in "fr" and "ar"
    talker = Talker(assistant, db, who=Identity(telegram_id=91), language_hint=language)
    for step in ["/start", f"press:{language_name(language)}", f"raw:consent:yes:{language}", "raw:menu:sessions"]:
        await talker.do(step)
    await talker.send("action", talker.screen[-1].buttons[0][0].action)
    card = talker.screen[0].text
    assert line in card.split("\n"), card
    assert "fr, ar" not in card


def test_in_mediated_mode_each_language_names_them_its_own_way() -> None:
    theirs, ours = Bilingual("uk")(SPOKEN).split(" · ")
    assert (theirs, ours) == ("🗣 Мови: французька і арабська", "🗣 Langues : français et arabe")


def test_a_code_no_language_has_is_shown_as_typed() -> None:
    said = translator("en")(msg("🗣 Langues : {languages}", "meeting", languages=Languages(("fr", "lsf?"))))
    assert said == "🗣 Languages: French and lsf?"
