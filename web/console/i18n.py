"""The console's own texts (the `console` Babel domain): French source, English complete, others fall back.

Texts the bot also shows (session kinds, survey questions, the yearly report's lines) come from the
`messages` domain through `dialogs.i18n.translator`, in the same language as the console.
"""

from __future__ import annotations

from functools import lru_cache

from babel import UnknownLocaleError
from babel.support import NullTranslations, Translations

from dialogs.i18n import LOCALES_DIR, SOURCE_LANGUAGE, cldr_locale

DOMAIN = "console"


def console_languages() -> list[str]:
    """French plus every language with a compiled console catalog."""
    found = {p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def console_language(wanted: str) -> str:
    """The console's language for a staff member who uses the bot in `wanted`: that one when translated, else French."""
    return wanted if wanted in console_languages() else SOURCE_LANGUAGE


class FrenchSource(NullTranslations):
    """The French source texts, with French plural rules: "0 personne", "1 personne", "2 personnes"."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """Singular for 0 and 1, as French writes them (gettext's default would pick the plural for 0)."""
        return msgid1 if n in (0, 1) else msgid2

    ungettext = ngettext
    """The name Jinja's `ngettext()` looks up first (Babel binds it to gettext's "plural for 0" otherwise)."""


@lru_cache(maxsize=16)
def catalog(language: str) -> NullTranslations:
    """The console catalog of one language (the French source needs none)."""
    if language == SOURCE_LANGUAGE or language not in console_languages():
        return FrenchSource()
    return Translations.load(str(LOCALES_DIR), [language], DOMAIN)


def N_(msgid: str) -> str:  # noqa: N802 - gettext's conventional marker name
    """Mark a console text for extraction; templates translate it when they show it."""
    return msgid


def fallback_notice(wanted: str) -> tuple[str, str] | None:
    """When the staff member's bot language has no console catalog: its name and the language shown instead, both
    named as the page's language writes them ("arabe", "français"), as the words of its sentence."""
    shown = console_language(wanted)
    if wanted == shown:
        return None
    return named_in(wanted, shown), named_in(shown, shown)


def named_in(code: str, reader: str) -> str:
    """A language named in the reader's language ("persan (Iran)" for fa in French); its code when CLDR has none."""
    try:
        return cldr_locale(code).get_display_name(cldr_locale(reader)) or code
    except (UnknownLocaleError, ValueError):
        return code
