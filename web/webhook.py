"""The webhook endpoint: an update is handled and committed before Telegram gets its 200.

Telegram never sends an update again once it has had a 200, so the answer waits for the update's
unit of work to commit. Any failure answers an error status instead and Telegram delivers the update
again; handling is idempotent per update id (storage/updates.py), so an update that had committed
before the failure (its replies were cut) changes nothing the second time and shows its screen again.

Failures of the infrastructure (database unreachable, network) answer 503 as often as they happen:
the update waits for the database to come back. Any other failure is a bug that would fail the same
way each time; after `ATTEMPTS` tries in this worker the person gets the apology and Telegram its 200,
so one broken update cannot hold back everyone else's.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections import OrderedDict
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from telegram import Update
from telegram.ext import Application

from bot.dispatch import handle_now
from bot.failures import transient
from bot.handlers import where
from bot.metrics import ERRORS, HANDLER_SECONDS, UPDATES
from bot.parse import parsed_update
from web.bodies import bounded_body

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - the header's name, not a secret
MAX_BODY = 1 << 20
"""Telegram's updates are a few kilobytes; anything larger is not one."""
LARGEST_ID = 2**63
"""Update ids are stored in a BIGINT column (storage/updates.py); Telegram's are far below."""
ATTEMPTS = 3
"""Tries of one update failing with a bug before this worker gives up on it with an apology."""
REMEMBERED = 10_000
"""Failing update ids remembered per worker (the oldest forgotten first)."""


class Webhook:
    """POST /<webhook_path>: check the secret token, parse, handle, commit, then answer."""

    def __init__(self, telegram: Application, secret: str) -> None:  # type: ignore[type-arg]
        self.telegram = telegram
        self.secret = secret.encode()
        self.failures: OrderedDict[int, int] = OrderedDict()

    async def receive(self, request: Request) -> Response:
        """200 once committed; 400 malformed; 403 wrong secret; 413 too large; 503/500: Telegram sends it again."""
        if not secrets.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), self.secret):
            UPDATES.labels(outcome="rejected").inc()
            log.warning("webhook: request without the right secret token refused")
            return PlainTextResponse("forbidden", status_code=403)
        body = await bounded_body(request, MAX_BODY)
        if body is None:
            UPDATES.labels(outcome="rejected").inc()
            log.warning("webhook: body over %d bytes refused unread", MAX_BODY)
            return PlainTextResponse("too large", status_code=413)
        update = self._parse(body)
        if update is None:
            UPDATES.labels(outcome="rejected").inc()
            return PlainTextResponse("not a Telegram update", status_code=400)
        started = time.perf_counter()
        try:
            handled = await handle_now(self.telegram, update)
        except Exception as error:  # noqa: BLE001 - every failure becomes a status Telegram acts on
            return await self._failed(update, error)
        HANDLER_SECONDS.observe(time.perf_counter() - started)
        UPDATES.labels(outcome="handled" if handled else "ignored").inc()
        self.failures.pop(update.update_id, None)
        return PlainTextResponse("ok")

    def _parse(self, body: bytes) -> Update | None:
        """The update in the body, or None (logged by size only: the body may hold a person's words).

        A body with an update id that python-telegram-bot cannot read (a field in a shape it does not know)
        is Telegram's and would fail the same way at every delivery, holding back that chat's next updates:
        its message is read as one without text when its sender and chat can be (`bot/parse.py`), else it becomes
        an empty update, answered 200 and handled by nobody, as polling skips it (bot/polling.py).
        """
        try:
            data = _update_json(body)
        except Exception as error:  # noqa: BLE001 - whatever the decoder raises, the body is refused
            log.warning("webhook: malformed body of %d bytes refused (%s)", len(body), type(error).__name__)
            return None
        update = parsed_update(data, self.telegram.bot)
        return update if update is not None else Update(data["update_id"])

    async def _failed(self, update: Update, error: Exception) -> Response:
        """Answer so that Telegram delivers the update again, unless it has failed like a bug too often."""
        ERRORS.labels(error=type(error).__name__).inc()
        if transient(error):
            UPDATES.labels(outcome="failed").inc()
            log.warning("update %s not handled (%s); Telegram sends it again", update.update_id, type(error).__name__)
            return PlainTextResponse("unavailable", status_code=503)
        tries = self.failures.pop(update.update_id, 0) + 1
        log.error("update %s failed (try %d): %s at %s", update.update_id, tries, type(error).__name__, where(error))
        if tries < ATTEMPTS:
            self.failures[update.update_id] = tries
            while len(self.failures) > REMEMBERED:
                self.failures.popitem(last=False)
            UPDATES.labels(outcome="failed").inc()
            return PlainTextResponse("error", status_code=500)
        UPDATES.labels(outcome="given_up").inc()
        await self.telegram.process_error(update, error)  # the error handler apologises, as in polling
        return PlainTextResponse("given up")


def _update_json(body: bytes) -> dict[str, Any]:
    """The JSON object of a body that carries a possible update id; raises ValueError for anything else."""
    data = json.loads(body)
    if not isinstance(data, dict) or not _possible_id(data.get("update_id")):
        raise ValueError("no update_id")
    return data


def _possible_id(value: object) -> bool:
    """Whether this could be Telegram's update id: a whole number, not negative, that a BIGINT column holds."""
    return type(value) is int and 0 <= value < LARGEST_ID
