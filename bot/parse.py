"""A raw update read the way python-telegram-bot reads it, and a person's message it cannot read still answered.

A message may carry a part in a shape this version of python-telegram-bot does not know yet (a poll without the
fields a newer Bot API made required, a new kind of content sent by an emulator): the whole update then fails to
parse. Skipped, it would leave the person without an answer. When its message's sender, chat and date can be read,
it is read as a message without text: the person is told the bot reads text and buttons only, as for a sticker.
"""

from __future__ import annotations

import logging

from telegram import Bot, Update

from bot.chats import with_private_chat_types

log = logging.getLogger(__name__)

CORE = ("message_id", "date", "chat", "from")
"""The parts of a message that say who wrote it, where and when: enough to answer it."""


def parsed_update(item: object, bot: Bot) -> Update | None:
    """The update, its message reduced to `CORE` when the rest cannot be read; None when nothing of it can be read.

    Logged by update id and error kind only: the content may hold a person's words.
    """
    if not isinstance(item, dict):
        log.error("an update that is not a JSON object cannot be read; skipped")
        return None
    update_id = item.get("update_id")
    try:
        return Update.de_json(with_private_chat_types(item), bot)
    except Exception as error:  # noqa: BLE001 - whatever the parser raises, the core of the message is tried
        kind = type(error).__name__
    message = item.get("message")
    if isinstance(message, dict):
        core = {key: message[key] for key in CORE if key in message}
        try:
            update = Update.de_json(with_private_chat_types({"update_id": update_id, "message": core}), bot)
        except Exception:  # noqa: BLE001 - not even its sender and chat: skipped below
            update = None
        if update is not None:
            log.warning(
                "update %s: its message cannot be read (%s); answered as a message without text", update_id, kind
            )
            return update
    log.error("update %s cannot be read (%s); skipped", update_id, kind)
    return None
