"""Webhook mode, 50 messages from one person in the same second: each of the first 20 handled once, then one notice,
in the person's language, saying the others were not read and should be sent again."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from storage.db import Database
from storage.models import ProcessedUpdate
from tests.web.conftest import Web
from tests.web.test_webhook_endpoint import HEADERS, start

NOTICES = {
    "fr": "Vous envoyez beaucoup de messages d'un coup : pendant quelques secondes, je ne lis pas ceux qui arrivent. "
    "Attendez un peu, puis envoyez à nouveau ce qui n'a pas eu de réponse.",
    "en": "You are sending a lot of messages at once: for a few seconds, I do not read the ones that arrive. "
    "Wait a moment, then send again anything that got no answer.",
}


def in_language(update: dict[str, object], language: str) -> dict[str, object]:
    """The update as sent from a phone set to this language."""
    message = dict(update["message"])  # type: ignore[call-overload]
    message["from"] = {**message["from"], "language_code": language}
    return {**update, "message": message}


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_fifty_messages_at_once_get_one_clear_notice_and_twenty_answers(
    web: Web, db: Database, language: str
) -> None:
    first = await web.client.post("/telegram", json=in_language(start(4000), language), headers=HEADERS)
    assert first.status_code == 200
    posts = [
        web.client.post("/telegram", json=in_language(start(4001 + n, text=f"message {n}"), language), headers=HEADERS)
        for n in range(50)
    ]
    assert {answer.status_code for answer in await asyncio.gather(*posts)} == {200}
    shown = [m.text for m in web.api.messages(4242)][1:]  # after the welcome
    assert shown.count(NOTICES[language]) == 1
    assert len(shown) == 20  # the limit is 20 updates: /start and 19 messages answered, then the notice
    async with db.unit_of_work() as session:
        assert await session.scalar(select(func.count()).select_from(ProcessedUpdate)) == 20  # each handled once
