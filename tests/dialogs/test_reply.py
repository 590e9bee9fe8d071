"""A long text is cut into messages Telegram takes: at most MAX_TEXT UTF-16 units each, nothing lost."""

from __future__ import annotations

import pytest

from dialogs.reply import MAX_TEXT, split_text, units


def utf16(text: str) -> int:
    """Telegram's count, computed apart from `units`: each character beyond U+FFFF takes two code units."""
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


def kept(pieces: list[str]) -> str:
    """The pieces joined, without the line breaks a cut may drop."""
    return "".join(pieces).replace("\n", "")


EMOJI_CARD = "\n\n".join(f"🟢 Droit n° {n} 🙏🩺📅🔒✅\n" + "🙂 " * 40 + "fin." for n in range(60))
"""A card rich in emoji: about 5 500 characters, 9 400 UTF-16 units."""
ARABIC_FRENCH = "\n\n".join(
    f"\u200f🟢 لديك الحق في التغطية الصحية التكميلية رقم {n}، وهي مجانية لمدة سنة واحدة.\n"
    f"🇫🇷 🟢 Vous avez droit à la Complémentaire santé solidaire n° {n}, gratuite pendant un an."
    for n in range(50)
)
"""A mediated card: each line in the person's language with the staff member's French under it."""


@pytest.mark.parametrize("text", [EMOJI_CARD, ARABIC_FRENCH], ids=["emoji", "arabic_french"])
def test_each_message_of_a_long_card_fits_telegram(text: str) -> None:
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(utf16(piece) <= MAX_TEXT for piece in pieces), [utf16(piece) for piece in pieces]
    assert kept(pieces) == text.replace("\n", "")


def test_a_card_within_the_limit_in_characters_but_not_in_units_is_cut() -> None:
    """3 000 characters of emoji are 6 000 UTF-16 units: two messages, not one Telegram refuses."""
    text = "\n".join("🙏" * 30 for _ in range(100))
    assert len(text) < MAX_TEXT < utf16(text)
    pieces = split_text(text)
    assert len(pieces) == 2 and all(utf16(piece) <= MAX_TEXT for piece in pieces)
    assert kept(pieces) == text.replace("\n", "")


def test_the_french_stays_with_its_line() -> None:
    """No message begins with the French of the line ending the message before it."""
    pieces = split_text(ARABIC_FRENCH)
    assert all(piece.startswith("\u200f🟢") for piece in pieces)


def test_a_line_too_long_for_one_message_is_cut_between_words_never_in_an_emoji() -> None:
    line = "🙏" * 2500 + " " + "mot " * 1500
    pieces = split_text(line)
    assert all(utf16(piece) <= MAX_TEXT for piece in pieces)
    assert all(not piece.startswith("ot ") for piece in pieces)  # a word is not cut in two
    assert kept(pieces) == line
    assert split_text("🙏" * 4500) == ["🙏" * 2000, "🙏" * 2000, "🙏" * 500]  # 2 000 emoji: 4 000 units
    assert split_text("🙏" * 5, limit=5) == ["🙏🙏", "🙏🙏", "🙏"]  # an odd limit keeps no half of an emoji


def test_units_count_as_telegram_does() -> None:
    assert units("Bonjour") == 7
    assert units("مرحبا 🇫🇷") == utf16("مرحبا 🇫🇷") == 10
    assert units("👩‍⚕️") == 5  # woman, joiner, staff of Aesculapius, variation selector


def test_a_short_text_is_one_message() -> None:
    assert split_text("\n🙏 Merci\n\nà bientôt\n") == ["🙏 Merci\n\nà bientôt"]
