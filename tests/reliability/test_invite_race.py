"""Issue 15, item 2: a single-use staff invite stays single-use when many people use it at the same instant.

Five codes, eight people per code, all typing `/start inv_<code>` at once through the assistant (the
service the bot calls), spread over three separate engines as three bot workers would be. Exactly one
person per code joins the team; the 35 others are told the code is no longer valid.
"""

from __future__ import annotations

import asyncio
import itertools

from dialogs.reply import Reply
from faire_lien.assistant import Assistant
from faire_lien.core.inbound import Inbound
from storage.db import Database
from storage.models import StaffInvite, StaffMember
from storage.people import Identity
from storage.staff import invite
from tests.conftest import NOW
from tests.support.db import rows
from tests.support.records import a_person

CODES = 5
PEOPLE_PER_CODE = 8
WORKERS = 3
COORDINATOR = 1
FIRST_PERSON = 1000
WELCOME = "Bienvenue dans l'équipe"
BAD_CODE = "Ce code d'invitation n'est pas valable (déjà utilisé ou expiré)."
_update_ids = itertools.count(1)


async def _race(assistant: Assistant, db: Database) -> dict[int, str]:
    """Everyone uses their code at the same instant, each through one of three workers; what each one reads."""
    people = [FIRST_PERSON + n for n in range(CODES * PEOPLE_PER_CODE)]
    async with db.unit_of_work() as session:
        codes = [(await invite(session, "facilitator", f"telegram:{COORDINATOR}", NOW)).code for _ in range(CODES)]
        for telegram_id in people:
            await a_person(session, telegram_id)
    workers = [Database(db.url) for _ in range(WORKERS)]
    start = asyncio.Barrier(len(people))

    async def use(n: int, telegram_id: int) -> tuple[int, str]:
        code = codes[n % CODES]
        inbound = Inbound("command", "start", f"inv_{code}", "fr", next(_update_ids))
        async with workers[n % WORKERS].unit_of_work() as session:
            await start.wait()
            replies: list[Reply] = await assistant.handle(session, Identity(telegram_id=telegram_id), inbound)
        return telegram_id, replies[0].text

    try:
        seen = await asyncio.gather(*(use(n, telegram_id) for n, telegram_id in enumerate(people)))
    finally:
        for worker in workers:
            await worker.dispose()
    return dict(seen)


async def _check(assistant: Assistant, db: Database) -> None:
    seen = await _race(assistant, db)
    welcomed = {who for who, text in seen.items() if text.startswith(WELCOME)}
    refused = {who for who, text in seen.items() if text.startswith(BAD_CODE)}
    assert len(welcomed) == CODES, f"{len(welcomed)} people joined the team with {CODES} single-use codes"
    assert len(refused) == CODES * (PEOPLE_PER_CODE - 1)
    members = await rows(db, StaffMember)
    assert {m.telegram_id for m in members} == welcomed
    assert all(m.role == "facilitator" for m in members)
    invites = await rows(db, StaffInvite)
    assert sorted(i.used_by for i in invites if i.used_by is not None) == sorted(welcomed)  # each code used once


async def test_item_2_invite_single_use_under_race_on_postgresql(assistant: Assistant, pg_db: Database) -> None:
    await _check(assistant, pg_db)


async def test_item_2_invite_single_use_under_race_on_sqlite(assistant: Assistant, db: Database) -> None:
    await _check(assistant, db)
