"""Webhook mode: a command for the bot in a group, or its being added, gets the private-chat notice and a 200."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

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


CHANNEL = {"id": -1005555, "type": "channel", "title": "Actualités du CCAS"}
TELEGRAM = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
OTHER_BOT = {"id": 998, "is_bot": True, "first_name": "Autre", "username": "autre_bot"}


def group_message(update_id: int, kind: str = "message", **fields: Any) -> dict[str, Any]:
    """A message in the group (or, with `chat`, elsewhere), as Telegram posts it, with these fields."""
    message = {"message_id": update_id, "date": int(time.time()), "chat": CHAT, "from": JEANNE, **fields}
    return {"update_id": update_id, kind: message}


def unanswered() -> list[dict[str, Any]]:
    """Group traffic that asks nothing of the bot, each naming it."""
    command = "/start@faire_lien_test_bot"
    entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    channel_post = {"chat": CHANNEL, "sender_chat": CHANNEL, "text": command, "entities": entities}
    channel_post.pop("from", None)
    return [
        group_message(801, "edited_message", text=command, entities=entities, edit_date=int(time.time())),
        {"update_id": 802, "channel_post": {"message_id": 3, "date": int(time.time()), **channel_post}},
        group_message(803, text=command, entities=entities, **{"from": OTHER_BOT}),
        group_message(804, migrate_to_chat_id=-1009999),
        group_message(805, chat={**CHAT, "id": -1009999, "type": "supergroup"}, migrate_from_chat_id=GROUP),
        group_message(  # the linked channel's post, copied by Telegram into its discussion group
            806,
            text="Une question sur vos droits ? Écrivez à @faire_lien_test_bot",
            sender_chat=CHANNEL,
            is_automatic_forward=True,
            forward_origin={"type": "channel", "chat": CHANNEL, "message_id": 3, "date": int(time.time())},
            **{"from": TELEGRAM},
        ),
        group_message(  # a member sharing someone else's words
            807,
            text="Écrivez à @faire_lien_test_bot",
            forward_origin={"type": "hidden_user", "sender_user_name": "Marie", "date": int(time.time())},
        ),
        group_message(808, text="Demandez à @faire_lien_test_bot_aide, l'autre robot"),
    ]


@pytest.mark.parametrize(
    "update",
    unanswered(),
    ids=[
        "edit",
        "channel post",
        "another bot",
        "migrated to",
        "migrated from",
        "channel copy",
        "forward",
        "longer name",
    ],
)
async def test_group_traffic_that_asks_nothing_gets_nothing(web: Web, update: dict[str, Any]) -> None:
    """An edit, a channel post, another bot, a migration, a forward, a longer bot name: 200, the group quiet."""
    web.api.group(GROUP, kind="group")
    answer = await web.client.post("/telegram", json=update, headers=HEADERS)
    assert answer.status_code == 200, answer.text
    assert web.api.messages(GROUP) == []
    assert web.api.messages(CHANNEL["id"]) == []
    assert web.api.messages(-1009999) == []


async def test_a_huge_message_with_stray_entities_gets_one_notice(web: Web) -> None:
    """The longest text, naming the bot again and again, its entities pointing past the end: 200 and one notice."""
    web.api.group(GROUP, kind="group")
    text = ("👋 @faire_lien_test_bot " * 200)[:4096]
    entities = [{"type": "mention", "offset": 3 + 24 * n, "length": 20} for n in range(200)]
    entities += [
        {"type": "bot_command", "offset": 10**6, "length": 10**6},
        {"type": "mention", "offset": 5000, "length": 0},
    ]
    for update_id in (901, 902):
        update = group_message(update_id, text=text, entities=entities)
        assert (await web.client.post("/telegram", json=update, headers=HEADERS)).status_code == 200
    assert [m.text.startswith(PRIVATE_ONLY) for m in web.api.messages(GROUP)] == [True]
