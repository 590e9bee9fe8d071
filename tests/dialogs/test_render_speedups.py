"""The translator's shortcuts (euros written without Babel per call, wrapped lines, kept lookups) change no text."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from babel import Locale

from dialogs.bidi import CONTROLS, has_controls
from dialogs.bilingual import Bilingual
from dialogs.completeness import shipped_languages
from dialogs.euros import Euros, babel_euros
from dialogs.i18n import cldr_locale, translator
from dialogs.present import REASON, STEP
from dialogs.text import Money, msg, plural

LANGUAGES = ["fr", *shipped_languages()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_euros_are_written_exactly_as_babel_writes_them(language: str) -> None:
    locale = Locale.parse(language)
    euros = Euros(locale)
    assert euros.fast, f"{language}: the shortcut does not reproduce Babel's pattern"
    rng = random.Random(language)
    amounts = [Decimal(rng.randint(0, 10**9)) / Decimal(rng.choice((1, 10, 100, 1000))) for _ in range(3000)]
    for amount in [*amounts, Decimal(0), Decimal("0.005"), Decimal("999.995"), Decimal(-12)]:
        assert euros(amount) == babel_euros(amount, locale), (language, amount)


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrapped_lines_and_kept_lookups_render_as_before(language: str) -> None:
    inner = msg(
        "{total} dépasse le plafond de la C2S gratuite ({free}) mais reste sous celui de la C2S avec "
        "participation ({limit}).",
        "rights",
        total=Money(Decimal("12000.5")),
        free=Money(Decimal(10339)),
        limit=Money(Decimal(13957)),
    )
    fixed = msg("Apportez une pièce d'identité, un justificatif de domicile et un RIB.", "rights")
    counted = plural("{n} personne", "{n} personnes", 3, "rights")
    dated = msg(
        "Vos droits à {cover} ont pris fin le {end}.", "rights", cover=msg("la C2S", "rights"), end=date(2026, 1, 31)
    )
    for t in (translator(language), Bilingual(language)):
        for message in (inner, fixed, counted, dated):
            for wrapper in (REASON, STEP):
                expected = t(msg(wrapper.msgid, wrapper.context, line=message))
                assert t.line(wrapper, message) == expected
                assert t.line(wrapper, message) == expected  # a second time, from what was kept
            assert t(message) == t(message)


def test_kept_euro_amounts_stay_in_the_language_and_amount_they_were_written_for() -> None:
    amounts = [Decimal(10339), Decimal("10339.00"), Decimal("2.8"), Decimal("2.80"), Decimal("12000.5")]
    expected = {
        (language, amount): babel_euros(amount, cldr_locale(language)).translate(translator(language)._native or {})
        for language in LANGUAGES
        for amount in amounts
    }
    for _ in range(2):  # the second time from what each translator kept, languages taking turns
        for amount in amounts:
            for language in LANGUAGES:
                t = translator(language)
                assert t.format(Money(amount)) == expected[language, amount], (language, amount)
                isolated = f"\u2068{expected[language, amount]}\u2069" if t.rtl else expected[language, amount]
                assert t(msg("{a} !", a=Money(amount))).endswith(f"{isolated} !"), (language, amount)
    assert translator("fr").money(Decimal("10339.00")) == "10\u202f339\xa0€"
    assert translator("en").money(Decimal("2.8")) == "€2.80"


def test_direction_controls_are_found_exactly() -> None:
    for code in range(0x2000, 0x2100):
        text = f"abc {chr(code)} def"
        assert has_controls(text) == (chr(code) in CONTROLS), hex(code)
    assert not has_controls("Ressources : 10 339 € ; فرانسه")
