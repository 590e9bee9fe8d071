"""POST /telegram with a body far larger than any update: 413 after reading at most 1 MiB of it, nothing handled."""

from __future__ import annotations

from collections.abc import AsyncIterator

from storage.db import Database
from tests.web.conftest import Web
from tests.web.test_webhook_endpoint import HEADERS, handled, start

CHUNK = b" " * 65536
FIFTY_MB = 800


async def test_a_body_announced_too_large_is_refused_unread(web: Web, db: Database) -> None:
    pulled = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal pulled
        for _ in range(FIFTY_MB):
            pulled += 1
            yield CHUNK

    length = str(FIFTY_MB * len(CHUNK))
    answer = await web.client.post("/telegram", content=body(), headers={**HEADERS, "Content-Length": length})
    assert answer.status_code == 413
    assert pulled <= 1  # refused on its announced length, before its body is read
    assert await handled(db) == 0


async def test_a_streamed_body_is_cut_once_past_the_limit(web: Web, db: Database) -> None:
    pulled = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal pulled
        yield b'{"update_id": 701, "message": {"text": "'
        for _ in range(FIFTY_MB):
            pulled += 1
            yield CHUNK

    answer = await web.client.post("/telegram", content=body(), headers=HEADERS)  # chunked: no announced length
    assert answer.status_code == 413
    assert pulled * len(CHUNK) <= 2 * 1024 * 1024  # not the 50 MB sent
    assert await handled(db) == 0
    assert (await web.client.post("/telegram", json=start(702), headers=HEADERS)).status_code == 200  # still serving
