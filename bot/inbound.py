"""Turn a Telegram update into the assistant's channel-neutral inbound event."""

from __future__ import annotations

import hashlib

from telegram import Message, Update

from bot.signing import Signer
from faire_lien.core.inbound import Inbound, command_parts


def to_inbound(update: Update, signer: Signer, bot_username: str | None = None) -> Inbound | None:
    """The event behind an update from a private chat, or None for anything we ignore.

    Button data whose signature is not this user's becomes an empty action (a stale button); a command addressed
    to a bot other than `bot_username` ("/start@other_bot") is an unknown command, never one of ours.
    """
    user = update.effective_user
    if user is None or user.is_bot:
        return None
    chat = update.effective_chat
    if chat is not None and chat.id != user.id:
        return None  # only a person's own private chat: never act on, or answer into, someone else's
    hint, first = user.language_code, user.first_name
    uid = update.update_id
    if update.callback_query is not None:
        if update.callback_query.message is None:
            return None  # a button under an inline message, in a chat of someone else's: this bot sends none
        data = update.callback_query.data or ""
        action = signer.check(user.id, data) or ""
        press = _press(update.callback_query.message.message_id, data)
        return Inbound("action", action, language_hint=hint, update_id=uid, first_name=first, press=press)
    if update.edited_message is not None:
        return Inbound("edited", language_hint=hint, update_id=uid, first_name=first)
    message = update.message
    if message is None:
        return None
    if message.text is None:
        return Inbound("media", language_hint=hint, update_id=uid, first_name=first)
    text = message.text.replace("\x00", "")  # PostgreSQL cannot store it, and no one means to type it
    if message.forward_origin is not None:  # someone else's words, even when they start with a slash
        return Inbound("text", text, language_hint=hint, update_id=uid, first_name=first, forwarded=True)
    command = command_parts(text, bot_username)
    if command is not None:
        name, argument = command
        return Inbound("command", name, argument, language_hint=hint, update_id=uid, first_name=first)
    return Inbound(
        "text", text, language_hint=hint, update_id=uid, first_name=first, replying_to=_replied_actions(message, signer)
    )


def _press(message_id: int, data: str) -> str:
    """Which button on which message, as a digest: the data carries its signature, so the digest tells nothing of
    the answer a button gives to anyone reading the database without the bot's secret."""
    return hashlib.sha256(f"{message_id}:{data}".encode()).hexdigest()[:32]


def _replied_actions(message: Message, signer: Signer) -> tuple[str, ...]:
    """The checked actions of the buttons under the bot's message this text replies to (a staff member answering
    a case notice with Telegram's "Reply"); only data signed for this user counts."""
    replied = message.reply_to_message
    user = message.from_user
    if replied is None or user is None or replied.reply_markup is None:
        return ()
    found = []
    for row in replied.reply_markup.inline_keyboard:
        for button in row:
            action = signer.check(user.id, str(button.callback_data or ""))
            if action:
                found.append(action)
    return tuple(found)
