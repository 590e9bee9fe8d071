"""Cases and their conversations are the person's data: shown by /mydata, erased by /forget, purged by retention."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, text

from faire_lien.assistant import Assistant
from faire_lien.cases import service
from faire_lien.core.roles import Staff
from faire_lien.jobs.retention import run_purge
from storage.db import Database
from storage.models import Base, Case
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import Chats, talker

PERSON = 987654321
SECRET = "mon numéro de dossier est 4417-XZ"
QUESTION = ["press:Bilan", "press:Nationalité", "press:Plus de 3 mois", "press:Je ne comprends pas"]
ASK = ["press:Demander à une personne", "press:Oui"]


async def a_conversation(assistant: Assistant, db: Database) -> Talker:
    """A help case in which staff and the person wrote, with its notices delivered."""
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, PERSON)
    for step in [*QUESTION, *ASK]:
        await amina.do(step)
    marie = Staff("coordinator", 1, "telegram:501")
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        await service.write(session, case, marie, "Bonjour, je vous écoute.", NOW)
    await chats.deliver()
    await amina.do(f"type:{SECRET}")
    await chats.deliver()
    return amina


async def test_mydata_shows_requests_and_their_conversation(assistant: Assistant, db: Database) -> None:
    amina = await a_conversation(assistant, db)
    replies = await amina.do("/mydata")
    assert "• 1 demande de contact" in replies[0].text
    document = next(r.document for r in replies if r.document is not None)
    data = json.loads(document.content)
    (request,) = data["requests_to_staff"]
    assert (request["kind"], request["status"]) == ("help", "claimed")
    assert [line["text"] for line in request["conversation"]] == ["Bonjour, je vous écoute.", SECRET]
    assert request["shared"] == {"flow": "rights_check", "step": "born"}


async def test_after_forget_no_row_mentions_the_person(assistant: Assistant, db: Database) -> None:
    amina = await a_conversation(assistant, db)
    await amina.do("/forget")
    await amina.do("press:Oui, tout effacer")
    assert amina.screen[0].text.startswith("C'est fait : vos données sont effacées.")
    async with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = (await connection.execute(text(f"SELECT * FROM {table.name}"))).all()
            dumped = " ".join(str(tuple(row)) for row in rows)
            assert str(PERSON) not in dumped, table.name
            assert "4417-XZ" not in dumped and "je vous écoute" not in dumped, table.name
        assert (await connection.execute(text("SELECT count(*) FROM cases"))).scalar() == 0
        keys = (await connection.execute(text("SELECT idempotency_key FROM outbox"))).scalars().all()
        assert not [k for k in keys if k.startswith("case:")]  # the staff notices about the case went too


async def test_retention_purges_old_cases_and_their_conversations(assistant: Assistant, db: Database) -> None:
    await a_conversation(assistant, db)
    async with db.unit_of_work() as session:
        case = (await session.execute(select(Case))).scalar_one()
        case.created_at = NOW - timedelta(days=800)
    await run_purge(db.url, 24, db)
    async with db.engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM cases"))).scalar() == 0
        assert (await connection.execute(text("SELECT count(*) FROM case_messages"))).scalar() == 0
