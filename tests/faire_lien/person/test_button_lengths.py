"""The person's own buttons fit a phone in every language: the offers under a card, the menus."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs.bilingual import BUTTON
from dialogs.i18n import SOURCE_LANGUAGE, available_languages, translator
from dialogs.results.blocks import Card, OfferButton
from dialogs.results.grid import OFFER_LABELS as GRID_OFFERS
from dialogs.results.rights import OFFER_LABELS as RIGHTS_OFFERS
from dialogs.text import msg
from faire_lien.core.runner import card_replies
from faire_lien.core.screens import info_menu, main_menu
from faire_lien.person.offers import CANCEL_CALLBACK

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
