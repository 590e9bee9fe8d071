"""Sessions with survey answers for the console's results tests: who answered what, when, and who follows them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from storage.db import Database
from tests.conftest import assign_staff
from tests.support.surveys import surveyed_session

PARIS = ZoneInfo("Europe/Paris")
FACILITATOR_A, FACILITATOR_B, COORDINATOR, MEDIATOR = 7101, 7102, 7103, 7104
PHONE = "06 12 34 56 78"
SECRET = "Je suis la seule de Loudun et j'ai eu honte"
ANSWERS = [
    {"overall": 5, "clarity": "5", "useful": "yes", "invited": True, "recommend": 10, "comment": "Très clair, merci"},
    {"overall": 4, "clarity": "4", "useful": "partly", "invited": True, "recommend": 9},
    {"overall": 4, "clarity": "5", "useful": "yes", "invited": False, "recommend": 7},
    {
        "overall": 2,
        "clarity": "1",
        "useful": "no",
        "invited": True,
        "recommend": 3,
        "comment": f"Rappelez-moi au {PHONE}",
    },
    {"overall": 5, "clarity": "3", "useful": "yes", "invited": True, "recommend": 10},
    {"overall": 3, "clarity": "4", "useful": "yes", "invited": False, "recommend": 8},
]
"""Six respondents of one session: Likert, choice, yes/no, 0–10 and two comments, one with a phone number."""


def paris(*when: int) -> datetime:
    """A Paris wall-clock time."""
    return datetime(*when, tzinfo=PARIS)


async def answered_session(db: Database, *, followed_by: int | None = FACILITATOR_A) -> int:
    """A session held on 3 November 2026, 8 people invited, 6 answered; followed by facilitator A."""
    async with db.unit_of_work() as session:
        meeting_id = await surveyed_session(session, paris(2026, 11, 3, 14), ANSWERS, invited=8)
    if followed_by is not None:
        await assign_staff(db, followed_by, meeting_id)
    return meeting_id


async def small_session(db: Database) -> int:
    """A session held on 10 November 2026 where 2 people of 3 answered, one with a comment only she could write."""
    async with db.unit_of_work() as session:
        return await surveyed_session(
            session,
            paris(2026, 11, 10, 14),
            [{"overall": 1, "clarity": "1", "comment": SECRET}, {"overall": 2}],
            invited=3,
        )


async def three_months(db: Database) -> dict[str, int]:
    """January (6 respondents), February (5), March (2 of whom one wrote the secret) of 2026, all info meetings."""
    async with db.unit_of_work() as session:
        january = await surveyed_session(session, paris(2026, 1, 15, 14), ANSWERS, invited=7)
        february = await surveyed_session(
            session, paris(2026, 2, 12, 14), [{"overall": 4, "clarity": "4", "comment": "Bien"}] * 5, invited=6
        )
        march = await surveyed_session(
            session, paris(2026, 3, 12, 14), [{"overall": 1, "clarity": "1", "comment": SECRET}, {"overall": 2}]
        )
    return {"january": january, "february": february, "march": march}
