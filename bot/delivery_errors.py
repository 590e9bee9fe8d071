"""What a failed Telegram call proves: not delivered (safe to send again), refused for good, or unknown.

The Bot API has no idempotency key: sending again a message that did arrive shows it twice. So a
failed call is sent again only when the error proves Telegram did not take it. python-telegram-bot
(22, `telegram/request/_httpxrequest.py` and `_baserequest.py`) turns transport errors and HTTP
answers into exceptions and keeps the httpx exception as `__cause__`, which says whether the request
left this machine. Both senders use this one table: the outbox (`bot/outbox.py`) and the
interactive replies (`bot/replies.py`).

| what happened                              | PTB raises (← httpx cause)       | verdict      | outbox    | reply     |
|--------------------------------------------|----------------------------------|--------------|-----------|-----------|
| 429 Too Many Requests                      | RetryAfter                       | rate_limited | again (1) | again (1) |
| connection refused, name or TLS failure    | NetworkError ← ConnectError      | not_sent     | again     | again     |
| connect timeout                            | TimedOut ← ConnectTimeout        | not_sent     | again     | again     |
| pool timeout (no free connection)          | TimedOut ← PoolTimeout           | not_sent     | again     | again     |
| 403 Forbidden (the person blocked the bot) | Forbidden                        | refused      | failed    | given up  |
| other 4xx: 400, 401, 404, 409              | BadRequest, InvalidToken, …      | refused      | failed    | given up  |
| 5xx: 500, 502, 503, 504, any other status  | NetworkError, no transport cause | server_error | uncertain | again (2) |
| read or write timeout: sent, no answer     | TimedOut ← ReadTimeout, Write…   | unknown      | uncertain | not again |
| connection reset during the answer         | NetworkError ← ReadError, …      | unknown      | uncertain | not again |
| a 200 with no `result` (an emulator)       | UnreadableAnswerError            | unknown      | uncertain | not again |
| anything else                              | TelegramError                    | unknown      | uncertain | not again |

(1) after Telegram's `retry_after`. (2) a reply the person waits for: see `bot/replies.py`.
`RemoteProtocolError` (closed mid-answer) and `WriteError` are `unknown` too.

A reason quotes the server's description, never an answer that is not JSON (an emulator's or a proxy's error
page, which may quote the URL and so the token), and hides anything shaped like a token (`server_words`).

"Uncertain" outbox messages are never sent again automatically: staff see them in `faire-lien outbox
failed` and send one again with `faire-lien outbox retry ID` after checking with the person.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

import httpx
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.answers import UnreadableAnswerError
from faire_lien.outbox.reasons import (
    BLOCKED,
    CONNECTION_LOST,
    NO_ANSWER,
    NOT_REACHED,
    RATE_LIMITED,
    REFUSED,
    SERVER_ERROR,
)

Verdict = Literal["rate_limited", "not_sent", "refused", "server_error", "unknown"]
"""What an error proves about the message: see the table above."""

NOT_DELIVERED: frozenset[Verdict] = frozenset({"rate_limited", "not_sent"})
"""Verdicts proving Telegram did not take the message: it may be sent again without any risk of a duplicate."""

_NEVER_LEFT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""httpx errors raised before any byte of the request was sent."""


@dataclass(frozen=True)
class Failure:
    """One failed call: its verdict, a reason for staff and logs (never the message's content), Telegram's wait."""

    verdict: Verdict
    reason: str
    wait: timedelta | None = None
    blocked: bool = False
    """A 403: the person blocked the bot (recorded on them, so later messages are not even tried)."""


def classify(error: TelegramError) -> Failure:
    """What this error proves about the message, with a short reason in English (staff read it translated:
    `faire_lien/outbox/reasons.py`)."""
    if isinstance(error, RetryAfter):
        return Failure("rate_limited", f"{RATE_LIMITED} (429)", retry_after(error))
    if isinstance(error, Forbidden):
        return Failure("refused", BLOCKED, blocked=True)
    # A 4xx answer. BadRequest is a NetworkError in python-telegram-bot: it must be told apart first.
    if isinstance(error, BadRequest) or not isinstance(error, NetworkError):
        return Failure("refused", f"{REFUSED}: {server_words(error)}"[:200])
    cause = error.__cause__
    if isinstance(error, UnreadableAnswerError):  # received, then answered with no result: done or not, unknown
        return Failure("unknown", f"{NO_ANSWER}: its answer had no result ({type(cause).__name__})")
    if isinstance(cause, _NEVER_LEFT):
        return Failure("not_sent", f"{NOT_REACHED} ({type(cause).__name__}); nothing was sent")
    if cause is None or isinstance(cause, TelegramError):  # an HTTP answer with a status PTB has no class for
        return Failure("server_error", f"{SERVER_ERROR}: {server_words(error)}"[:200])
    what = type(cause).__name__ if isinstance(cause, httpx.HTTPError) else type(error).__name__
    if isinstance(error, TimedOut):
        return Failure("unknown", f"{NO_ANSWER} ({what})")
    return Failure("unknown", f"{CONNECTION_LOST} ({what})")


_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{8,}")
"""A bot token's shape (`<bot id>:<secret>`), as a server's error page may quote the request's URL."""
_UNREAD = ". Parsing the server response"
"""Where python-telegram-bot starts quoting an answer it could not read as JSON."""


def server_words(error: TelegramError) -> str:
    """What the server said, for staff and logs: an answer that is not JSON (an emulator's or a proxy's error page)
    is named, not quoted, and anything shaped like the token is hidden."""
    message = error.message
    if _UNREAD in message:
        message = message[: message.index(_UNREAD)] + " (an answer that is not JSON)"
    return _TOKEN.sub("<hidden>", message)


def retry_after(error: RetryAfter) -> timedelta:
    """Telegram's retry_after (seconds today, a timedelta in a future python-telegram-bot)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
