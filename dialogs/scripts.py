"""The language a first message is written in, guessed from its letters, for someone whose device says none we offer.

Only letters that belong to one of the offered languages count: Persian's own letters (پ چ ژ گ ک ی) or
digits before Arabic script; Ukrainian's own letters (і ї є ґ) before Cyrillic; then a few Latin letters
found in one offered language only (Turkish ğ ı, Romanian ă ș ț, Spanish ñ ¿ ¡, Portuguese ã õ). Anything
else (English, French, emoji, Chinese…) guesses nothing, and the caller keeps French.
"""

from __future__ import annotations

_CLUES: tuple[tuple[str, str], ...] = (
    ("fa", "پچژگکی۰۱۲۳۴۵۶۷۸۹"),
    ("ar", "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوي"),
    ("uk", "іїєґІЇЄҐ"),
    ("ru", "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
    ("tr", "ğĞıİ"),
    ("ro", "ăĂșȘțȚţŢ"),
    ("es", "ñÑ¿¡"),
    ("pt", "ãÃõÕ"),
)
"""In order: the first language one of whose letters the text holds (Persian before Arabic, Ukrainian before
Russian, as the first share the script of the second)."""


def language_of_script(text: str, languages: list[str]) -> str | None:
    """The offered language the text's letters point to, or None when they point to none."""
    letters = set(text)
    for language, clues in _CLUES:
        if language in languages and letters & set(clues):
            return language
    return None
