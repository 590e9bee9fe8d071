"""Two languages at once for a mediated conversation: the person's language, with the French under it."""

from __future__ import annotations

from dialogs.i18n import Translator, translator
from dialogs.text import Msg

SHORT = 40
"""Up to this length (button labels), both versions share one line; longer texts get a line each."""


class Bilingual(Translator):
    """Translates into the person's language and adds the French source under (or beside) it."""

    def __init__(self, language: str) -> None:
        person = translator(language)
        super().__init__(person.language, person._catalog)
        self.french = translator("fr")

    def __call__(self, message: Msg | str, context: str | None = None) -> str:
        """ "Question ?\\n🇫🇷 Question ?" — or "Oui · Yes" for short labels; French alone stays single."""
        theirs = super().__call__(message, context)
        source = self.french(message, context)
        if theirs == source:
            return theirs
        if len(theirs) <= SHORT and "\n" not in theirs:
            return f"{theirs} · {source}"
        return f"{theirs}\n🇫🇷 {source}"
