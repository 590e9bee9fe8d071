"""Amounts read with the euro sign in every language, as on the letters and prices the person sees in France."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.completeness import shipped_languages
from dialogs.i18n import translator
from dialogs.text import Money


@pytest.mark.parametrize("language", ["fr", *shipped_languages()])
def test_every_language_writes_the_euro_sign(language: str) -> None:
    written = translator(language).format(Money(Decimal("9480")))
    assert "€" in written and "EUR" not in written, written


def test_ukrainian_and_romanian_read_the_sign_where_their_locale_puts_the_currency() -> None:
    assert translator("uk").format(Money(Decimal("9480"))) == "9\u00a0480\u00a0€"  # CLDR alone: « 9 480 EUR »
    assert translator("ro").format(Money(Decimal("2.80"))) == "2,80\u00a0€"
