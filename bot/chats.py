"""Which chats are a person's own private chat, including one whose type a Bot API emulator names its own way.

Telegram's private chats have the type "private" and the person's own id. An emulator may send another type
name ("direct", "user"…): python-telegram-bot keeps the unknown string, `filters.ChatType.PRIVATE` does not
match, and the person would get no answer at all. A chat of a type we do not know whose id is the sender's
is that person's private chat (a group's or a channel's id is negative, never a person's).
"""

from __future__ import annotations

from telegram import Message
from telegram.constants import ChatType
from telegram.ext import filters

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
