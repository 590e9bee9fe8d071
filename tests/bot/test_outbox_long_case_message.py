"""A case message longer than one Telegram message (stored before emoji counted two) reaches the person whole, in
parts cut between lines, its button under the last part; never cut short with "…"."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from telegram import Bot

from bot.budget import SharedBudget
from bot.outbox import drain
from bot.render import pieces
from dialogs.i18n import translator
from faire_lien.cases import service
from faire_lien.cases.notify import tell_person
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.roles import Staff
from faire_lien.outbox.reasons import reason
from storage import cases as store
from storage.db import Database
from storage.models import OutboxMessage
from storage.people import get_person
from storage.staff import active_member
from tests.bot.test_outbox import SIGNER, add_person, bot, statuses
from tests.conftest import NOW, make_staff
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.methods import u16
from tests.support.fake_bot_api.model import ApiError

__all__ = ["bot"]  # the outbox tests' Bot fixture (the send budget is in tests/bot/conftest.py)

FIRST = "🙏" * 1000
SECOND = "🌿" * 1100
"""Two lines of 2 000 and 2 200 units: 3 100 characters to Python (under the old limit), 4 200 units to Telegram."""


def test_a_text_that_fits_goes_whole_and_a_longer_one_in_parts_at_line_breaks() -> None:
    """Up to 4 096 units: one message, untouched; beyond: parts of at most 4 096 units holding every character."""
    assert pieces("🙏" * 2047 + "\n") == ["🙏" * 2047 + "\n"]  # 4 095 units: untouched
    text = f"💬 Message de l'équipe :\n\n{FIRST}\n{SECOND}\n\nVous parlez avec une personne de l'équipe."
    parts = pieces(text)
    assert parts == [f"💬 Message de l'équipe :\n\n{FIRST}", f"{SECOND}\n\nVous parlez avec une personne de l'équipe."]
    assert all(u16(part) <= 4096 for part in parts)


async def a_long_staff_message(db: Database, api: FakeBotAPI) -> None:
    """Marie (501) took Amina's (601) request; her message of 4 200 units, stored before units were counted, is due."""
    amina = await add_person(db, api, 601)
    await add_person(db, api, 501)
    await make_staff(db, 501, "coordinator")
    async with db.unit_of_work() as session:
        marie = await active_member(session, 501)
        assert marie is not None
        person = await get_person(session, amina)
        assert person is not None
        case = await service.open_case(session, person, "help", NOW, CasePolicy())
        assert (await service.take(session, case.id, Staff("coordinator", marie.id, "telegram:501"), NOW)).result
        line = await store.add_message(session, case, "staff", f"{FIRST}\n{SECOND}", NOW, marie.id, "telegram:501")
        await tell_person(session, case, line, NOW)


async def test_a_legacy_long_case_message_reaches_the_person_in_two_parts(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    await a_long_staff_message(db, api)
    await drain(bot, db, budget, lambda: NOW, SIGNER)
    head, tail = api.messages(601)
    assert head.text == f"💬 Message de votre travailleur·se social·e :\n\n{FIRST}" and head.labels == []
    assert tail.text.startswith(SECOND) and tail.text.endswith("votre message lui sera transmis.")
    assert tail.labels == ["↩️ Revenir au bot"]
    assert "…" not in head.text + tail.text
    assert (await statuses(db))[-1] == "sent"


async def test_a_second_part_refused_is_not_sent_again_with_the_first(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    """The first part arrived, Telegram refused the second: staff see the message uncertain; the next pass sends
    nothing (Amina would read the first part twice)."""
    await a_long_staff_message(db, api)
    api.quirk_next("sendMessage", change=lambda result: result)  # the first part goes through
    api.quirk_next("sendMessage", answer=ApiError(400, "Bad Request: chat not found"))
    assert await drain(bot, db, budget, lambda: NOW, SIGNER) == 0
    (head,) = api.messages(601)
    assert head.text.endswith(FIRST)
    assert (await statuses(db))[-1] == "uncertain"
    async with db.unit_of_work() as session:
        stored = (await session.execute(select(OutboxMessage.last_error).order_by(OutboxMessage.id))).scalars().all()
    assert translator("fr")(reason(stored[-1])) == (
        "envoyé en partie : le début est arrivé, pas la suite ; pas renvoyé, pour éviter un doublon"
    )  # what staff read about it
    await drain(bot, db, budget, lambda: NOW + timedelta(minutes=5), SIGNER)
    assert len(api.messages(601)) == 1
