"""A mediated button pairs two languages; each half reads as written, whichever way the other half reads."""

from __future__ import annotations

import re

import pytest
from bidi import get_display

from dialogs.bidi import visible
from dialogs.bilingual import BUTTON, Bilingual, paired
from dialogs.i18n import available_languages, translator
from dialogs.steps.nav import BACK, RESTART, SKIP

CONTROLS = re.compile("[\u200e\u200f\u2066-\u2069]")


def shown(label: str) -> str:
    """The label as a screen draws it, left to right (UAX #9, python-bidi), without its invisible marks."""
    return CONTROLS.sub("", str(get_display(label)))


def drawn(arabic: str) -> str:
    """Arabic or Persian letters in the order a screen draws them, left to right."""
    return arabic[::-1]


@pytest.mark.parametrize(("language", "back"), [("ar", "رجوع"), ("fa", "برگشت")])
def test_each_half_of_a_right_to_left_back_button_keeps_its_arrow_and_words(language: str, back: str) -> None:
    """« ◀ Retour » on the left as the mediator reads it, « ▶ رجوع » on the right as the person reads it; before, the
    French half showed « Retour ◀ »."""
    label = Bilingual(language)(BACK)
    assert label == f"\u200f\u2067▶ {back}\u2069 · \u2066◀ Retour\u2069"
    assert shown(label) == f"◀ Retour · {drawn(back)} ▶"


def test_restart_and_skip_read_as_written_in_arabic() -> None:
    both = Bilingual("ar")
    assert shown(both(RESTART)) == f"↺ Recommencer · {drawn('البدء من جديد')} ↺"
    assert shown(both(SKIP)) == f"Passer · {drawn('تخطي')}"


def test_a_mediator_reading_arabic_sees_their_half_on_the_right() -> None:
    """A person speaking French, a mediator reading Arabic: the French first, on the left, each half as written."""
    label = Bilingual("fr", "ar")(BACK)
    assert label == "\u200e\u2066◀ Retour\u2069 · \u2067▶ رجوع\u2069"
    assert shown(label) == f"◀ Retour · {drawn('رجوع')} ▶"


def test_two_left_to_right_languages_need_no_marks() -> None:
    assert Bilingual("uk")(BACK) == "◀ Назад · ◀ Retour"
    assert Bilingual("es", "en")(RESTART) == "↺ Empezar de nuevo · ↺ Start over"


def test_the_marks_take_no_room_on_a_button() -> None:
    """A label that fits a phone with both halves keeps them: its invisible marks are not counted."""
    both = Bilingual("ar")
    label = both(BACK)
    assert visible(label) == len("▶ رجوع · ◀ Retour")
    assert both.button(label) == (label, None)


@pytest.mark.parametrize("reader", available_languages())
def test_restart_reads_in_both_languages_whole_on_a_phone_for_every_pair(reader: str) -> None:
    """« ↺ Recommencer » under a mediated question names both languages' words, as « ◀ Retour » does, within a phone's
    40 characters: whichever language the mediator reads and whichever the person speaks."""
    for spoken in available_languages():
        if spoken == reader:
            continue
        both = Bilingual(spoken, reader)
        theirs, staff = translator(spoken), translator(reader)
        label = both(RESTART)
        assert label == paired(theirs(RESTART), theirs.rtl, staff(RESTART), staff.rtl)
        assert theirs(RESTART) != staff(RESTART) and visible(label) <= BUTTON
        assert both.button(label) == (label, None)  # never cut to the person's language alone
