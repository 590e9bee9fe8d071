"""A coordinator closes a case a colleague holds: the holder is told in Telegram, and the journal says whose it was."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import AuditEntry, StaffMember
from tests.faire_lien.cases.conftest import help_taken, pressed, talker
from web.console.audit_words import Names, sentence
from web.console.i18n import catalog


async def test_the_holder_learns_a_coordinator_closed_their_case(assistant: Assistant, db: Database) -> None:
    chats, marie, _ = await help_taken(assistant, db)  # Marie (501) holds request n° 1
    paul = await talker(assistant, db, 502, "coordinator")
    async with db.unit_of_work() as session:
        (await session.get(StaffMember, 2)).display_name = "Paul"  # type: ignore[union-attr]
    await chats.deliver()
    await paul.do("raw:cc:1:ask")  # the close button of a case notice Paul once received
    await paul.do("press:orientée vers le bon service")
    assert paul.screen[0].text.startswith("✅ La demande n° 1 est close : orientée vers le bon service.")

    got = await chats.deliver()
    (told,) = got[501]
    assert told.text == (
        "✅ Paul a clos la demande n° 1 (demande d'aide sur une question) que vous teniez : orientée vers le bon "
        "service. La personne est prévenue : vous n'avez plus rien à faire pour cette demande."
    )
    assert told.labels() == [["🖥 Ouvrir dans la console"]]
    await marie.send("action", pressed(marie, told, "Ouvrir dans la console"))
    assert marie.screen[0].text.startswith("🖥 Console, demande n° 1")
    assert 502 not in got  # Paul knows: no notice for him

    async with db.unit_of_work() as session:
        entry = (await session.execute(select(AuditEntry).where(AuditEntry.action == "close_case"))).scalar_one()
        members = {m.telegram_id: m for m in (await session.execute(select(StaffMember))).scalars()}
    assert entry.detail == {"case": 1, "outcome": "referred", "holder": 501, "holder_told": True}
    words = Names(catalog("fr").gettext, "fr", members)
    assert sentence(entry, words) == (
        "Paul (coordination) a clos la demande n° 1 (personne n° 2), que tenait Telegram 501 (coordination) : "
        "orientée vers le bon service. Telegram 501 (coordination) en a été prévenu·e dans Telegram."
    )


async def test_the_holder_closing_their_own_case_gets_no_notice(assistant: Assistant, db: Database) -> None:
    chats, marie, _ = await help_taken(assistant, db)
    await chats.deliver()
    await marie.do("press:Clore la demande")
    await marie.do("press:la personne a été aidée")
    assert 501 not in await chats.deliver()
