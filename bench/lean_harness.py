"""A lean stand-in for Telegram and its users, for bench/throughput.py: the workers' cost, not the bench's.

On a machine of two cores the bench's own side shares the CPU with the workers it measures. The tests' fake Bot API
(tests/support/fake_bot_api: http.server, a thread per connection, every call checked and kept) and client threads
on http.client cost about 0.9 ms of CPU an update, a sixth of a worker's: with two workers saturating both cores
that share is taken from them. Here one event loop, in a thread of its own, serves the Bot API and plays the
clients over raw asyncio streams:
- the Bot API answers each call at once, as Telegram would (a sent or edited message comes back with its text and
  buttons, the other calls with `true`), checks nothing, and keeps only each chat's last message (to press its
  buttons while people are brought to the questions);
- each client keeps one connection per worker and posts an update as one pre-built HTTP request.
Both speak just enough HTTP/1.1 for this (Content-Length bodies, kept-alive connections).
The workers receive the same updates and the same answers as from the tests' fake; only the bench's cost changes.
"""

from __future__ import annotations

import asyncio
import binascii
import json
import threading
import time
from collections import Counter
from collections.abc import Coroutine
from dataclasses import dataclass
from itertools import count
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")

BOT_USER = {"id": 999, "is_bot": True, "first_name": "faire-lien bench", "username": "faire_lien_bench_bot"}
TRUE_METHODS = {
    "answercallbackquery",
    "setwebhook",
    "deletewebhook",
    "setmycommands",
    "deletemycommands",
    "sendchataction",
    "setchatmenubutton",
}
"""Calls Telegram answers with `true`."""


@dataclass
class Shown:
    """The last message a chat shows: its id and its inline keyboard (as the bot sent it, read when asked)."""

    message_id: int
    markup: str

    def button(self, label: str) -> str:
        """Callback data of the one button whose label is, or else contains, `label`."""
        rows = json.loads(self.markup)["inline_keyboard"] if self.markup else []
        buttons = [(button["text"], button.get("callback_data", "")) for row in rows for button in row]
        exact = [data for text, data in buttons if text == label]
        found = exact or [data for text, data in buttons if label in text]
        if len(found) != 1:
            raise LookupError(f"{len(found)} buttons match {label!r}: {[text for text, _ in buttons]}")
        return str(found[0])


def split_message(buffer: bytes) -> tuple[bytes, bytes, bytes] | None:
    """The first whole HTTP message in `buffer` (its head and body) and what follows; None until it is whole."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    head, length = buffer[:end], 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if len(buffer) < end + 4 + length:
        return None
    return head, buffer[end + 4 : end + 4 + length], buffer[end + 4 + length :]


def form_fields(body: bytes) -> dict[str, str]:
    """The fields of a form-encoded body (how the bot's library sends a call), decoded ten times faster than
    `urllib.parse.parse_qsl`: a percent escape is read as a quoted-printable one, which C decodes."""
    fields = {}
    for pair in body.split(b"&"):
        key, _, value = pair.partition(b"=")
        quoted = value.replace(b"=", b"=3D").replace(b"%", b"=").replace(b"+", b" ")
        fields[key.decode()] = binascii.a2b_qp(quoted).decode()
    return fields


def _response(status: int, body: bytes) -> bytes:
    reason = b"OK" if status == 200 else b"Error"
    head = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (
        status,
        reason,
        len(body),
    )
    return head + body


class ApiConnection(asyncio.Protocol):
    """One connection of a worker to the lean Bot API."""

    def __init__(self, server: LeanServer) -> None:
        self.server = server
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (message := split_message(self.buffer)) is not None:
            head, body, self.buffer = message
            path = head.split(b" ", 2)[1].decode()
            assert self.transport is not None
            self.transport.write(self.server.answer(path.rsplit("/", 1)[-1], body))


class LeanServer:
    """The lean Bot API: answers every call at once and keeps each chat's last message."""

    def __init__(self) -> None:
        self.shown: dict[int, Shown] = {}
        self.calls: Counter[str] = Counter()
        self.message_ids = count(1)
        self.port = 0

    async def start(self) -> None:
        """Listen on an ephemeral port of 127.0.0.1."""
        server = await asyncio.get_running_loop().create_server(lambda: ApiConnection(self), "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]

    @property
    def base_url(self) -> str:
        """Value for TELEGRAM_API_BASE_URL."""
        return f"http://127.0.0.1:{self.port}/bot"

    def answer(self, method: str, body: bytes) -> bytes:
        """The HTTP response to one call, as Telegram would give it."""
        name = method.lower()
        self.calls[name] += 1
        if name in TRUE_METHODS:
            return _response(200, b'{"ok":true,"result":true}')
        if name == "getme":
            return _response(200, json.dumps({"ok": True, "result": BOT_USER}).encode())
        if name == "getwebhookinfo":
            info = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
            return _response(200, json.dumps({"ok": True, "result": info}).encode())
        if name not in ("sendmessage", "editmessagetext"):
            return _response(404, b'{"ok":false,"error_code":404,"description":"Not Found: method not in the bench"}')
        params = form_fields(body)
        chat = int(params["chat_id"])
        message_id = int(params["message_id"]) if name == "editmessagetext" else next(self.message_ids)
        markup = params.get("reply_markup", "")
        self.shown[chat] = Shown(message_id, markup)
        message = {"message_id": message_id, "date": int(time.time()), "chat": {"id": chat, "type": "private"}}
        result = json.dumps({**message, "from": BOT_USER, "text": params.get("text", "")})
        if markup:
            result = f'{result[:-1]},"reply_markup":{markup}}}'
        return _response(200, b'{"ok":true,"result":%s}' % result.encode())


class Loop:
    """An event loop in a thread of its own; the bench's main thread hands it coroutines."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="bench-loop", daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def close(self) -> None:
        """Stop the loop and its thread."""
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


class Webhook(asyncio.Protocol):
    """A client's connection to one worker's webhook: one update at a time, its answer's status awaited."""

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.answer: asyncio.Future[int] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        message = split_message(self.buffer)
        if message is not None and self.answer is not None and not self.answer.done():
            head, _, self.buffer = message
            self.answer.set_result(int(head[9:12]))

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if self.answer is not None and not self.answer.done():
            self.answer.set_result(0)

    async def post(self, request: bytes) -> int:
        """Send one request; the status of its answer (0 if the connection closed first)."""
        if self.transport is None:
            return 0
        self.answer = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.answer


class Poster:
    """One kept-alive connection to each worker's webhook; posts an update as one pre-built request."""

    def __init__(self, urls: list[str], secret: str) -> None:
        self.targets = [urlsplit(url) for url in urls]
        self.heads = [
            (
                f"POST {t.path} HTTP/1.1\r\nHost: {t.netloc}\r\nContent-Type: application/json\r\n"
                f"X-Telegram-Bot-Api-Secret-Token: {secret}\r\nContent-Length: "
            ).encode()
            for t in self.targets
        ]
        self.connections: list[Webhook | None] = [None] * len(urls)

    async def post(self, worker: int, update: dict[str, Any]) -> int:
        """POST one update to one worker; the status it answered (0 when the connection failed)."""
        body = json.dumps(update).encode()
        connection = self.connections[worker]
        if connection is None or connection.transport is None:
            target = self.targets[worker]
            try:
                _, connection = await asyncio.get_running_loop().create_connection(
                    Webhook, target.hostname or "127.0.0.1", target.port or 80
                )
            except OSError:
                return 0
            self.connections[worker] = connection
        status = await connection.post(self.heads[worker] + b"%d\r\n\r\n" % len(body) + body)
        if status == 0:
            self.close_one(worker)
        return status

    def close_one(self, worker: int) -> None:
        """Drop one worker's connection (a new one opens on the next post)."""
        connection, self.connections[worker] = self.connections[worker], None
        if connection is not None and connection.transport is not None:
            connection.transport.close()

    def close(self) -> None:
        """Close every connection."""
        for worker in range(len(self.connections)):
            self.close_one(worker)
