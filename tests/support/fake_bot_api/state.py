"""What the fake server remembers: users, chats and their messages, updates not yet confirmed, calls, limits.

Everything is guarded by one condition variable; every change notifies it, so waiting test helpers and
long polls wake up at once.
"""

from __future__ import annotations

import copy
import itertools
import math
import random
import threading
import time
from collections import deque
from dataclasses import dataclass

from tests.support.fake_bot_api.model import (
    BOT_USER,
    ApiError,
    Call,
    FakeUser,
    JSONDict,
    Quirk,
    SentMessage,
    UploadedFile,
)

_FIRST_UPDATE_ID = 100_001


@dataclass
class StoredMessage:
    """One message of a chat, as Bot API JSON, with the bytes of the document the bot sent."""

    data: JSONDict
    from_bot: bool
    document: UploadedFile | None = None


class RateLimit:
    """Telegram's overall send limit: at most ``per_second`` messages in a sliding window, else 429."""

    def __init__(self, per_second: float) -> None:
        self.window = max(1.0, 1.0 / per_second)
        self.capacity = max(1, math.floor(per_second * self.window))
        self.stamps: deque[float] = deque()

    def take(self, now: float) -> int | None:
        """Count one send and return None, or return the seconds to wait (the send is not counted)."""
        while self.stamps and self.stamps[0] <= now - self.window:
            self.stamps.popleft()
        if len(self.stamps) >= self.capacity:
            return max(1, math.ceil(self.stamps[0] + self.window - now))
        self.stamps.append(now)
        return None


_REASONS = {429: "Too Many Requests: retry after 1", 500: "Internal Server Error", 502: "Bad Gateway"}


class Chaos:
    """Random failures: a share of the calls of some methods answered with one of some statuses, before any effect.

    The call is refused before the fake looks at it, as Telegram does when overloaded: nothing is posted,
    so a call tried again after such an answer shows its message once. Seeded, so a run can be replayed:
    each method draws from its own seeded sequence, so calls of different methods made at the same time
    (a button answered while its reply is sent) get the same failures whichever reaches the fake first.
    """

    def __init__(self, share: float, statuses: tuple[int, ...], methods: tuple[str, ...], seed: int) -> None:
        self.share = share
        self.statuses = statuses
        self.randoms = {m.lower(): random.Random(f"{seed}:{m.lower()}") for m in methods}
        self.injected = 0

    def draw(self, method: str) -> ApiError | None:
        """The error this call of ``method`` gets, or None for a normal answer."""
        draws = self.randoms.get(method.lower())
        if draws is None or draws.random() >= self.share:
            return None
        status = draws.choice(self.statuses)
        self.injected += 1
        return ApiError(status, _REASONS.get(status, f"Error {status}"), 1 if status == 429 else None)


class State:
    """The fake Telegram's memory, shared by the HTTP handlers and the test side."""

    def __init__(self, rate_limit: float | None = None) -> None:
        self.cond = threading.Condition(threading.RLock())
        self.users: dict[int, FakeUser] = {}
        self.groups: dict[int, JSONDict] = {}
        self.blocked: set[int] = set()
        self.updates: list[JSONDict] = []
        self.messages: dict[int, dict[int, StoredMessage]] = {}
        self.last_message_id: dict[int, int] = {}
        self.answered: dict[str, bool] = {}
        self.commands: dict[str, list[JSONDict]] = {}
        self.calls: list[Call] = []
        self.failures: dict[str, deque[ApiError]] = {}
        self.quirks: dict[str, deque[Quirk]] = {}
        self.chaos: Chaos | None = None
        self.rate = RateLimit(rate_limit) if rate_limit else None
        self.rejected_429 = 0
        self.poll_generation = 0
        self.active_polls = 0
        self.stopping = False
        self._update_ids = itertools.count(_FIRST_UPDATE_ID)
        self._callback_ids = itertools.count(7_000_000_001)
        self._file_numbers = itertools.count(1)

    def chat_json(self, chat_id: int) -> JSONDict:
        """Bot API ``Chat`` object of a private chat, or of a group the test created."""
        if chat_id in self.groups:
            return dict(self.groups[chat_id])
        user = self.users.get(chat_id)
        if user is None:
            return {"id": chat_id, "type": "private", "first_name": "Test"}
        names = {"last_name": user.last_name, "username": user.username}
        return {
            "id": chat_id,
            "type": "private",
            "first_name": user.first_name,
            **{key: value for key, value in names.items() if value is not None},
        }

    def next_message_id(self, chat_id: int) -> int:
        """The next message id of a chat (shared by user and bot messages)."""
        with self.cond:
            self.last_message_id[chat_id] = self.last_message_id.get(chat_id, 0) + 1
            return self.last_message_id[chat_id]

    def enqueue(self, kind: str, payload: JSONDict) -> int:
        """Queue an update for the bot and wake long polls; returns its update_id."""
        with self.cond:
            update_id = next(self._update_ids)
            self.updates.append({"update_id": update_id, kind: payload})
            self.cond.notify_all()
            return update_id

    def new_update_id(self) -> int:
        """The next update id."""
        with self.cond:
            return next(self._update_ids)

    def callback_id(self) -> str:
        """A new callback query id, to be answered once."""
        with self.cond:
            query_id = str(next(self._callback_ids))
            self.answered[query_id] = False
            return query_id

    def file_number(self) -> int:
        """A new number for a file the bot uploaded."""
        with self.cond:
            return next(self._file_numbers)

    def user_message(self, user: FakeUser, content: JSONDict, chat_id: int | None = None) -> int:
        """Store a message of the user in their chat (or a group's) and queue it as an update; returns the update_id."""
        chat = user.id if chat_id is None else chat_id
        with self.cond:
            self.users.setdefault(user.id, user)
            data: JSONDict = {
                "message_id": self.next_message_id(chat),
                "from": user.to_dict(),
                "chat": self.chat_json(chat),
                "date": int(time.time()),
                **content,
            }
            self.messages.setdefault(chat, {})[data["message_id"]] = StoredMessage(data, from_bot=False)
            return self.enqueue("message", copy.deepcopy(data))

    def bot_message(self, chat_id: int, content: JSONDict, document: UploadedFile | None = None) -> JSONDict:
        """Store a message of the bot in a chat; returns its JSON."""
        with self.cond:
            data: JSONDict = {
                "message_id": self.next_message_id(chat_id),
                "from": dict(BOT_USER),
                "chat": self.chat_json(chat_id),
                "date": int(time.time()),
                **content,
            }
            self.messages.setdefault(chat_id, {})[data["message_id"]] = StoredMessage(data, True, document)
            self.cond.notify_all()
            return copy.deepcopy(data)

    def take_rate(self) -> None:
        """Count one send against the rate limit, or answer 429 with retry_after."""
        if self.rate is None:
            return
        wait = self.rate.take(time.monotonic())
        if wait is not None:
            self.rejected_429 += 1
            raise ApiError(429, f"Too Many Requests: retry after {wait}", wait)

    def sent(self, chat_id: int, after: int = 0) -> list[SentMessage]:
        """The bot's messages of a chat with an id above ``after``, oldest first."""
        with self.cond:
            chat = self.messages.get(chat_id, {})
            return [_seen(chat_id, chat[i]) for i in sorted(chat) if i > after and chat[i].from_bot]

    def transcript(self, chat_id: int) -> str:
        """The chat, recent failed calls and the polling state, for assertion messages."""
        with self.cond:
            lines = [f"chat {chat_id} transcript:"]
            for message_id, stored in sorted(self.messages.get(chat_id, {}).items()):
                who = "bot " if stored.from_bot else "user"
                seen = _seen(chat_id, stored)
                line = f"  #{message_id} {who}: {(seen.text or _kind(stored.data))[:200]!r}"
                line += " (edited)" if seen.edited else ""
                lines.append(line + (f" buttons={seen.buttons}" if seen.buttons else ""))
            if len(lines) == 1:
                lines.append("  (empty)")
            failed = [c for c in self.calls if c.status != 200][-10:]
            if failed:
                lines.append("recent failed calls:")
                lines.extend(f"  {c.method} -> {c.status} {c.description}" for c in failed)
            polls = [c for c in self.calls if c.method == "getUpdates"]
            last_poll = f"{time.time() - polls[-1].at:.1f}s ago" if polls else "never"
            lines.append(f"unconfirmed updates: {len(self.updates)}; last getUpdates: {last_poll}")
            return "\n".join(lines)


def callback_data(data: JSONDict) -> list[str]:
    """The callback_data of every inline button of a message."""
    rows = data.get("reply_markup", {}).get("inline_keyboard", [])
    return [str(button["callback_data"]) for row in rows for button in row]


def _seen(chat_id: int, stored: StoredMessage) -> SentMessage:
    """What the user sees of a stored message."""
    data = stored.data
    rows = data.get("reply_markup", {}).get("inline_keyboard", [])
    return SentMessage(
        chat_id=chat_id,
        message_id=int(data["message_id"]),
        text=str(data.get("text", "")),
        buttons=[[(str(b["text"]), str(b.get("callback_data", b.get("url")))) for b in row] for row in rows],
        document=(stored.document.filename, stored.document.content) if stored.document else None,
        edited="edit_date" in data,
    )


def _kind(data: JSONDict) -> str:
    """Short description of a message without text, for transcripts."""
    kinds = ("document", "photo", "sticker", "voice", "location", "contact")
    return next((f"<{kind}>" for kind in kinds if kind in data), "<empty>")
