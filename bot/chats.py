"""Which chats are a person's own private chat, including one whose type a Bot API emulator names its own way.

Telegram's private chats have the type "private" and the person's own id. An emulator may send another type
name ("direct", "user"…): python-telegram-bot keeps the unknown string, `filters.ChatType.PRIVATE` does not
match, and the person would get no answer at all. A chat of a type we do not know whose id is the sender's
is that person's private chat (a group's or a channel's id is negative, never a person's).
"""

from __future__ import annotations

from typing import TypeVar

from telegram import Message
from telegram.constants import ChatType
from telegram.ext import filters

Raw = TypeVar("Raw")
"""An update as the Bot API server sent it, decoded from JSON."""

KNOWN = frozenset(str(kind) for kind in ChatType)
"""The chat types of the Bot API: private, group, supergroup, channel (and sender, for inline queries)."""


class _OwnChatOfUnknownType(filters.MessageFilter):
    """A message in a chat of a type we do not know, whose id is its sender's."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        """Whether the chat is the sender's own, under a type name Telegram does not use."""
        sender = message.from_user
        return str(message.chat.type) not in KNOWN and sender is not None and message.chat.id == sender.id


PRIVATE = filters.ChatType.PRIVATE | _OwnChatOfUnknownType(name="OwnChatOfUnknownType")
"""A person's private chat with the bot, as Telegram or an emulator names it."""


def with_private_chat_types(item: Raw) -> Raw:
    """The raw update with "private" written where an emulator left out a chat's type in the sender's own chat.

    Telegram always sends a chat's type; python-telegram-bot cannot read a chat without one, so the whole update
    would be skipped and the person left without an answer. Only a chat whose id is the sender's (a person's own
    chat: groups and channels have negative ids) is completed; anything else is left for the parser to refuse.
    """
    if not isinstance(item, dict):
        return item
    for kind, body in item.items():
        if not isinstance(body, dict):
            continue
        sender = body.get("from")
        holder = body.get("message") if kind == "callback_query" else body
        if isinstance(holder, dict) and isinstance(sender, dict):
            _complete(holder.get("chat"), sender.get("id"))
    return item


def _complete(chat: object, sender_id: object) -> None:
    """Name the chat "private" when it has no type and is the sender's own."""
    if isinstance(chat, dict) and "type" not in chat and isinstance(sender_id, int) and chat.get("id") == sender_id:
        chat["type"] = str(ChatType.PRIVATE)
