"""Digits as people type them and as their language writes them: Eastern Arabic (٠-٩), Persian (۰-۹), Latin (and
full width, ０-９, as Chinese and Japanese keyboards type them)."""

from __future__ import annotations

import re

from babel import Locale

EASTERN_ARABIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
FULL_WIDTH = "０１２３４５６７８９"
LATIN = "0123456789"
INVISIBLE = (
    "\u00ad\u061c\u180e"  # soft hyphen, Arabic letter mark, Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space, non-joiner and joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides, and their end (PDF)
    "\u2060\u2066\u2067\u2068\u2069\ufeff"  # word joiner, isolates and their end (PDI), BOM
)
"""Marks that show nothing (direction marks and isolates, zero-width spaces and joiners, soft hyphen, BOM):
right-to-left keyboards add them around numbers, and the bot's right-to-left texts carry them around figures."""
TO_LATIN = str.maketrans(EASTERN_ARABIC + PERSIAN + FULL_WIDTH + "٫٬", LATIN * 3 + ",\u202f", INVISIBLE)
"""Typed digits and the Arabic decimal and thousands separators read as Latin digits, comma and space; marks dropped."""
NATIVE = {"arabext": str.maketrans(LATIN, PERSIAN), "arab": str.maketrans(LATIN, EASTERN_ARABIC)}
"""CLDR numbering systems whose digits are not Latin (Babel formats with Latin digits and leaves them to us)."""
_GROUP = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_DECIMAL = re.compile(r"(?<=\d),(?=\d)")
_HOUR = re.compile(r"(?<=\d) ?[hH] ?(?=\d\d)")


def latin_digits(text: str) -> str:
    """ "۱۴:۳۰", "٠٦ ١٢" or "８" as "14:30", "06 12" or "8": any language types its own digits (`INVISIBLE` dropped)."""
    return text.translate(TO_LATIN)


def plain_number(text: str, longest: int = 9) -> int | None:
    """The whole number written with at most `longest` digits 0-9 ("12"), else None ("²", "-1", "1e3", "").

    `str.isdigit` also says yes to "²" and to other scripts' digits, which `int` refuses or reads, and `int`
    refuses more than 4 300 digits: a page number typed in an address or a form field is checked here instead.
    """
    if not 0 < len(text) <= longest or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def native_typing(text: str, locale: Locale) -> str:
    """An example typed the French way ("1 250,50", "25/03/2027", "14h30") as the locale's own digits write it.

    Persian reads "۱٬۲۵۰٫۵۰", "۲۵/۰۳/۲۰۲۷", "۱۴:۳۰" (its CLDR group, decimal and time separators, which the
    parsers read back); a locale writing Latin digits keeps the example as it is.
    """
    system = locale.default_numbering_system
    table = NATIVE.get(system)
    if table is None:
        return text
    symbols = locale.number_symbols[system]
    text = _GROUP.sub(symbols["group"], text)
    text = _DECIMAL.sub(symbols["decimal"], text)
    return _HOUR.sub(symbols["timeSeparator"], text).translate(table)
