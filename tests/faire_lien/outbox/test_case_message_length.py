"""The longest message staff may write (3 500 units) reaches the person in one Telegram message in every language,
with the longest display name before it and the footer after it; the person's longest reaches staff the same way."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from dialogs.i18n import translator
from faire_lien.cases import service
from faire_lien.cases.limits import MAX_TEXT
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.roles import Staff
from faire_lien.outbox.registry import render
from faire_lien.staff.management import MAX_DISPLAY_NAME
from storage.db import Database
from storage.models import OutboxMessage
from storage.staff import active_member
from tests.conftest import NOW, make_staff
from tests.support.records import a_person

CATALOGS = Path(__file__).parents[3] / "locales"
LANGUAGES = ["fr", *sorted(p.name for p in CATALOGS.iterdir() if (p / "LC_MESSAGES" / "messages.po").exists())]
"""French, the source, and every translated language."""
LONGEST = "🙏" * (MAX_TEXT // 2)
"""3 500 units of emoji: the longest case message."""


def utf16(text: str) -> int:
    """The text's length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


async def test_the_longest_messages_fit_one_telegram_message_in_every_language(db: Database) -> None:
    async with db.unit_of_work() as session:
        await a_person(session, 501)  # Marie talks to the bot: the person's answer is relayed to her
    await make_staff(db, 501, "coordinator")
    async with db.unit_of_work() as session:
        marie = await active_member(session, 501)
        assert marie is not None
        marie.display_name = "🌿" * MAX_DISPLAY_NAME  # 160 units
        person = await a_person(session, 601)
        case = await service.open_case(session, person, "help", NOW, CasePolicy())
        assert (
            await service.write(session, case, Staff("coordinator", marie.id, "telegram:501"), LONGEST, NOW) == "sent"
        )
        await service.person_writes(session, person, case, LONGEST, NOW, CasePolicy())
        queued = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
        to_person = next(m for m in queued if m.kind == "case_message")
        to_staff = next(m for m in queued if m.kind == "case_reply")
        assert len(LANGUAGES) >= 10
        for language in LANGUAGES:
            for message in (to_person, to_staff):
                reply = await render(session, message, translator(language), NOW)
                assert reply is not None
                assert LONGEST in reply.text, language
                assert utf16(reply.text) <= 4096, (language, message.kind, utf16(reply.text))
