"""POST /telegram: the update is committed before the 200; anything else gets a status Telegram acts on."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from asyncpg.exceptions import CannotConnectNowError
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram.error import BadRequest

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation, ProcessedUpdate
from tests.web.conftest import SECRET, Web
from web.webhook import ATTEMPTS, transient

HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
PRIVATE = "Jeanne Martin, 06 12 34 56 78, j'ai peur de perdre ma C2S"


def start(update_id: int, user_id: int = 4242, text: str = "/start") -> dict[str, Any]:
    """A private-chat text message update, as Telegram posts it."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Jeanne", "language_code": "fr"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if text.startswith("/")
            else [],
        },
    }


async def handled(db: Database) -> int:
    async with db.unit_of_work() as session:
        return int(await session.scalar(select(func.count()).select_from(ProcessedUpdate)) or 0)


async def test_item_1_update_committed_before_the_200(web: Web, db: Database) -> None:
    answer = await web.client.post("/telegram", json=start(501), headers=HEADERS)
    assert answer.status_code == 200
    async with db.unit_of_work() as session:  # committed by the time Telegram hears 200
        assert await session.get(ProcessedUpdate, 501) is not None
    assert web.api.messages(4242), "the person got the language screen"


async def test_item_1_update_delivered_again_changes_nothing(web: Web, db: Database) -> None:
    for _ in range(2):
        assert (await web.client.post("/telegram", json=start(502), headers=HEADERS)).status_code == 200
    assert await handled(db) == 1
    screens = web.api.messages(4242)
    assert len(screens) == 2 and screens[0].labels == screens[1].labels  # the same screen shown again


async def test_wrong_or_missing_secret_refused(web: Web, db: Database) -> None:
    wrong = await web.client.post("/telegram", json=start(503), headers={"X-Telegram-Bot-Api-Secret-Token": "x"})
    missing = await web.client.post("/telegram", json=start(504))
    assert (wrong.status_code, missing.status_code) == (403, 403)
    assert await handled(db) == 0


@pytest.mark.parametrize(
    "body",
    [
        PRIVATE.encode(),
        b'{"update_id": "' + PRIVATE.encode() + b'"}',
        b'{"message": {"text": "' + PRIVATE.encode() + b'"}}',
        b"[1, 2, 3]",
        b"\xff\xfe" + PRIVATE.encode("utf-16-le"),
    ],
)
async def test_item_6_malformed_body_400_and_not_logged(
    web: Web, db: Database, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    answer = await web.client.post("/telegram", content=body, headers={**HEADERS, "Content-Type": "application/json"})
    assert answer.status_code == 400
    assert await handled(db) == 0
    assert "malformed body" in caplog.text
    for word in ("Jeanne", "06 12", "C2S", "peur"):
        assert word not in caplog.text


async def test_item_1_a_bug_answers_500_then_apologises_once(
    web: Web, db: Database, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(assistant, "handle", broken)
    statuses = [(await web.client.post("/telegram", json=start(505), headers=HEADERS)).status_code for _ in range(3)]
    assert statuses == [500] * (ATTEMPTS - 1) + [200]  # Telegram tries again, then the person is told
    apologies = [m for m in web.api.messages(4242) if "problème technique" in m.text]
    assert len(apologies) == 1
    assert await handled(db) == 0


async def test_item_1_answers_after_commit_even_when_the_reply_fails(web: Web, db: Database) -> None:
    """A reply cut after the commit: 503, and the second delivery shows the screen without changing anything."""
    for _ in range(6):  # more failures in a row than one delivery's reply retries
        web.api.fail_next("sendMessage", 502, "Bad Gateway")
    statuses = [(await web.client.post("/telegram", json=start(506), headers=HEADERS)).status_code]
    while statuses[-1] != 200 and len(statuses) < 8:  # Telegram delivers it again
        statuses.append((await web.client.post("/telegram", json=start(506), headers=HEADERS)).status_code)
    assert statuses[0] == 503 and statuses[-1] == 200
    assert web.api.messages(4242), "a later delivery showed the screen"
    async with db.unit_of_work() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) <= 1
    assert await handled(db) == 1


def test_transient_failures_are_the_infrastructures() -> None:
    assert transient(OperationalError("SELECT 1", {}, ConnectionRefusedError()))
    assert transient(ConnectionRefusedError())
    assert transient(TimeoutError())
    assert not transient(IntegrityError("INSERT", {}, ValueError()))
    assert not transient(RuntimeError("a bug"))
    assert not transient(BadRequest("Chat not found"))
    assert transient(PoolTimeout("QueuePool limit reached"))  # every pooled connection busy: try again later
    assert transient(CannotConnectNowError("the database system is starting up"))
    assert transient(DBAPIError("SELECT 1", {}, ConnectionResetError(), connection_invalidated=True))


@pytest.mark.parametrize("update_id", [2**63, -1, True, 1.0], ids=["beyond 64 bits", "negative", "true", "float"])
async def test_an_update_id_telegram_never_sends_is_refused_and_nobody_is_told(
    web: Web, db: Database, update_id: object
) -> None:
    """400 at once, every time (not 500 then a "technical problem" message to the person named in the body)."""
    statuses = [
        (await web.client.post("/telegram", json={**start(0), "update_id": update_id}, headers=HEADERS)).status_code
        for _ in range(ATTEMPTS)
    ]
    assert statuses == [400] * ATTEMPTS
    assert web.api.messages(4242) == []
    assert await handled(db) == 0
