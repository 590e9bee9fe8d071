"""The person's own buttons fit a phone in every language: the offers under a card, the menus."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs.bilingual import BUTTON
from dialogs.i18n import SOURCE_LANGUAGE, available_languages, translator
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from dialogs.results.blocks import Card, OfferButton
from dialogs.results.grid import OFFER_LABELS as GRID_OFFERS
from dialogs.results.rights import OFFER_LABELS as RIGHTS_OFFERS
from dialogs.text import msg
from faire_lien.assistant import Assistant
from faire_lien.core.runner import card_replies
from faire_lien.core.screens import info_menu, main_menu, unfinished
from faire_lien.person.offers import CANCEL_CALLBACK
from storage.db import Database
from storage.models import Conversation
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person

LANGUAGES = sorted({SOURCE_LANGUAGE, *available_languages()})
# The renewal reminder's button on the last day of each month of a year (the longest month names included).
RENEWALS = [msg("⏰ Me rappeler le {day}", "rights", day=date(2027, month, 28)) for month in range(1, 13)]
OFFERS = [*GRID_OFFERS.values(), *RIGHTS_OFFERS.values(), CANCEL_CALLBACK, *RENEWALS]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_offer_under_a_card_fits_a_phone(language: str) -> None:
    offers = tuple(OfferButton("session", label) for label in OFFERS)
    (reply,) = card_replies(Card(["🩺"], offers), translator(language), 7)
    labels = [button.label for row in reply.buttons for button in row]
    assert len(labels) == len(OFFERS)
    assert [label for label in labels if len(label) > BUTTON] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_menu_button_fits_a_phone(language: str) -> None:
    t = translator(language)
    labels = [button.label for menu in (main_menu(t), info_menu(t)) for row in menu.buttons for button in row]
    assert [label for label in labels if len(label) > BUTTON] == []


def test_the_call_back_button_says_who_in_a_few_words() -> None:
    assert translator("fr")(GRID_OFFERS["callback"]) == "📞 Parler à un travailleur social"
    assert translator("ar")(RIGHTS_OFFERS["callback"]) == "\u200f📞 التحدث مع أخصائي اجتماعي"


@pytest.mark.parametrize("language", LANGUAGES)
def test_resume_or_start_a_questionnaire_fits_a_phone_whatever_its_title(language: str) -> None:
    """ "Reprendre « Bien vieillir : repérage de la fragilité »" read 54 characters (« Devam et: “Sağlık hakları
    değerlendirmesi” », 42, for the rights check in Turkish): the title is cut to fit, as a survey's session's is."""
    t = translator(language)
    flows = list(load_flows(BUILTIN_DIRS, BUILDERS).values())
    long = [
        label
        for active in flows
        for new in flows
        for row in unfinished(t, active, Conversation(flow_id=active.id, started_at=NOW), new).buttons
        for label in (button.label for button in row)
        if len(label) > BUTTON
    ]
    assert long == []


async def test_cancel_offers_to_resume_a_long_titled_questionnaire_on_a_button_that_fits(
    assistant: Assistant, db: Database
) -> None:
    person = Person(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Questionnaire", "press:Bien vieillir"]:
        await person.do(step)
    await person.do("/cancel")
    resume = person.screen[0].labels()[0][0]
    assert resume == "Reprendre « Bien vieillir : repérage… »", resume
    assert len(resume) <= BUTTON
    await person.do("/menu")
    await person.do("press:Bilan")
    assert person.screen[0].labels()[0] == [resume]
