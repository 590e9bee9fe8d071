"""Translate and format messages in a person's language with Babel catalogs and CLDR data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from dialogs.bidi import contained, has_controls
from dialogs.dates import format_day, format_hour
from dialogs.digits import INVISIBLE, NATIVE, native_typing, written_number
from dialogs.euros import Euros
from dialogs.text import Day, Figures, Languages, Money, Msg, Param, Typed, TypedNumber

SOURCE_LANGUAGE = "fr"
FSI, PDI, RLM = "\u2068", "\u2069", "\u200f"
"""Unicode first-strong isolate, pop directional isolate, right-to-left mark (UAX #9)."""
MIRRORED = str.maketrans("◀▶→←", "▶◀←→")
"""Arrows that point the reading way: "◀ Retour" reads "▶ رجوع" (they are not mirrored by Unicode's bidi rules)."""
DOMAIN = "messages"
KEPT = 8192
"""Entries each of a translator's caches keeps at most (far more than the catalog's messages), then starts again:
text typed by staff at run time must not make them grow for ever."""
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
CLDR_LOCALES = {"pt": "pt_PT", "fa": "fa_IR"}
DAY = "MMMMEd"
"""The CLDR skeleton of a `Day` parameter: weekday, day and month ("mer. 25 novembre", "Wed, November 25")."""
"""Catalogs whose text is one country's variety take that country's CLDR data (plural rules, numbers, dates, the
language's name): the Portuguese catalog is European Portuguese, the Persian one Iranian Persian (not Dari)."""
K = TypeVar("K")
V = TypeVar("V")


class Translator:
    """Texts for one language: gettext lookup with context, then Babel formatting of parameters."""

    def __init__(self, language: str, catalog: NullTranslations) -> None:
        self.language = language
        self.locale = cldr_locale(language)
        self._catalog = catalog
        self.rtl = self.locale.character_order == "right-to-left"
        self._euros = Euros(self.locale)
        self._native = NATIVE.get(self.locale.default_numbering_system)
        """The locale's digits for Latin ones; None when it writes Latin digits (Babel's lookup is slow: done once)."""
        # Catalogs and CLDR data do not change while the process runs: lookups and formatted values are kept.
        self._templates: dict[tuple[str | None, str], str] = {}
        self._plurals: dict[tuple[str | None, str, str, int], str] = {}
        self._values: dict[int | Decimal | date, str] = {}
        self._amounts: dict[Decimal, str] = {}
        """Euro amounts written so far: equal amounts are written alike ("10" and "10.00" both "10 €")."""
        self._finals: dict[tuple[str | None, str], str] = {}
        self._lines: dict[tuple[str, str], tuple[str, str] | None] = {}
        self._fixed_lines: dict[tuple[tuple[str, str], str | None, str], str] = {}

    def __call__(self, message: Msg | str, context: str | None = None) -> str:
        """The message in this language with its parameters formatted."""
        if isinstance(message, str):
            message = Msg(message, context)
        if not message.params:
            key = (message.context, message.msgid)
            found = self._finals.get(key)
            if found is None:
                found = _keep(self._finals, key, self._direction(self.raw(message.msgid, message.context)))
            return found
        if message.plural is not None:
            count = message.params["n"]
            assert isinstance(count, int)
            template = self.raw_plural(message.msgid, message.plural, count, message.context)
        else:
            template = self.raw(message.msgid, message.context)
        param = self._param
        values = {name: param(value) for name, value in message.params.items()}
        text = (one_stop(template, values) if "}." in template else template).format_map(values)
        return self._direction(text) if self.rtl else text

    def line(self, wrapper: Msg, inner: Msg) -> str:
        """A wrapper such as "• {line}" around `inner`, as `self` renders it with `line=inner`, built once.

        A result card wraps every reason and step this way; the wrapper's translation is split once.
        """
        return self.each_line(wrapper, (inner,))[0]

    def each_line(self, wrapper: Msg, inners: Sequence[Msg]) -> list[str]:
        """`line` for each of `inners` (a card section's reasons, its next steps), the wrapper looked up once."""
        key = (wrapper.context or "", wrapper.msgid)
        parts = self._lines.get(key)
        if parts is None:
            translated = self.raw(wrapper.msgid, wrapper.context)
            before, marker, after = translated.partition("{line}")
            plain = marker and "{" not in before + after and "}" not in before + after
            parts = _keep(self._lines, key, (before, after) if plain else None)
        if parts is None:
            return [self(Msg(wrapper.msgid, wrapper.context, {"line": inner})) for inner in inners]
        found: list[str] = []
        for inner in inners:
            if inner.params or inner.plural is not None:
                wrapped = self._wrapped(parts, inner)
                found.append(self._direction(wrapped) if self.rtl else wrapped)
                continue
            fixed = (key, inner.context, inner.msgid)
            text = self._fixed_lines.get(fixed)
            if text is None:
                text = _keep(self._fixed_lines, fixed, self._direction(self._wrapped(parts, inner)))
            found.append(text)
        return found

    def _wrapped(self, parts: tuple[str, str], inner: Msg) -> str:
        """`inner` between the wrapper's two parts, one full stop where both end a sentence."""
        text = self._isolate(self(inner))
        after = parts[1][1:] if parts[1].startswith(".") and ends_with_stop(text) else parts[1]
        return f"{parts[0]}{text}{after}"

    def _param(self, value: Param | Msg) -> str:
        """A parameter formatted and isolated; numbers, amounts and dates formatted here carry no direction control."""
        # The frequent kinds first, by their exact type (cheaper than isinstance): a card formats a dozen parameters.
        if type(value) is str:
            return self._isolate(value)
        if type(value) is Msg:
            return self._isolate(self(value))
        if type(value) is Money:
            text = self.money(value.amount)
            return f"{FSI}{text}{PDI}" if self.rtl and text else text
        if type(value) is int or type(value) is Decimal:
            text = self._number(value)
            return f"{FSI}{text}{PDI}" if self.rtl and text else text
        text = self.format(value)
        if isinstance(value, str | Msg | Figures | Typed | TypedNumber | Languages):
            return self._isolate(text)
        return f"{FSI}{text}{PDI}" if self.rtl and text else text

    def _isolate(self, text: str) -> str:
        """In a right-to-left language, numbers, amounts, dates and Latin words keep their own order; in any language,
        a value with direction overrides (typed by someone) keeps them inside it (`dialogs/bidi.py`)."""
        if has_controls(text):
            return contained(text)
        return f"{FSI}{text}{PDI}" if self.rtl and text else text

    def lines(self, text: str) -> str:
        """Lines put together from translated parts ("• {title} — {day} ({status})"), each starting the reading way:
        in Arabic and Persian, a line opening on a Latin title still reads right to left."""
        return self._direction(text)

    def _direction(self, text: str) -> str:
        """In a right-to-left language every line starts with a right-to-left mark ("ℹ️ C2S …" reads right to left)."""
        if not self.rtl or not text:
            return text
        return "\n".join(line if not line or line.startswith(RLM) else f"{RLM}{line}" for line in text.split("\n"))

    def raw(self, msgid: str, context: str | None = None) -> str:
        """The translated string, or the French source when untranslated."""
        key = (context, msgid)
        found = self._templates.get(key)
        if found is None:
            found = _keep(self._templates, key, self._lookup(msgid, context))
        return found

    def _lookup(self, msgid: str, context: str | None) -> str:
        found = self._catalog.gettext(msgid) if context is None else self._catalog.pgettext(context, msgid)
        return self._mirror(str(found))

    def _mirror(self, text: str) -> str:
        """Arrows of a catalog text point the reading way."""
        return text.translate(MIRRORED) if self.rtl else text

    def raw_plural(self, singular: str, plural_form: str, n: int, context: str | None = None) -> str:
        """The plural form for `n` in this language (French rules for the source text)."""
        key = (context, singular, plural_form, n)
        found = self._plurals.get(key)
        if found is None:
            found = _keep(self._plurals, key, self._lookup_plural(singular, plural_form, n, context))
        return found

    def _lookup_plural(self, singular: str, plural_form: str, n: int, context: str | None) -> str:
        if not isinstance(self._catalog, Translations):
            return singular if self.locale.plural_form(n) == "one" else plural_form
        if context is None:
            return self._mirror(str(self._catalog.ngettext(singular, plural_form, n)))
        return self._mirror(str(self._catalog.npgettext(context, singular, plural_form, n)))

    def format(self, value: Param | Msg) -> str:
        """A number, date or nested message written the way this locale writes it."""
        if isinstance(value, Msg):
            return self(value)
        if isinstance(value, Money):
            return self.money(value.amount)
        if isinstance(value, Figures):
            return self.digits(value.text)
        if isinstance(value, Typed):
            return self.typed(value.text)
        if isinstance(value, TypedNumber):
            return written_number(value.text, self.locale, grouped=value.grouped, point=value.point)
        if isinstance(value, Day):
            return self.date(value.day, DAY)
        if isinstance(value, Languages):
            return self.languages(value.codes)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int | Decimal | date):
            return self._number(value)
        return value

    def _number(self, value: int | Decimal | date) -> str:
        """A number or a date as this locale writes it, formatted once."""
        found = self._values.get(value)
        if found is None:
            found = _keep(self._values, value, self._format_value(value))
        return found

    def _format_value(self, value: int | Decimal | date) -> str:
        if isinstance(value, date):
            return self.date(value)
        return self.digits(format_decimal(value, locale=self.locale, numbering_system="default"))

    def digits(self, text: str) -> str:
        """Latin digits as this locale writes digits, nothing else changed ("1976" → "۱۹۷۶" in Persian)."""
        return text.translate(self._native) if self._native else text

    def typed(self, example: str) -> str:
        """An example typed the French way as this locale writes it ("1 250,50" → "۱٬۲۵۰٫۵۰" in Persian)."""
        return native_typing(example, self.locale)

    def date(self, value: date, width: str = "long") -> str:
        """ "1er avril 2026", "April 1, 2026": a CLDR width (long, full…) or skeleton ("MMMd")."""
        return self.digits(format_day(value, width, self.locale))

    def time(self, value: datetime | time) -> str:
        """A time of day as the locale writes it ("14:00", "2:00 PM", "۱۴:۰۰")."""
        return self.digits(format_hour(value, self.locale))

    def languages(self, codes: tuple[str, ...]) -> str:
        """ "français et arabe", "French and Arabic": named in this language; a code CLDR does not know as it is."""
        return str(format_list([self._language(code) for code in codes], locale=self.locale)) if codes else ""

    def _language(self, code: str) -> str:
        try:
            name = cldr_locale(code).get_display_name(self.locale)
        except (UnknownLocaleError, ValueError):
            return code
        return name or code

    def money(self, amount: Decimal) -> str:
        """Euros with cents only when there are any: "10 339 €", "2,80 €", "€10,339"."""
        found = self._amounts.get(amount)
        if found is None:
            found = _keep(self._amounts, amount, self.digits(self._euros(amount)))
        return found


def ends_with_stop(text: str) -> bool:
    """Whether a formatted value ends with a full stop, direction marks aside ("1 апреля 2026 г.", "1er avr.")."""
    return text.rstrip(INVISIBLE).endswith(".")


def one_stop(template: str, values: dict[str, str]) -> str:
    """The template without its full stop right after a value that ends with one: a Russian or Ukrainian long date
    ("2026 г."), an abbreviated month ("1er avr.") ends the sentence with its own stop, never "2026 г..".
    """
    if "}." not in template:
        return template
    for name, text in values.items():
        placed = f"{{{name}}}."
        if placed in template and ends_with_stop(text):
            template = template.replace(placed, f"{{{name}}}")
    return template


def cldr_locale(language: str) -> Locale:
    """The CLDR locale behind a catalog: `pt` is European Portuguese, `fa` Iranian Persian."""
    return Locale.parse(CLDR_LOCALES.get(language, language))


def _keep(cache: dict[K, V], key: K, value: V) -> V:
    """Store `value` under `key`, emptying the cache first when it is full."""
    if len(cache) >= KEPT:
        cache.clear()
    cache[key] = value
    return value


def available_languages(locales_dir: Path = LOCALES_DIR) -> list[str]:
    """French plus every language with a compiled catalog, in a stable order."""
    found = {p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def language_name(code: str) -> str:
    """The language's own name, capitalised, with the country for one country's variety ("Português (Portugal)")."""
    locale = cldr_locale(code)
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def best_language(hint: str | None, languages: list[str]) -> str:
    """The supported language closest to Telegram's language_code, else French.

    CLDR's language aliases name the language a code stands for: Dari ("prs") is Persian, Moldovan ("mo") is
    Romanian, three-letter codes ("ukr", "ara") their two-letter ones.
    """
    if hint:
        base = hint.replace("-", "_").split("_")[0].lower()
        alias = str(get_global("language_aliases").get(base, base))
        for code in (base, alias.split("_")[0]):
            if code in languages:
                return code
    return SOURCE_LANGUAGE


@lru_cache(maxsize=64)
def translator(language: str, locales_dir: Path = LOCALES_DIR) -> Translator:
    """A cached translator; unknown languages fall back to French."""
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        language = SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return Translator(language, NullTranslations())
    catalog = Translations.load(str(locales_dir), [language], DOMAIN)
    return Translator(language, catalog)
