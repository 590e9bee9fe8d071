"""Webhook mode: a command for the bot in a group, or its being added, gets the private-chat notice and a 200."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tests.web.conftest import Web
from tests.web.test_webhook_endpoint import HEADERS

GROUP = -1009876
OTHER_GROUP = -1009877
PRIVATE_ONLY = "Pour protéger vos informations, je ne réponds pas dans un groupe."
JEANNE = {"id": 4242, "is_bot": False, "first_name": "Jeanne", "language_code": "fr"}
BOT = {"id": 999, "is_bot": True, "first_name": "faire-lien test", "username": "faire_lien_test_bot"}
CHAT = {"id": GROUP, "type": "group", "title": "Entraide"}


def group_command(update_id: int, sender: dict[str, Any] = JEANNE, chat: dict[str, Any] = CHAT) -> dict[str, Any]:
    """/start@the bot in a group, as Telegram posts it."""
    text = "/start@faire_lien_test_bot"
    entity = {"type": "bot_command", "offset": 0, "length": len(text)}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": sender, "text": text}
    return {"update_id": update_id, "message": {**message, "entities": [entity]}}


def added(update_id: int) -> dict[str, Any]:
    """The bot added to the group by Jeanne."""
    change = {
        "chat": CHAT,
        "from": JEANNE,
        "date": int(time.time()),
        "old_chat_member": {"status": "left", "user": BOT},
        "new_chat_member": {"status": "member", "user": BOT},
    }
    return {"update_id": update_id, "my_chat_member": change}


async def test_group_updates_get_the_notice(web: Web) -> None:
    """Added to one group, asked in another: both answered 200, one notice in each; nothing in Jeanne's private chat."""
    web.api.group(GROUP, kind="group")
    web.api.group(OTHER_GROUP, kind="group")
    other = {**CHAT, "id": OTHER_GROUP}
    for update in (added(601), group_command(602, chat=other)):
        assert (await web.client.post("/telegram", json=update, headers=HEADERS)).status_code == 200
    assert [m.text.startswith(PRIVATE_ONLY) for m in web.api.messages(GROUP)] == [True]
    assert [m.text.startswith(PRIVATE_ONLY) for m in web.api.messages(OTHER_GROUP)] == [True]
    assert web.api.messages(4242) == []


async def test_a_crowd_posted_at_once_gets_one_notice(web: Web) -> None:
    """Telegram posts ten members' /start@bot in parallel: each answered 200, one notice in the group."""
    web.api.group(GROUP, kind="group")
    crowd = [{**JEANNE, "id": 5000 + n, "first_name": f"Membre {n}"} for n in range(10)]
    answers = await asyncio.gather(
        *(
            web.client.post("/telegram", json=group_command(700 + n, sender), headers=HEADERS)
            for n, sender in enumerate(crowd)
        )
    )
    assert [answer.status_code for answer in answers] == [200] * 10
    assert [m.text.startswith(PRIVATE_ONLY) for m in web.api.messages(GROUP)] == [True]
