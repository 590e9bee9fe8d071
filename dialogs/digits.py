"""Digits as people type them and as their language writes them: Eastern Arabic (٠-٩), Persian (۰-۹), Latin (and
full width, ０-９, as Chinese and Japanese keyboards type them)."""

from __future__ import annotations

import re
from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

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
WRITTEN_GROUP = {"pt": "."}
"""Where people write thousands otherwise than CLDR's own language: Portuguese readers group with a full stop (Brazil's
CLDR way, and Portugal's by long habit, where CLDR now says a space); their decimal sign stays the comma."""
_GROUP = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_DECIMAL = re.compile(r"(?<=\d),(?=\d)")
_HOUR = re.compile(r"(?<=\d) ?[hH] ?(?=\d\d)")
_FRENCH_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(?P<decimals>\d+))?$")
"""A number typed the French way: thousands grouped with spaces (or not), decimals after a comma."""


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


def written_number(text: str, locale: Locale, *, grouped: bool = True, point: bool = True) -> str:
    """A number typed the French way ("1 250,50") as the locale writes numbers: "1,250.50", "1.250,50", "۱٬۲۵۰٫۵۰".

    As many decimals as typed (none without `point` where the decimal sign is a point: "1,250"), thousands grouped
    only when `grouped`, Portuguese grouping with `WRITTEN_GROUP`'s full stop; French, and a text that is no such
    number, stay as typed (in the locale's digits, as `native_typing`).
    """
    found = _FRENCH_NUMBER.match(text)
    if found is None or locale.language == "fr":
        return native_typing(text, locale)
    decimals = found.group("decimals") or ""
    if not point and get_decimal_symbol(locale, numbering_system="default") == ".":
        text, decimals = text.split(",")[0], ""
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * len(decimals) if decimals else "")
    value = Decimal(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))
    written = format_decimal(value, format=pattern, locale=locale, numbering_system="default")
    group = WRITTEN_GROUP.get(locale.language)
    if group is not None and grouped:
        written = written.replace(get_group_symbol(locale), group)
    table = NATIVE.get(locale.default_numbering_system)
    return written.translate(table) if table else written
