"""One interactive reply, tried again until Telegram takes it: the person waiting for a screen gets it.

The caller (`bot/render.py`) sends a person's replies one after the other through `deliver`, so
reply 2 never leaves before reply 1 went out or was given up: the order the person reads is kept.

What is tried again (the table is in `bot/delivery_errors.py`):

- a 429, after Telegram's `retry_after`. The rate limiter (`bot/rate_limiter.py`) already waits and
  retries a 429 three times itself (pausing every worker's sends meanwhile); a `RetryAfter` reaching
  here means those were used up, so it counts as one attempt here;
- an error proving the request never left (connection refused, connect or pool timeout);
- a 5xx answer. Unlike the outbox, which marks it uncertain, a reply is sent again: the person is
  waiting for this screen to go on, and a lost screen strands them (no buttons to press), while a
  5xx usually means Telegram did not post the message. A rare duplicate screen is harmless: both
  copies carry the same buttons for the same turn, and once one is pressed the other's buttons
  only show the current question again.

Not tried again: an answer whose outcome is unknown (no answer after the request left, connection
cut): it may already be on the person's screen. `repeatable` calls are the exception, as doing them
twice shows nothing twice: an edit (the second time, "not modified" counts as done) and answering a
button press (the second answer is refused, which counts as answered).
A refusal (4xx) is final. Every send is counted in `SENDS` (kind "reply"); giving up logs one line
naming the method, never the content.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import TelegramError

from bot.delivery_errors import NOT_DELIVERED, Verdict, classify
from bot.metrics import SENDS

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 5
"""Tries per reply, the first included."""

BACKOFF = (0.5, 1.0, 2.0, 4.0)
"""Seconds before each new try after a 5xx or a request that never left (7.5 s at most in all)."""

MAX_WAIT = 15.0
"""Seconds one reply may spend waiting between tries; a longer `retry_after` gives up at once."""

Sleep = Callable[[float], Awaitable[None]]


class RepliesNotDeliveredError(Exception):
    """Some of an update's replies were given up although Telegram never took them (committed, not shown).

    The webhook answers Telegram with an error status for it, so the update comes again: handled
    already, it changes nothing and shows the person's current screen (`Assistant._again`).
    """


def _again(verdict: Verdict, repeatable: bool) -> bool:
    """Whether a reply that failed this way is sent again."""
    return verdict in NOT_DELIVERED or verdict == "server_error" or (repeatable and verdict == "unknown")


async def deliver(
    send: Callable[[], Awaitable[T]],
    what: str,
    *,
    repeatable: bool = False,
    counted: bool = True,
    sleep: Sleep = asyncio.sleep,
    lost: list[str] | None = None,
    blocked: list[str] | None = None,
    refused: list[str] | None = None,
) -> T | None:
    """Call `send` until it succeeds, or give up (None) with a log line; the error is never raised.

    `what` names the call in the log (a method and an update id, never any content); `counted`
    False keeps a call that is not a message (answering a button press) out of `SENDS`; `lost`
    collects `what` of each call given up that Telegram surely did not take (none on "unknown"); `blocked`
    collects `what` of a call refused because the person blocked the bot (403); `refused`, of any other call the
    server refused for good (a 4xx: surely not shown).
    """
    waited = 0.0
    for attempt in range(1, ATTEMPTS + 1):
        try:
            result = await send()
        except TelegramError as error:
            failure = classify(error)
            pause = failure.wait.total_seconds() if failure.wait else BACKOFF[min(attempt, len(BACKOFF)) - 1]
            if not _again(failure.verdict, repeatable) or attempt == ATTEMPTS or waited + pause > MAX_WAIT:
                result_label = "uncertain" if failure.verdict == "unknown" else "failed"
                if counted:
                    SENDS.labels(kind="reply", result=result_label).inc()
                log.warning("%s given up after %d attempt(s), %s: %s", what, attempt, result_label, failure.reason)
                if lost is not None and (failure.verdict in NOT_DELIVERED or failure.verdict == "server_error"):
                    lost.append(what)
                if blocked is not None and failure.blocked:
                    blocked.append(what)
                if refused is not None and failure.verdict == "refused" and not failure.blocked:
                    refused.append(what)
                return None
            if counted:
                SENDS.labels(kind="reply", result="retried").inc()
            waited += pause
            await sleep(pause)
        else:
            if counted:
                SENDS.labels(kind="reply", result="sent").inc()
            return result
    return None  # not reached: the last attempt returns above
