"""Long polling that confirms an update to Telegram only after it has been handled and committed.

python-telegram-bot's own updater asks for the next batch (which confirms the previous one) while
earlier updates may still wait in its queue: a crash at that moment loses them. Here each update is
processed, its effects committed, and only then is the offset moved past it. An update handled but
not yet confirmed comes back after a crash, and the database's record of handled update ids makes
that second delivery change nothing.

An update that fails because the database was away or busy (bot/failures.py) is not confirmed either: it
is fetched again after a pause, as the webhook's 503 makes Telegram send it again, instead of being
confirmed with an apology and lost (no update can be handled meanwhile anyway). Any other failure, a reply
Telegram would not take included, gets the apology and the update is confirmed, so that one chat cannot
hold back everyone else's updates.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
import warnings
from collections import deque

from telegram import Update
from telegram.error import RetryAfter, TelegramError
from telegram.ext import Application

from bot.answers import described
from bot.dispatch import handle_now
from bot.failures import database_away
from bot.parse import parsed_update

log = logging.getLogger(__name__)

PAUSE = 2.0
"""Seconds before an update that met a busy or absent database is fetched and handled again."""
GIVE_UP = 600.0
"""Seconds one update may keep meeting a busy or absent database before it is apologised for and confirmed: a
failure that only looks like the database being away (a bug raising the same error every time) must not hold
back everyone else's updates for ever."""
HANDLED_KEPT = 10_000
"""Update ids this process remembers as handled: far more than the 100 one getUpdates answer may hold."""
MAX_PAUSE = 30
"""Longest pause, in seconds, between two failed getUpdates calls (a Bot API server down or answering nonsense)."""


class Recent:
    """The last `size` update ids added, for membership tests."""

    def __init__(self, size: int) -> None:
        self.order: deque[int] = deque()
        self.ids: set[int] = set()
        self.size = size

    def add(self, update_id: int) -> None:
        """Remember this id, forgetting the oldest beyond `size`."""
        if update_id in self.ids:
            return
        self.order.append(update_id)
        self.ids.add(update_id)
        if len(self.order) > self.size:
            self.ids.discard(self.order.popleft())

    def __contains__(self, update_id: object) -> bool:
        """Whether this id was added lately."""
        return update_id in self.ids


def retry_pause(failures: int) -> float:
    """Seconds before getUpdates is called again after this many failures in a row: 1, 2, 3… up to `MAX_PAUSE`."""
    return float(min(MAX_PAUSE, failures))


def unreadable(error: Exception) -> str:
    """Why a getUpdates answer could not be read even update by update, for the log (never its content)."""
    if isinstance(error, TelegramError):
        return described(error)
    return f"{type(error).__name__} (the Bot API server's answer is not a list of updates)"


async def readable_updates(app: Application, offset: int | None) -> list[Update]:  # type: ignore[type-arg]
    """The same batch read one update at a time: one python-telegram-bot cannot parse is confirmed and skipped.

    Without this, `get_updates` raises on every call for the same unreadable update, and polling stops
    for good. The skipped update is logged by its id only (its content may hold a person's words).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "use Bot.get_updates": that is the call that failed
        raw = await app.bot.do_api_request("getUpdates", api_kwargs={"offset": offset, "timeout": 0})
    readable: list[Update] = []
    for item in raw if isinstance(raw, list) else []:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        update = parsed_update(item, app.bot)
        if update is not None:
            readable.append(update)
        elif isinstance(update_id, int):
            readable.append(Update(update_id))  # an empty update: confirmed, handled by nobody
    return readable


async def handled(app: Application, update: Update, *, give_up: bool = False) -> bool:  # type: ignore[type-arg]
    """Handle an update; True once it may be confirmed (committed, ignored, or failed like a bug and apologised for).

    False, after a pause, when the database was away or busy: nothing about it is confirmed, unless `give_up`
    (it has been failing so for `GIVE_UP` seconds): then it is apologised for like any other failure.
    """
    try:
        await handle_now(app, update)
    except Exception as error:  # noqa: BLE001 - every failure is either waited out or apologised for
        if give_up or not database_away(error):
            await app.process_error(update, error)  # the error handler logs it and apologises
            return True
        log.warning("update %s not handled (%s); fetched again shortly", update.update_id, type(error).__name__)
        await asyncio.sleep(PAUSE)
        return False
    return True


async def poll(app: Application, poll_seconds: int) -> None:  # type: ignore[type-arg]
    """Run until SIGINT or SIGTERM: initialise, start jobs, fetch and handle updates one at a time."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
    except TelegramError as error:  # getUpdates says "Conflict" below if a webhook is really still set
        log.warning("old webhook not removed: %s", described(error))
    await app.start()
    offset: int | None = None
    failures = 0
    """getUpdates calls failed in a row, for the pause before the next one."""
    done = Recent(HANDLED_KEPT)
    """Updates this process handled and confirmed: one an emulator sends twice is not answered twice."""
    failing: dict[int, float] = {}
    """When each update still unconfirmed first met a busy or absent database (monotonic seconds)."""
    waiter = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set():
            fetch = asyncio.create_task(
                app.bot.get_updates(offset=offset, timeout=poll_seconds, allowed_updates=Update.ALL_TYPES)
            )
            await asyncio.wait({fetch, waiter}, return_when=asyncio.FIRST_COMPLETED)
            if not fetch.done():
                fetch.cancel()
                break
            try:
                updates = fetch.result()
            except RetryAfter:
                await asyncio.sleep(5)
                continue
            except TelegramError as error:  # another poller ending, the network, or a server's unreadable answer
                failures += 1
                pause = retry_pause(failures)
                log.warning("getUpdates failed: %s; retrying in %g s", described(error), pause)
                await asyncio.sleep(pause)
                continue
            except Exception:  # noqa: BLE001 - python-telegram-bot could not read one of the updates, or the answer
                try:
                    updates = await readable_updates(app, offset)
                except Exception as error:  # noqa: BLE001 - an answer with no list of updates at all: asked again
                    failures += 1
                    pause = retry_pause(failures)
                    log.warning("getUpdates failed: %s; retrying in %g s", unreadable(error), pause)
                    await asyncio.sleep(pause)
                    continue
            failures = 0
            for update in updates:
                if update.update_id in done:  # the same update twice in one answer, or again once confirmed
                    log.warning("update %s received again; already handled, skipped", update.update_id)
                    offset = max(offset or 0, update.update_id + 1)
                    continue
                since = failing.get(update.update_id)
                overdue = since is not None and time.monotonic() - since > GIVE_UP
                if not await handled(app, update, give_up=overdue):  # not confirmed: fetched again from this offset
                    failing.setdefault(update.update_id, time.monotonic())
                    break
                failing.pop(update.update_id, None)
                done.add(update.update_id)
                offset = max(offset or 0, update.update_id + 1)  # ids going back never move the offset back
    finally:
        waiter.cancel()
        with contextlib.suppress(Exception):
            await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await app.shutdown()
