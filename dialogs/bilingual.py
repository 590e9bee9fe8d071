"""Two languages at once for a mediated conversation: the person's language, with the French under it."""

from __future__ import annotations

from dialogs.i18n import Translator, translator
from dialogs.text import Msg

SHORT = 60
"""Labels (no final punctuation, up to this length) share one line; sentences get a line each."""


class Bilingual(Translator):
    """Translates into the person's language and adds the French source under (or beside) it."""

    def __init__(self, language: str) -> None:
        self.person = translator(language)
        super().__init__(self.person.language, self.person._catalog)
        self.french = translator("fr")

    def __call__(self, message: Msg | str, context: str | None = None) -> str:
        """ "Question?\\n🇫🇷 Question ?" for sentences, "Yes · Oui" for labels; French alone stays single."""
        theirs = self.person(message, context)  # each language renders its own nested parts
        source = self.french(message, context)
        if theirs == source:
            return theirs
        sentence = source.rstrip().endswith(("?", ".", ":", "!", "…"))
        if not sentence and len(theirs) <= SHORT and "\n" not in theirs:
            return f"{theirs} · {source}"
        return f"{theirs}\n🇫🇷 {source}"

    def line(self, wrapper: Msg, inner: Msg) -> str:
        """Both languages for the whole wrapped line, as for any other message."""
        return self(Msg(wrapper.msgid, wrapper.context, {"line": inner}))
