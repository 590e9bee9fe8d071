"""The console counts a message to the person as Telegram does: an emoji two characters, Arabic letters one each."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.cases.limits import MAX_TEXT
from storage.models import CaseMessage
from tests.web.console.cases_scene import a_case, words
from tests.web.console.conftest import Desk


async def stored(desk: Desk) -> list[str]:
    async with desk.db.unit_of_work() as session:
        return list((await session.execute(select(CaseMessage.text).order_by(CaseMessage.id))).scalars())


async def test_an_emoji_message_over_the_limit_in_telegram_s_count_is_refused_saying_both_counts(desk: Desk) -> None:
    """1 751 emoji are fewer than 3 500 characters to Python, 3 502 to Telegram: refused, both counts said."""
    opened = await a_case(desk.db, "callback")
    signed = await desk.sign_in(8701, "mediator")
    over = "🙏" * (MAX_TEXT // 2 + 1)
    refused = await signed.post(f"/inbox/{opened.case_id}/write", {"text": over})
    assert refused.status_code == 422
    said = words(refused)
    assert "Votre message est trop long : 3 502 caractères, 3 500 au plus" in said
    assert "(comme Telegram les compte, un emoji compte pour deux)" in said
    assert "Il n'a pas été envoyé." in said and over in refused.text  # kept in the text box
    assert "3500 caractères au plus (un emoji compte pour deux)" in said  # the text box's hint
    assert await stored(desk) == []

    longest = "🙏" * (MAX_TEXT // 2)  # 3 500 units exactly
    sent = await signed.post(f"/inbox/{opened.case_id}/write", {"text": longest})
    assert sent.status_code == 303
    assert await stored(desk) == [longest]


async def test_arabic_letters_count_one_each_up_to_the_limit(desk: Desk) -> None:
    """3 500 Arabic letters go; one more letter is refused with « 3 501 caractères »."""
    opened = await a_case(desk.db, "callback", language="ar")
    signed = await desk.sign_in(8711, "mediator")
    letters = ("مرحبا بك " * 400)[:MAX_TEXT]
    refused = words(await signed.post(f"/inbox/{opened.case_id}/write", {"text": letters + "ك"}))
    assert "3 501 caractères, 3 500 au plus" in refused
    sent = await signed.post(f"/inbox/{opened.case_id}/write", {"text": letters})
    assert sent.status_code == 303 and await stored(desk) == [letters.strip()]
