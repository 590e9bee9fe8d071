"""A message between a person and staff is counted as Telegram counts it (an emoji two, an Arabic letter one): over
3 500 it is refused whole, both counts said; up to 3 500 it reaches the other side whole, in one message."""

from __future__ import annotations

from dialogs.i18n import translator
from faire_lien.assistant import Assistant
from faire_lien.cases.texts import too_long_refusal
from storage.db import Database
from storage.models import CaseMessage
from tests.faire_lien.cases.conftest import ASK_FOR_HELP, Chats, Talker, help_taken, talker
from tests.support.db import rows

GROUP = "\u202f"
"""How French groups the thousands of a count (a narrow no-break space)."""
TELEGRAM_MOST = 4096
"""The longest text message Telegram delivers, in UTF-16 units."""

EMOJI_LONGEST = "🙏" * 1750
"""3 500 units (1 750 characters to Python): the longest an emoji message may be."""
ARABIC_LONGEST = ("شكرا جزيلا لكم " * 250)[:3499] + "م"
"""3 500 Arabic letters and spaces, one unit each, ending with a letter (the outer blanks are not counted)."""


def utf16(text: str) -> int:
    """The text's length as Telegram counts it, computed apart from the code under test."""
    return len(text.encode("utf-16-le")) // 2


async def in_conversation(assistant: Assistant, db: Database) -> tuple[Chats, Talker, Talker]:
    """Marie took Amina's request and wrote to her; Amina's typing now goes to Marie."""
    chats, marie, amina = await help_taken(assistant, db)
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Bonjour, quelle question vous pose souci ?")
    await chats.deliver()
    return chats, marie, amina


async def test_a_person_s_emoji_message_over_the_limit_is_refused_with_both_counts(
    assistant: Assistant, db: Database
) -> None:
    """1 751 emoji: fewer than 3 500 characters to Python, 3 502 to Telegram: refused, nothing reaches Marie."""
    chats, _marie, amina = await in_conversation(assistant, db)
    await amina.do(f"type:{EMOJI_LONGEST}🙏")
    (refused,) = amina.screen
    assert refused.text == (
        f"Votre message compte 3{GROUP}502 caractères, c'est trop : 3{GROUP}500 caractères au plus (un emoji compte "
        "pour deux). "
        "Rien n'a été envoyé : coupez-le en deux messages, puis envoyez-les l'un après l'autre."
    )
    assert refused.labels() == [["↩️ Revenir au bot"]]
    assert await chats.deliver() == {}
    assert len(await rows(db, CaseMessage)) == 1  # Marie's only

    await amina.do(f"type:{EMOJI_LONGEST}")
    assert amina.screen[0].text.startswith("✉️ Transmis. Vous parlez avec une personne de l'équipe")
    (relayed,) = (await chats.deliver())[501]  # one message, the whole text in it
    assert relayed.text.startswith("💬 Demande n° 1 (demande d'aide sur une question) — la personne a écrit :")
    assert EMOJI_LONGEST in relayed.text and utf16(relayed.text) <= TELEGRAM_MOST


async def test_arabic_counts_one_per_letter_up_to_the_limit(assistant: Assistant, db: Database) -> None:
    """3 501 Arabic letters are refused saying « 3 501 caractères »; 3 500 reach Marie whole."""
    chats, _marie, amina = await in_conversation(assistant, db)
    await amina.do(f"type:{ARABIC_LONGEST}ك")
    assert amina.screen[0].text.startswith(
        f"Votre message compte 3{GROUP}501 caractères, c'est trop : 3{GROUP}500 caractères au plus"
    )
    assert await chats.deliver() == {}
    await amina.do(f"type:{ARABIC_LONGEST}")
    (relayed,) = (await chats.deliver())[501]
    assert relayed.text.endswith(ARABIC_LONGEST) and utf16(relayed.text) <= TELEGRAM_MOST


async def test_a_staff_member_s_emoji_message_over_the_limit_is_refused_in_the_bot(
    assistant: Assistant, db: Database
) -> None:
    """Marie's 1 751 emoji are refused with both counts; 1 750 reach Amina whole, under Marie's header."""
    chats, marie, _amina = await help_taken(assistant, db)
    await marie.do("press:Écrire à la personne")
    await marie.do(f"type:{EMOJI_LONGEST}🙏")
    assert marie.screen[0].text.startswith(
        f"Votre message compte 3{GROUP}502 caractères, c'est trop : 3{GROUP}500 caractères au plus"
    )
    assert await chats.deliver() == {}

    await marie.do("press:Écrire à la personne")
    await marie.do(f"type:{EMOJI_LONGEST}")
    assert marie.screen[0].text.startswith("✅ Message envoyé à la personne (demande n° 1).")
    (received,) = (await chats.deliver())[601]
    assert received.text.startswith("💬 Message de votre travailleur·se social·e :")
    assert EMOJI_LONGEST in received.text and utf16(received.text) <= TELEGRAM_MOST
    assert received.labels() == [["↩️ Revenir au bot"]]


async def test_an_emoji_message_added_to_a_request_before_staff_wrote_is_refused_above_the_question(
    assistant: Assistant, db: Database
) -> None:
    """Typed right after asking for a person: the refusal, then her question again; nothing reaches the request."""
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    await chats.deliver()  # Marie's « 🔔 Nouvelle demande n° 1 »
    await amina.do(f"type:{EMOJI_LONGEST}🙏")
    assert amina.screen[0].text.startswith(f"Votre message compte 3{GROUP}502 caractères, c'est trop")
    assert "Quelle est votre situation en France ?" in amina.screen[-1].text
    assert await rows(db, CaseMessage) == [] and await chats.deliver() == {}


def test_arabic_and_persian_readers_read_both_counts_in_their_language() -> None:
    """The refusal in the person's language: her count and the most, in her digits, with the emoji's rule."""
    marks = str.maketrans("", "", "\u2068\u2069\u200f")  # direction isolates and marks, not read aloud
    arabic = translator("ar")(too_long_refusal(f"{EMOJI_LONGEST}🙏")).translate(marks)
    assert arabic.startswith("تحتوي رسالتك على 3,502 حرف، وهذا طويل جدًا: 3,500 حرف كحد أقصى")
    assert "(يُحسب الرمز التعبيري حرفين)" in arabic and "لم يُرسَل شيء" in arabic
    persian = translator("fa")(too_long_refusal(f"{EMOJI_LONGEST}🙏")).translate(marks)
    assert persian.startswith("پیام شما ۳٬۵۰۲ نویسه است و این زیاد است: حداکثر ۳٬۵۰۰ نویسه")
