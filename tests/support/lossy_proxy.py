"""A proxy on 127.0.0.1 between the bot and the fake Bot API that loses Telegram's answers on demand.

Point the bot at ``proxy.base_url`` instead of the fake's. Each request is forwarded as it is, unless a
fault was set for its method with ``fail(method, fault, times)``:

- ``withhold``: forwarded (the fake posts the message), then the answer is never sent back; the bot's
  read timeout fires;
- ``reset``: forwarded, then the connection is reset (RST) instead of answering;
- ``bad_gateway``: forwarded, then answered 502 by the proxy, as a reverse proxy in front of Telegram
  does when the backend is slow;
- ``too_many``: not forwarded, answered 429 (retry after 1 s): nothing was sent.

``stop()`` stops listening and cuts open connections, so the bot's connections are refused until
``start()`` listens again on the same port. It runs in the test's event loop (asyncio streams).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import struct
from collections import deque
from typing import Literal, Self

Fault = Literal["withhold", "reset", "bad_gateway", "too_many"]

_METHOD_RE = re.compile(rb"^POST /bot[^/ ]+/(?P<method>[A-Za-z0-9_]+)")
_LENGTH_RE = re.compile(rb"(?im)^content-length:\s*(\d+)\s*$")
_BAD_GATEWAY = b"<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"


def _answer(status: str, body: bytes, content_type: str) -> bytes:
    """A whole HTTP/1.1 answer that keeps the connection open."""
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + body


async def _read_message(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """One HTTP message (request or answer) with a Content-Length: head and body."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = _LENGTH_RE.search(head)
    if length is None:
        raise ValueError("the lossy proxy handles messages with a Content-Length only")
    return head, await reader.readexactly(int(length.group(1)))


class LossyProxy:
    """Forwards Bot API calls to the fake server, losing answers or refusing calls when told to."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = 0
        self.forwarded: list[str] = []
        self._faults: dict[str, deque[Fault]] = {}
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def base_url(self) -> str:
        """Value for ``ApplicationBuilder().base_url(...)`` / TELEGRAM_API_BASE_URL."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> Self:
        """Listen on 127.0.0.1: an ephemeral port the first time, the same port afterwards."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def stop(self) -> None:
        """Stop listening and cut every open connection: new connections are refused."""
        for writer in list(self._writers):
            writer.transport.abort()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    def fail(self, method: str, fault: Fault, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` (any case) meet this fault."""
        self._faults.setdefault(method.lower(), deque()).extend([fault] * times)

    def _next_fault(self, method: str) -> Fault | None:
        queued = self._faults.get(method.lower())
        return queued.popleft() if queued else None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve one client connection, request after request (keep-alive)."""
        self._writers.add(writer)
        try:
            while True:
                head, body = await _read_message(reader)
                match = _METHOD_RE.match(head)
                method = match.group("method").decode() if match else "?"
                fault = self._next_fault(method)
                if fault == "too_many":
                    payload = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1"}
                    payload["parameters"] = {"retry_after": 1}
                    writer.write(_answer("429 Too Many Requests", json.dumps(payload).encode(), "application/json"))
                    await writer.drain()
                    continue
                answer = await self._forward(head, body)
                self.forwarded.append(method)
                if fault == "withhold":
                    while await reader.read(65536):  # until the bot gives up and closes the connection
                        pass
                    return
                if fault == "reset":
                    sock = writer.get_extra_info("socket")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
                if fault == "bad_gateway":
                    answer = _answer("502 Bad Gateway", _BAD_GATEWAY, "text/html")
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            return
        finally:
            self._writers.discard(writer)
            with contextlib.suppress(Exception):
                writer.close()

    async def _forward(self, head: bytes, body: bytes) -> bytes:
        """Send the request to the fake Bot API and return its whole answer."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            writer.write(head + body)
            await writer.drain()
            answer_head, answer_body = await _read_message(reader)
            return answer_head + answer_body
        finally:
            writer.close()
