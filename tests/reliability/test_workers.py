"""Three bot processes in webhook mode on one PostgreSQL database.

Every update goes to a random worker, and is delivered twice to two different workers (as Telegram
may after a timeout). One person's updates are serialised by the advisory lock, each update takes
effect once, and the outbox is drained by all three without any message going out twice.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from storage.db import Database
from storage.models import Answer, Conversation, OutboxMessage, Person, ProcessedUpdate
from storage.types import utcnow
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.workers import SECRET, Workers

PEOPLE = 20
_update_ids = iter(range(1, 10**6))


class Posting(Workers):
    """The workers, with updates posted by the test itself (every one twice, to two workers)."""

    def post(self, update: dict[str, Any], port: int | None = None) -> None:
        url = f"http://127.0.0.1:{port or random.choice(self.ports)}/telegram"
        data = json.dumps(update).encode()
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200

    def deliver_twice(self, update: dict[str, Any]) -> None:
        first, second = random.sample(self.ports, 2)
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda port: self.post(update, port), (first, second)))


def message_update(user: FakeUser, text: str) -> dict[str, Any]:
    uid = next(_update_ids)
    sender = {"id": user.id, "is_bot": False, "first_name": "P", "language_code": "fr"}
    message: dict[str, Any] = {
        "message_id": uid,
        "date": int(time.time()),
        "chat": {"id": user.id, "type": "private"},
        "from": sender,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": uid, "message": message}


def press_update(user: FakeUser, shown: SentMessage, label: str) -> dict[str, Any]:
    uid = next(_update_ids)
    sender = {"id": user.id, "is_bot": False, "first_name": "P", "language_code": "fr"}
    message = {
        "message_id": shown.message_id,
        "date": int(time.time()),
        "chat": {"id": user.id, "type": "private"},
        "text": shown.text,
    }
    return {
        "update_id": uid,
        "callback_query": {
            "id": str(uid),
            "from": sender,
            "chat_instance": str(user.id),
            "data": shown.button(label),
            "message": message,
        },
    }


def converse(api: FakeBotAPI, workers: Posting, user: FakeUser) -> None:
    """One person's conversation, every update delivered twice to two workers."""
    mark = api.mark(user.chat_id)

    def step(update: dict[str, Any]) -> SentMessage:
        """The first delivery answers; the second shows where the person is (or nothing for a newcomer)."""
        nonlocal mark
        workers.deliver_twice(update)
        (reply,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=60)
        try:
            (again,) = api.wait_for_messages(user.chat_id, 1, after=reply.message_id, timeout=3)
        except TimeoutError:
            again = reply
        assert again.labels == reply.labels  # the same screen, never a step further
        mark = again.message_id
        return again

    shown = step(message_update(user, "/start"))
    shown = step(press_update(user, shown, "Français"))
    shown = step(press_update(user, shown, "J'accepte"))
    shown = step(press_update(user, shown, "Bilan"))
    shown = step(press_update(user, shown, "Nationalité"))
    shown = step(press_update(user, shown, "Plus de 3 mois"))
    shown = step(message_update(user, "1992"))
    assert "Combien de personnes" in shown.text


async def test_race_three_workers_one_database(api: FakeBotAPI, pg_db: Database, tmp_path: Path) -> None:
    users = [api.user(95000 + n, language_code="fr") for n in range(PEOPLE)]
    workers = Posting(api, pg_db.url, tmp_path)
    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda user: converse(api, workers, user), users))
        async with pg_db.unit_of_work() as session:
            people = (await session.execute(select(Person))).scalars().all()
            assert len(people) == PEOPLE  # each person created once, whichever worker got the update first
            for person in people:
                conversation = await session.get(Conversation, person.id)
                assert conversation is not None
                assert (conversation.step_id, conversation.answers) == (
                    "household_size",
                    {"residence": "national", "in_france": "more", "born": "1992"},
                )
            handled = await session.scalar(select(func.count()).select_from(ProcessedUpdate))
            assert handled == PEOPLE * 7  # every update once, though each was delivered twice
            now = utcnow()
            for person in people:  # then a broadcast drained by the three workers together
                session.add(
                    OutboxMessage(
                        person_id=person.id,
                        kind="renewal_reminder",
                        payload={"cover": "c2s", "end": "2027-01-31"},
                        due_at=now - timedelta(seconds=1),
                        idempotency_key=f"w:{person.id}",
                        created_at=now,
                    )
                )
        api.wait_until(lambda: all(any("Rappel" in m.text for m in api.messages(u.chat_id)) for u in users), timeout=90)
        await asyncio.sleep(2)  # give any duplicate time to show up
        for user in users:
            assert sum("Rappel" in m.text for m in api.messages(user.chat_id)) == 1
        async with pg_db.unit_of_work() as session:
            statuses = (await session.execute(select(OutboxMessage.status))).scalars().all()
            assert set(statuses) == {"sent"}
            assert await session.scalar(select(func.count()).select_from(Answer)) == 0  # nobody finished: no answers
    finally:
        workers.stop()
