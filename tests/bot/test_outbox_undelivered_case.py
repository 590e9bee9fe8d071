"""A message the bot gives up on opens a case with the team's configured answer time and reminder, over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram import Bot

from bot.budget import SharedBudget
from bot.outbox import drain
from faire_lien.cases.policy import AnswerTime, CasePolicy
from storage.db import Database
from tests.bot.test_outbox import SIGNER, add_person, bot, queue_renewal
from tests.conftest import make_staff
from tests.support.fake_bot_api import FakeBotAPI

__all__ = ["bot"]  # the outbox tests' Bot fixture (the send budget is in tests/bot/conftest.py)

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 in Paris
QUICK = CasePolicy(AnswerTime(4, "hour"), remind_hours=1.0)
"""CASE_ANSWER_TIME=4 working hours, CASE_REMIND_HOURS=1."""


async def test_the_case_for_a_blocked_person_is_due_in_the_configured_answer_time(
    db: Database, api: FakeBotAPI, bot: Bot, budget: SharedBudget
) -> None:
    await add_person(db, api, 501)  # Marie, French
    await make_staff(db, 501, "coordinator")
    blocked = await add_person(db, api, 503)
    api.block(503)
    await queue_renewal(db, blocked, MONDAY, "renewal")
    await drain(bot, db, budget, lambda: MONDAY, SIGNER, cases=QUICK)  # given up: a case for the coordinators
    await drain(bot, db, budget, lambda: MONDAY, SIGNER, cases=QUICK)
    (notice,) = api.messages(501)
    assert notice.text.startswith(
        "🔔 Nouvelle demande n° 1 : message non distribué, en français. Réponse promise d'ici le lun. 23 novembre "
        "14:00."  # before: « mer. 25 novembre 10:00 », the default 2 working days
    )
    assert await drain(bot, db, budget, lambda: MONDAY + timedelta(minutes=59), SIGNER, cases=QUICK) == 0
    assert await drain(bot, db, budget, lambda: MONDAY + timedelta(hours=1), SIGNER, cases=QUICK) == 1
    assert api.messages(501)[-1].text.startswith("⏰ La demande n° 1 (message non distribué, en français) attend")
