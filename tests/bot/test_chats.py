"""A chat an emulator sends without its type is the sender's private chat only when it is the sender's own."""

from __future__ import annotations

from telegram import Bot, Update

from bot.chats import with_private_chat_types

PERSON = {"id": 4242, "is_bot": False, "first_name": "Nour"}
BOT = {"id": 1, "is_bot": True, "first_name": "faire-lien"}


def _read(raw: dict[str, object]) -> Update:
    """The update as python-telegram-bot reads it after the chat types are completed."""
    return Update.de_json(with_private_chat_types(raw), Bot("1:fake"))


def test_a_message_in_the_senders_own_chat_without_a_type_is_read_as_private() -> None:
    raw = {"update_id": 1, "message": {"message_id": 5, "from": PERSON, "chat": {"id": 4242}, "date": 0, "text": "hi"}}
    update = _read(raw)
    assert update.effective_chat is not None
    assert update.effective_chat.type == "private"


def test_a_press_under_a_message_without_a_chat_type_is_read_as_private() -> None:
    shown = {"message_id": 5, "from": BOT, "chat": {"id": 4242}, "date": 0, "text": "Choisissez"}
    raw = {"update_id": 2, "callback_query": {"id": "q", "from": PERSON, "chat_instance": "c", "message": shown}}
    update = _read(raw)
    assert update.effective_chat is not None
    assert update.effective_chat.type == "private"


def test_a_group_without_a_type_is_left_unreadable() -> None:
    raw = {"update_id": 3, "message": {"message_id": 5, "from": PERSON, "chat": {"id": -100}, "date": 0, "text": "x"}}
    assert "type" not in with_private_chat_types(raw)["message"]["chat"]  # type: ignore[index]
