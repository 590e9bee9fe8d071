"""A Bot API server's answer to a send that python-telegram-bot cannot read as a message, taken as "sent".

A third-party Bot API emulator may answer sendMessage with `{"ok": true}` and a message missing its
`message_id`, `date` or `chat`, or no message at all. Telegram took the call (the answer is a 200 with
`ok: true`), but python-telegram-bot raises a `TypeError` reading it: the person would see the screen,
then an apology for a failure, and lose the replies after it; an outbox message would stay "sending".
The bot never uses the message it gets back, so such an answer becomes `True`, python-telegram-bot's
own answer for a call that returns no message, with one warning naming the method.

An answer python-telegram-bot cannot read at all (a 200 whose JSON has no `result`, such as `{"ok": false}`)
raises `UnreadableAnswerError`: the server received the call, what it did is unknown, so the message is
never sent again blindly (`bot/delivery_errors.py`: "unknown"), instead of a `KeyError` escaping the senders.

`described` puts a failed call in a log line without the server's words (which may quote the token).
"""

from __future__ import annotations

import logging
from typing import Any, Literal, TypeVar

from telegram.error import Conflict, NetworkError, TelegramError, TimedOut

log = logging.getLogger(__name__)

T = TypeVar("T")

MESSAGE_METHODS = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup", "copyMessage"}
)
"""Methods whose answer python-telegram-bot reads as a Message."""


class UnreadableAnswerError(NetworkError):
    """The Bot API server answered a call with something python-telegram-bot cannot read (no `result`)."""


def readable(endpoint: str, result: T) -> T | Literal[True]:
    """The answer as python-telegram-bot can read it: a message lacking its required fields becomes `True`."""
    if endpoint not in MESSAGE_METHODS or result is True or _message(result):
        return result
    log.warning("%s: the Bot API server's answer is not a readable message; taken as sent", endpoint)
    return True


def _message(result: Any) -> bool:
    """Whether the answer has what python-telegram-bot needs to read a Message."""
    if not isinstance(result, dict):
        return False
    chat = result.get("chat")
    return (
        isinstance(result.get("message_id"), int)
        and isinstance(result.get("date"), int)
        and isinstance(chat, dict)
        and isinstance(chat.get("id"), int)
        and isinstance(chat.get("type"), str)
    )


def described(error: TelegramError) -> str:
    """A failed call in a log line: its kind and, when the server answered unreadably, that it did.

    Never the server's words: an emulator's error page may quote the request's URL, which holds the token.
    """
    if isinstance(error, Conflict | TimedOut) or type(error) is NetworkError:
        return type(error).__name__
    if type(error) is TelegramError:  # python-telegram-bot's "Invalid server response": a body that is not JSON
        return "TelegramError (the Bot API server's answer is not JSON)"
    return f"{type(error).__name__} (the Bot API server refused the call)"
