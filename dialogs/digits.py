"""Digits as people type them and as their language writes them: Eastern Arabic (٠-٩), Persian (۰-۹), Latin."""

from __future__ import annotations

from babel import Locale

EASTERN_ARABIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
LATIN = "0123456789"
TO_LATIN = str.maketrans(EASTERN_ARABIC + PERSIAN + "٫٬", LATIN + LATIN + ",\u202f")
"""Typed digits and the Arabic decimal and thousands separators, read as Latin digits, comma and space."""
NATIVE = {"arabext": str.maketrans(LATIN, PERSIAN), "arab": str.maketrans(LATIN, EASTERN_ARABIC)}
"""CLDR numbering systems whose digits are not Latin (Babel formats with Latin digits and leaves them to us)."""


def latin_digits(text: str) -> str:
    """ "۱۴:۳۰" or "٠٦ ١٢" as "14:30" or "06 12", so every language may type its own digits."""
    return text.translate(TO_LATIN)


def native_digits(text: str, locale: Locale) -> str:
    """Latin digits in the digits of the locale's own numbering system ("1404" → "۱۴۰۴" in Persian)."""
    table = NATIVE.get(locale.default_numbering_system)
    return text.translate(table) if table else text
