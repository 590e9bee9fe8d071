"""Administrative words are explained once, under the first message that holds them, in the reader's language."""

from __future__ import annotations

from dialogs.glossary import explain, glossary
from dialogs.i18n import RLM, translator
from dialogs.reply import MAX_TEXT, Button, Reply

FR = translator("fr")


def test_the_glossary_explains_the_seven_administrative_words() -> None:
    """CGSS: the overseas card names it where the mainland card names the CPAM (`dialogs/rights/bodies.py`)."""
    assert [term.term for term in glossary()] == ["C2S", "AME", "CPAM", "CGSS", "carte Vitale", "PASS", "ameli"]


def test_a_word_is_explained_once_under_the_first_message_holding_it() -> None:
    replies = [Reply("Demandez la C2S à votre CPAM."), Reply("La C2S est gratuite.")]
    shown, explained = explain(replies, FR, seen=[])
    assert explained == ["c2s", "cpam"]
    first = shown[0].text.split("\n")
    assert first[0] == "Demandez la C2S à votre CPAM."
    assert first[2].startswith("📖 C2S (complémentaire santé solidaire) : une aide qui paie")
    assert first[3].startswith("📖 CPAM (caisse primaire d'assurance maladie)")
    assert shown[1] == replies[1]


def test_words_already_seen_are_not_explained_again() -> None:
    replies = [Reply("Demandez la C2S à votre CPAM.")]
    shown, explained = explain(replies, FR, seen=["c2s", "cpam"])
    assert (shown, explained) == (replies, [])


def test_a_word_is_found_on_its_own_only() -> None:
    shown, explained = explain([Reply("Ouvrez votre compte ameli, passez à la PASSERELLE.")], FR, seen=[])
    assert explained == ["ameli"]  # « AME » is not in « ameli », « PASS » not in « PASSERELLE »
    assert "📖 ameli : le site et l'application" in shown[0].text


def test_the_explanation_is_in_the_readers_language() -> None:
    shown, _ = explain([Reply("Bring your carte Vitale.")], translator("en"), seen=[])
    assert shown[0].text.endswith(
        "📖 carte Vitale: the green health insurance card to show at the doctor's, "
        "the pharmacy or the hospital so that you are refunded without sending any papers."
    )
    arabic, _ = explain([Reply("‏اذهب إلى PASS")], translator("ar"), seen=[])
    assert arabic[0].text.split("\n")[-1].startswith(f"{RLM}📖 ")


def test_notes_that_would_make_a_full_message_too_long_for_telegram_come_in_their_own() -> None:
    """A long card's message already near the limit: its text unchanged, the notes next, the buttons under them."""
    full = "🟢 Demandez la C2S à votre CPAM.\n" + "🙏 " * 1300  # 3 900 UTF-16 units
    buttons = ((Button("🏠 Menu", "menu"),),)
    shown, explained = explain([Reply(full, buttons)], FR, seen=[])
    assert explained == ["c2s", "cpam"]
    assert shown[0].text == full and shown[0].buttons == ()
    assert shown[1].text.startswith("📖 C2S (complémentaire santé solidaire)") and shown[1].buttons == buttons
    assert all(len(reply.text.encode("utf-16-le")) // 2 <= MAX_TEXT for reply in shown)
