"""``FakeBotAPI``: start the fake server, play the users, and watch what the bot sends them.

Every method is thread-safe; the waits block the calling thread (the bot runs in another process, or in
another thread's event loop).
"""

from __future__ import annotations

import copy
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any, Self

from tests.support.fake_bot_api.methods import u16
from tests.support.fake_bot_api.model import (
    BOT_USER,
    ApiError,
    Call,
    FakeUser,
    JSONDict,
    Quirk,
    RawAnswer,
    SentMessage,
)
from tests.support.fake_bot_api.server import Server
from tests.support.fake_bot_api.state import Chaos, State, callback_data
from tests.support.fake_bot_api.webhook import WebhookPusher

SENDS = ("sendMessage", "editMessageText", "sendDocument", "answerCallbackQuery")
"""The calls that show something to a user, which ``fail_randomly`` fails by default."""

_MEDIA: dict[str, JSONDict] = {
    "photo": {"photo": [{"file_id": "FAKEPHO1", "file_unique_id": "UPHO1", "width": 800, "height": 600}]},
    "sticker": {
        "sticker": {
            "file_id": "FAKESTI1",
            "file_unique_id": "USTI1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
    },
    "voice": {"voice": {"file_id": "FAKEVOI1", "file_unique_id": "UVOI1", "duration": 3, "mime_type": "audio/ogg"}},
    "location": {"location": {"latitude": 48.8566, "longitude": 2.3522}},
}


_ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


def _member(status: str) -> JSONDict:
    """The bot as a ChatMember with this status (an administrator with no rights, banned for ever)."""
    extra: JSONDict = {"until_date": 0} if status == "kicked" else {}
    if status == "administrator":
        extra = dict.fromkeys(_ADMIN_RIGHTS, False)
    return {"status": status, "user": dict(BOT_USER), **extra}


def _command_entities(text: str) -> list[JSONDict]:
    """The bot_command entity Telegram adds to a text starting with a slash."""
    if not text.startswith("/"):
        return []
    return [{"type": "bot_command", "offset": 0, "length": u16(text.split(maxsplit=1)[0])}]


class FakeBotAPI:
    """A fake Telegram Bot API server on 127.0.0.1, with the test's side of the conversation."""

    def __init__(self, *, global_rate_limit: float | None = None) -> None:
        """Create the server (not started); the rate limit is in messages per second overall."""
        self._state = State(global_rate_limit)
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._pusher: WebhookPusher | None = None

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> Self:
        """Listen on an ephemeral port of 127.0.0.1 and serve from a daemon thread."""
        if self._server is not None:
            raise RuntimeError("FakeBotAPI already started")
        self._state.stopping = False
        self._server = Server(self._state)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="FakeBotAPI", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end pending long polls and close connections."""
        server, thread = self._server, self._thread
        if self._pusher is not None:
            self._pusher.stop()
            self._pusher = None
        if server is None:
            return
        with self._state.cond:
            self._state.stopping = True
            self._state.cond.notify_all()
        server.shutdown()
        server.server_close()
        server.close_connections()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        """Start the server."""
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop the server."""
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeBotAPI is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """Value for TELEGRAM_API_BASE_URL / ``ApplicationBuilder().base_url(...)``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for TELEGRAM_API_BASE_FILE_URL (the bot never downloads files: nothing is served there)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def push_to(self, urls: Sequence[str], secret: str, *, connections: int = 8) -> WebhookPusher:
        """Webhook mode: deliver every update to one of ``urls`` until a 200, as Telegram does."""
        if self._pusher is not None:
            raise RuntimeError("already pushing updates")
        self._pusher = WebhookPusher(self._state, urls, secret, connections=connections)
        return self._pusher

    def pending_updates(self) -> int:
        """Updates not yet confirmed (polling) or acknowledged (webhook)."""
        with self._state.cond:
            return len(self._state.updates)

    # ---------------------------------------------------------------- failures

    def block(self, user: FakeUser | int) -> None:
        """Make sends to the user's chat answer 403 (the user blocked the bot)."""
        with self._state.cond:
            self._state.blocked.add(user.id if isinstance(user, FakeUser) else user)

    def fail_next(self, method: str, status: int, description: str, *, retry_after: int | None = None) -> None:
        """Make the next call of ``method`` answer this error (a 429 without retry_after waits 1 s)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._state.cond:
            self._state.failures.setdefault(method.lower(), deque()).append(ApiError(status, description, retry_after))

    def quirk_next(
        self,
        method: str,
        *,
        delay: float = 0.0,
        answer: RawAnswer | ApiError | None = None,
        change: Callable[[Any], Any] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` as a third-party emulator might: after ``delay`` seconds,
        with ``answer`` (a raw body or an error, without effect), or with the real result passed through ``change``."""
        with self._state.cond:
            queue = self._state.quirks.setdefault(method.lower(), deque())
            queue.extend(Quirk(delay, answer, change) for _ in range(times))

    def new_update_id(self) -> int:
        """An update id following those given so far, for an update built by the test and queued with ``push_raw``."""
        return self._state.new_update_id()

    def new_callback_id(self) -> str:
        """A new button press id the bot may answer once, for a press built by the test."""
        return self._state.callback_id()

    def push_raw(self, *updates: JSONDict) -> None:
        """Queue whole updates as given (ids included), all in one go: one getUpdates answer holds them all."""
        with self._state.cond:
            self._state.updates.extend(copy.deepcopy(list(updates)))
            self._state.cond.notify_all()

    def fail_randomly(
        self,
        share: float,
        *,
        statuses: tuple[int, ...] = (500, 502, 429),
        methods: tuple[str, ...] = SENDS,
        seed: int = 15,
    ) -> None:
        """Answer a random ``share`` of these methods' calls with one of ``statuses`` (429: retry after 1 s).

        A failed call has no effect (nothing is posted or edited), as when Telegram is overloaded.
        ``share=0`` stops it; ``injected`` counts the failures so far.
        """
        with self._state.cond:
            self._state.chaos = Chaos(share, statuses, methods, seed) if share > 0 else None

    @property
    def injected(self) -> int:
        """How many calls ``fail_randomly`` failed so far."""
        with self._state.cond:
            return self._state.chaos.injected if self._state.chaos is not None else 0

    # ---------------------------------------------------------------- the users' side

    def user(
        self,
        id: int,
        first_name: str = "Test",
        language_code: str = "fr",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        """Create (or replace) a user; the bot can then write to their private chat."""
        new = FakeUser(id, first_name, language_code, last_name, username)
        with self._state.cond:
            self._state.users[id] = new
        return new

    def send_text(self, user: FakeUser, text: str) -> int:
        """The user sends a text message; returns the update_id."""
        entities = _command_entities(text)
        return self._state.user_message(user, {"text": text, **({"entities": entities} if entities else {})})

    def group(self, chat_id: int, title: str = "Groupe d'entraide", kind: str = "supergroup") -> int:
        """Create a group chat (a negative id) the bot is in; returns its id."""
        with self._state.cond:
            self._state.groups[chat_id] = {"id": chat_id, "type": kind, "title": title}
        return chat_id

    def send_group_text(self, user: FakeUser, chat_id: int, text: str, *, topic: int | None = None) -> int:
        """The user writes in a group the bot is in (in a forum group's topic); returns the update_id."""
        entities = _command_entities(text)
        content = {"text": text, **({"entities": entities} if entities else {})}
        if topic is not None:
            content.update(message_thread_id=topic, is_topic_message=True)
        return self._state.user_message(user, content, chat_id)

    def send_document(self, user: FakeUser, file_name: str = "attestation.pdf") -> int:
        """The user sends a file; returns the update_id."""
        document = {"file_id": "FAKEDOCU1", "file_unique_id": "UDOCU1", "file_name": file_name}
        return self._state.user_message(user, {"document": document})

    def pin(self, user: FakeUser, message: SentMessage) -> int:
        """The user pins one of the bot's messages in their chat: Telegram posts a service message; the update_id."""
        with self._state.cond:
            stored = self._state.messages.get(message.chat_id, {}).get(message.message_id)
            if stored is None:
                raise ValueError(f"no message #{message.message_id} in chat {message.chat_id}")
            pinned = copy.deepcopy(stored.data)
        return self._state.user_message(user, {"pinned_message": pinned})

    def set_auto_delete_timer(self, user: FakeUser, seconds: int) -> int:
        """The user sets their chat's auto-delete timer: Telegram posts a service message; the update_id."""
        return self._state.user_message(
            user, {"message_auto_delete_timer_changed": {"message_auto_delete_time": seconds}}
        )

    def bot_status(self, user: FakeUser, chat_id: int, old: str, new: str) -> int:
        """my_chat_member: the user changed the bot's status in a chat ("kicked" in their own chat: blocked it)."""
        change = {
            "chat": self._state.chat_json(chat_id),
            "from": user.to_dict(),
            "date": int(time.time()),
            "old_chat_member": _member(old),
            "new_chat_member": _member(new),
        }
        with self._state.cond:
            self._state.users.setdefault(user.id, user)
            if chat_id == user.id:  # their own chat: blocked ("kicked") or not, sends follow
                (self._state.blocked.add if new == "kicked" else self._state.blocked.discard)(user.id)
        return self._state.enqueue("my_chat_member", change)

    def send_reply(self, user: FakeUser, to: SentMessage, text: str) -> int:
        """The user answers one of the bot's messages with Telegram's "Reply": the update carries that message."""
        with self._state.cond:
            stored = self._state.messages.get(to.chat_id, {}).get(to.message_id)
            if stored is None or not stored.from_bot:
                raise ValueError(f"the bot sent no message #{to.message_id} in chat {to.chat_id}")
            replied = copy.deepcopy(stored.data)
        return self._state.user_message(user, {"text": text, "reply_to_message": replied})

    def forward_text(self, user: FakeUser, text: str, from_name: str = "Marie") -> int:
        """The user forwards someone else's text message (its sender hidden); returns the update_id."""
        origin = {"type": "hidden_user", "sender_user_name": from_name, "date": int(time.time()) - 3600}
        return self._state.user_message(user, {"text": text, "forward_origin": origin})

    def send_photo(self, user: FakeUser) -> int:
        """The user sends a photo; returns the update_id."""
        return self._state.user_message(user, copy.deepcopy(_MEDIA["photo"]))

    def send_sticker(self, user: FakeUser) -> int:
        """The user sends a sticker; returns the update_id."""
        return self._state.user_message(user, copy.deepcopy(_MEDIA["sticker"]))

    def send_voice(self, user: FakeUser) -> int:
        """The user sends a voice note; returns the update_id."""
        return self._state.user_message(user, copy.deepcopy(_MEDIA["voice"]))

    def send_location(self, user: FakeUser) -> int:
        """The user shares a location; returns the update_id."""
        return self._state.user_message(user, copy.deepcopy(_MEDIA["location"]))

    def send_contact(self, user: FakeUser) -> int:
        """The user shares their own contact; returns the update_id."""
        contact = {"phone_number": "+33612345678", "first_name": user.first_name, "user_id": user.id}
        return self._state.user_message(user, {"contact": contact})

    def edit_text(self, user: FakeUser, message_id: int, new_text: str) -> int:
        """The user edits one of their text messages; returns the update_id."""
        state = self._state
        with state.cond:
            stored = state.messages.get(user.id, {}).get(message_id)
            if stored is None or stored.from_bot:
                raise ValueError(f"message #{message_id} is not a message of user {user.id}")
            stored.data.update(text=new_text, edit_date=int(time.time()))
            stored.data.pop("entities", None)
            if entities := _command_entities(new_text):
                stored.data["entities"] = entities
            return state.enqueue("edited_message", copy.deepcopy(stored.data))

    def press(self, user: FakeUser, message: SentMessage, data: str, *, force: bool = False) -> int:
        """The user presses the inline button with this callback data (``force``: any data); returns the update_id."""
        state = self._state
        with state.cond:
            stored = state.messages.get(message.chat_id, {}).get(message.message_id)
            if stored is None or not stored.from_bot:
                raise ValueError(f"the bot sent no message #{message.message_id} in chat {message.chat_id}")
            if not force and data not in callback_data(stored.data):
                hint = f" ({data!r} is a label: use message.button({data!r}))" if data in message.labels else ""
                raise ValueError(
                    f"callback_data {data!r} is not on message #{message.message_id} ({message.text[:60]!r}); "
                    f"its buttons: {message.buttons}{hint}; pass force=True to forge the press"
                )
            state.users.setdefault(user.id, user)
            callback = {
                "id": state.callback_id(),
                "from": user.to_dict(),
                "message": copy.deepcopy(stored.data),
                "chat_instance": str(-4_000_000_000_000 - message.chat_id),
                "data": data,
            }
            return state.enqueue("callback_query", callback)

    # ---------------------------------------------------------------- what the bot did

    def messages(self, chat_id: int) -> list[SentMessage]:
        """The bot's messages in a chat as they are now, oldest first."""
        return self._state.sent(chat_id)

    def mark(self, chat_id: int) -> int:
        """The last message id of a chat, for ``wait_for_messages(after=...)``."""
        with self._state.cond:
            return self._state.last_message_id.get(chat_id, 0)

    def wait_for_messages(
        self, chat_id: int, count: int = 1, *, after: int, timeout: float = 15.0
    ) -> list[SentMessage]:
        """Wait until the bot sent ``count`` messages after the mark; return the first ``count`` of them."""
        found: list[SentMessage] = []

        def enough() -> bool:
            nonlocal found
            found = self._state.sent(chat_id, after)
            return len(found) >= count

        try:
            self.wait_until(enough, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"expected {count} new bot message(s) in chat {chat_id} after #{after} within {timeout:g}s, "
                f"got {len(found)}.\n{self._state.transcript(chat_id)}"
            ) from None
        return found[:count]

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
        """Wait until ``predicate()``, checked after every change of the fake's state, is true."""
        deadline = time.monotonic() + timeout
        with self._state.cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"condition not met within {timeout:g}s")
                self._state.cond.wait(remaining)

    def is_polling(self) -> bool:
        """Whether a getUpdates long poll is waiting now (the bot is up)."""
        with self._state.cond:
            return self._state.active_polls > 0

    def wait_until_polling(self, timeout: float = 15.0) -> None:
        """Wait until the bot has a getUpdates long poll waiting."""
        self.wait_until(self.is_polling, timeout)

    def calls_of(self, method: str) -> list[Call]:
        """The calls of one method (any case), answered so far."""
        with self._state.cond:
            return [call for call in self._state.calls if call.method.lower() == method.lower()]

    def unanswered_presses(self) -> list[str]:
        """Ids of the button presses the bot has not answered (answerCallbackQuery) so far, oldest first."""
        with self._state.cond:
            return [query_id for query_id, answered in self._state.answered.items() if not answered]

    def commands(self, language_code: str = "", *, chat_id: int | None = None) -> list[JSONDict]:
        """The command menu set for a language ("" for the default one), or for one chat."""
        key = f"chat:{chat_id}" if chat_id is not None else language_code
        with self._state.cond:
            return copy.deepcopy(self._state.commands.get(key, []))

    @property
    def rejected_429(self) -> int:
        """How many sends the rate limit refused."""
        with self._state.cond:
            return self._state.rejected_429
