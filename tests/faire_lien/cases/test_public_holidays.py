"""A request made before a public holiday: the answer time and the coordinators' reminder skip the holiday."""

from __future__ import annotations

from datetime import UTC, datetime

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.cases import service
from storage.db import Database
from storage.types import PARIS
from tests.faire_lien.cases.conftest import ASK_FOR_HELP, Chats, talker

CHRISTMAS_EVE = datetime(2026, 12, 24, 18, 0, tzinfo=PARIS).astimezone(UTC)
"""Thursday 24 December 2026, 18:00 in Paris: Friday is Christmas Day, then the weekend."""


async def test_a_request_on_christmas_eve_is_promised_after_christmas_and_reminded_on_monday(
    flows: dict[str, Flow], db: Database
) -> None:
    chosen = {k: v for k, v in flows.items() if k != "all_kinds"}
    assistant = Assistant(chosen, available_languages(), clock=lambda: CHRISTMAS_EVE)
    chats = Chats(db, now=CHRISTMAS_EVE)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    assert "dans les 2 jours ouvrés au plus" in amina.screen[0].text

    (notice,) = (await chats.deliver())[501]
    assert "Réponse promise d'ici le mar. 29 décembre 18:00." in notice.text  # Friday 25 is no working day
    await amina.do("/menu")
    await amina.do("press:Mes demandes")
    assert "⏳ Reçue ; réponse promise d'ici le mar. 29 décembre." in amina.screen[0].text

    christmas_noon = datetime(2026, 12, 25, 12, 0, tzinfo=PARIS).astimezone(UTC)
    monday_ten = datetime(2026, 12, 28, 10, 0, tzinfo=PARIS).astimezone(UTC)
    async with db.unit_of_work() as session:
        assert await service.remind_unclaimed(session, christmas_noon) == 0  # nobody's phone rings on Christmas Day
    async with db.unit_of_work() as session:
        assert await service.remind_unclaimed(session, monday_ten) == 1  # 4 working hours: 2 on Thursday, 2 on Monday
