"""Telegram's side of webhook mode: push each queued update to the bot until it answers 200.

As Telegram does, an update is delivered again after any answer other than 200 (or no answer at
all) and forgotten after a 200; one chat's updates go one at a time and in order, different chats in
parallel over several connections. Each attempt goes to one of the worker URLs at random, as a load
balancer in front of several workers would.
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from tests.support.fake_bot_api.model import JSONDict
from tests.support.fake_bot_api.state import State

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def chat_of(update: JSONDict) -> int:
    """The chat an update belongs to (its sender's private chat)."""
    if "callback_query" in update:
        return int(update["callback_query"]["from"]["id"])
    for kind in ("message", "edited_message"):
        if kind in update:
            return int(update[kind]["chat"]["id"])
    return 0


class WebhookPusher:
    """Deliver ``state.updates`` to ``urls``; ``acknowledged`` lists the update ids answered with 200."""

    def __init__(self, state: State, urls: Sequence[str], secret: str, *, connections: int = 8) -> None:
        self.state, self.urls, self.secret = state, list(urls), secret
        self.acknowledged: list[int] = []
        self.attempts: Counter[int] = Counter()
        self.statuses: Counter[str] = Counter()
        self._flying: set[int] = set()
        self._not_before: dict[int, float] = {}
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(connections, thread_name_prefix="webhook")
        self._thread = threading.Thread(target=self._run, name="WebhookPusher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop pushing (updates not yet acknowledged stay queued)."""
        self._stop.set()
        with self.state.cond:
            self.state.cond.notify_all()
        self._thread.join(timeout=10)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self) -> None:
        """Start an attempt for the first waiting update of every chat with nothing in flight."""
        while not self._stop.is_set():
            with self.state.cond:
                now = time.monotonic()
                held: set[int] = set()  # chats whose earliest update is in flight or waiting to retry
                for update in self.state.updates:
                    chat = chat_of(update)
                    if chat in held or chat in self._flying:
                        held.add(chat)
                        continue
                    held.add(chat)
                    if self._not_before.get(update["update_id"], 0) <= now:
                        self._flying.add(chat)
                        self._pool.submit(self._deliver, update, chat)
                self.state.cond.wait(0.05)

    def _deliver(self, update: JSONDict, chat: int) -> None:
        """One attempt; on 200 the update leaves the queue, otherwise it waits a little and comes again."""
        status = self._post(update)
        with self.state.cond:
            self.attempts[update["update_id"]] += 1
            self.statuses[status] += 1
            if status == "200":
                self.state.updates = [u for u in self.state.updates if u["update_id"] != update["update_id"]]
                self.acknowledged.append(update["update_id"])
            else:
                self._not_before[update["update_id"]] = time.monotonic() + 0.2
            self._flying.discard(chat)
            self.state.cond.notify_all()

    def _post(self, update: JSONDict) -> str:
        """POST the update to one worker; its status code, or the kind of network failure."""
        request = urllib.request.Request(
            random.choice(self.urls),
            data=json.dumps(update).encode(),
            headers={"Content-Type": "application/json", SECRET_HEADER: self.secret},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return str(response.status)
        except urllib.error.HTTPError as error:
            return str(error.code)
        except (OSError, TimeoutError) as error:
            return type(error).__name__
