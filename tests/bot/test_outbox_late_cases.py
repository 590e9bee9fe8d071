"""The outbox sender reminds the holder of a taken case left unanswered, then the other coordinators, over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram import Bot

from bot.budget import SharedBudget
from bot.outbox import drain
from faire_lien.cases import service
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.roles import Staff
from faire_lien.staff.names import note_telegram_name
from storage.db import Database
from storage.staff import active_member
from tests.bot.test_outbox import SIGNER, add_person, bot
from tests.conftest import make_staff
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import a_person

__all__ = ["bot"]  # the outbox tests' Bot fixture (the send budget is in tests/bot/conftest.py)

OPENED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 in Paris
DUE = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 10:00 in Paris, two working days later
NIGHT = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)  # 22:00 in Paris, quiet hours
POLICY = CasePolicy()


async def test_the_holder_then_the_other_coordinators_are_told_once_each_in_their_language(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    await add_person(db, api, 501)  # Marie, French
    await add_person(db, api, 502, "en")  # Paul, English
    for telegram_id in (501, 502):
        await make_staff(db, telegram_id, "coordinator")
    async with db.unit_of_work() as session:
        marie = await active_member(session, 501)
        assert marie is not None
        note_telegram_name(marie, "Marie")  # as her first staff command or button kept it
        person = await a_person(session, None)  # asked through a mediator: nothing goes to them
        case = await service.open_case(session, person, "callback", OPENED, POLICY)
        assert (await service.take(session, case.id, Staff("coordinator", 1, "telegram:501"), OPENED)).result == "taken"
    await drain(bot, db, budget, lambda: OPENED + timedelta(hours=1), SIGNER, cases=POLICY)
    assert api.messages(501) == api.messages(502) == []  # the "new request" notices: taken already, dropped

    assert await drain(bot, db, budget, lambda: DUE, SIGNER, cases=POLICY) == 1
    assert await drain(bot, db, budget, lambda: DUE + timedelta(minutes=1), SIGNER, cases=POLICY) == 0
    late = api.messages(501)[-1]
    assert late.text.startswith("⏰ La demande n° 1 (demande de rappel, en français), que vous avez prise le")
    assert api.messages(502) == []

    assert await drain(bot, db, budget, lambda: NIGHT, SIGNER, cases=POLICY) == 0  # quiet hours: it waits
    morning = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)  # 08:00 in Paris
    assert await drain(bot, db, budget, lambda: morning, SIGNER, cases=POLICY) == 1
    assert await drain(bot, db, budget, lambda: morning + timedelta(hours=1), SIGNER, cases=POLICY) == 0
    (escalated,) = api.messages(502)
    assert escalated.text.startswith("⏰ Request No. 1 (callback request, in French) has been held by Marie since")
    assert len(api.messages(501)) == 1  # the holder is not told again
