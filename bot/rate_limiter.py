"""python-telegram-bot's rate limiter on the shared send budget: each message waits for its slot, a 429 pauses all.

Installed on the Application in `bot/app.py` in place of `AIORateLimiter` (python-telegram-bot's
extension point, `telegram.ext.BaseRateLimiter`). Every call carrying a `chat_id` (sending, editing)
books a slot of `bot/budget.py` first: in the reply lane, unless the caller passes
`rate_limit_args=OUTBOX`, which says the outbox already booked this message's first slot (before
claiming it, `bot/outbox.py`). Calls without a chat (answering a button press, the command menu) are
not paced, as before. Every answer passes through `bot/answers.py`, so an emulator's unreadable
answer to a send counts as sent.

A 429 pauses every worker for Telegram's `retry_after` (the pause is stored in the shared row), then
the call is tried again in its lane, up to `max_retries` times; after that the `RetryAfter` reaches
the caller (`bot/replies.py`, `bot/outbox.py`). When the database cannot be reached, a message is not
lost for want of a slot: this worker paces itself alone at the same rate until the budget answers again.
Groups keep python-telegram-bot's 20 messages a minute
each (the bot posts in a group only its notice, at most one a minute: `bot/groups.py`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Final, Literal

from aiolimiter import AsyncLimiter
from sqlalchemy.exc import SQLAlchemyError
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.answers import UnreadableAnswerError, readable
from bot.budget import Lane, SharedBudget
from bot.delivery_errors import retry_after

log = logging.getLogger(__name__)

Booked = Literal["outbox"]
"""`rate_limit_args` of an outbox message whose first slot is booked already."""

OUTBOX: Final[Booked] = "outbox"

PAUSE_MARGIN = 0.1
"""Seconds added to Telegram's retry_after, as python-telegram-bot's own limiter does."""

GROUP_RATE = (20, 60.0)
"""Messages per seconds in one group or channel (Telegram's limit; python-telegram-bot's default)."""

Result = bool | dict[str, Any] | list[dict[str, Any]]


class BudgetRateLimiter(BaseRateLimiter[Booked]):
    """Paces every message by the shared budget, replies first; retries after a 429 that paused everyone."""

    def __init__(self, budget: SharedBudget, max_retries: int = 3) -> None:
        self.budget = budget
        self.max_retries = max_retries
        self.groups: dict[int | str, AsyncLimiter] = {}
        self.alone = AsyncLimiter(1, budget.interval)
        """This worker's own pace, used only while the shared budget cannot be reached."""

    async def initialize(self) -> None:
        """Make sure the budget's row exists."""
        await self.budget.initialize()

    async def shutdown(self) -> None:
        """Close the budget's connections."""
        await self.budget.close()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Booked | None,
    ) -> Result:
        """Wait for a slot in the call's lane, call; after a 429 pause everyone and try again."""
        chat_id = data.get("chat_id")
        if chat_id is None:
            return await _read(endpoint, callback(*args, **kwargs))
        lane: Lane = "outbox" if rate_limit_args == OUTBOX else "reply"
        booked = rate_limit_args == OUTBOX
        attempt = 0
        async with self._group(chat_id):
            while True:
                if not booked:
                    await self._take(lane)
                booked = False
                try:
                    return await _read(endpoint, callback(*args, **kwargs))
                except RetryAfter as error:
                    wait = retry_after(error).total_seconds() + PAUSE_MARGIN
                    await self._pause(wait)
                    attempt += 1
                    if attempt > self.max_retries:
                        raise
                    log.info("%s: Telegram asked to slow down; every worker waits %.1f s", endpoint, wait)

    async def _take(self, lane: Lane) -> None:
        """Wait for a slot of the shared budget, or, when the database cannot be reached, for this worker's own."""
        try:
            await self.budget.take(lane)
        except (SQLAlchemyError, OSError) as error:
            log.warning("send budget unreachable (%s): this worker paces its messages alone", type(error).__name__)
            paused = self.budget.paused_until - self.budget.local()
            if paused > 0:
                await self.budget.sleep(paused)
            await self.alone.acquire()

    async def _pause(self, seconds: float) -> None:
        """Pause every worker after a 429; this worker alone when the database cannot be reached."""
        try:
            await self.budget.pause(seconds)
        except (SQLAlchemyError, OSError) as error:
            log.warning("send budget unreachable (%s): only this worker waits after a 429", type(error).__name__)

    def _group(self, chat_id: object) -> contextlib.AbstractAsyncContextManager[object]:
        """A group's or channel's own limit (negative ids, @usernames); nothing for a private chat."""
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[call-overload]
        if not (isinstance(chat_id, int) and chat_id < 0) and not isinstance(chat_id, str):
            return contextlib.nullcontext()
        if chat_id not in self.groups:
            if len(self.groups) > 512:  # forget the groups that have not sent for a while
                self.groups = {key: limiter for key, limiter in self.groups.items() if not limiter.has_capacity(20)}
            self.groups[chat_id] = AsyncLimiter(*GROUP_RATE)
        return self.groups[chat_id]


async def _read(endpoint: str, call: Coroutine[Any, Any, Result]) -> Result:
    """The call's answer as the bot can use it (`bot/answers.py`); one python-telegram-bot cannot read at all (a 200
    without `result`) raises `UnreadableAnswerError`, a Telegram error the senders classify, not a `KeyError`."""
    try:
        return readable(endpoint, await call)
    except (KeyError, TypeError) as error:
        raise UnreadableAnswerError(f"{endpoint}: the answer has no readable result") from error
