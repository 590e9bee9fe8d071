"""The HTTP side: ``POST /bot<token>/<method>`` with a form or multipart body, as python-telegram-bot sends it.

Answers go out without Nagle's delay (headers and body in one go, no 40 ms delayed-ACK stall), and a
long poll notices when its client is gone (a SIGKILLed bot).
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import json
import re
import select
import socket
import sys
import threading
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.support.fake_bot_api.methods import handle
from tests.support.fake_bot_api.model import ApiError, JSONDict, RawAnswer, UploadedFile, bad_request
from tests.support.fake_bot_api.state import State

_METHOD_PATH_RE = re.compile(r"^/bot[^/]+/(?P<method>[A-Za-z0-9_]+)/?$")
_INT_RE = re.compile(r"-?\d+")
_STRINGS = frozenset({"text", "callback_query_id", "language_code", "url", "secret_token"})


def _value(name: str, raw: str) -> Any:
    """One form value as the Bot API reads it: texts stay strings; booleans, numbers and JSON are decoded."""
    if name in _STRINGS:
        return raw
    if raw in ("true", "false"):
        return raw == "true"
    if _INT_RE.fullmatch(raw):
        return int(raw)
    if raw[:1] in ("[", "{"):
        with contextlib.suppress(ValueError):
            return json.loads(raw)
    return raw


def parse_params(content_type: str, body: bytes) -> JSONDict:
    """The parameters of a form-urlencoded or multipart/form-data body (files as ``UploadedFile``)."""
    if not content_type.lower().startswith("multipart/form-data"):
        return {key: _value(key, value) for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True)}
    head = b"Content-Type: " + content_type.encode("latin-1") + b"\r\nMIME-Version: 1.0\r\n\r\n"
    message = email.parser.BytesParser(EmailMessage, policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise bad_request("can't parse multipart body")
    params: JSONDict = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if not isinstance(name, str):
            continue
        if filename is None:
            params[name] = _value(name, content.decode("utf-8"))
        else:
            params[name] = UploadedFile(filename, content, part.get_content_type())
    return params


class Server(ThreadingHTTPServer):
    """A threading HTTP server on an ephemeral loopback port that can abort its keep-alive connections."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, state: State) -> None:
        self.state = state
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Track the connection, then handle it in a thread."""
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Forget the connection and close it."""
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Abort every open keep-alive connection."""
        with self.connections_lock:
            connections = list(self.connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that went away (e.g. a SIGKILLed bot), report the rest."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Routes each Bot API request to ``methods.handle``."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        """Parse, route and answer one request."""
        server = self.server
        assert isinstance(server, Server)
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            match = _METHOD_PATH_RE.match(unquote(urlsplit(self.path).path))
            if match is None:
                self._send(404, ApiError(404, "Not Found").payload())
                return
            try:
                params = parse_params(self.headers.get("Content-Type", ""), body)
            except (ApiError, UnicodeDecodeError) as error:
                self._send(400, (error if isinstance(error, ApiError) else bad_request(str(error))).payload())
                return
            self._send(*handle(server.state, match.group("method"), params, self._client_alive))
        except OSError:
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _client_alive(self) -> bool:
        """False once the client closed its connection."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return not readable or self.connection.recv(1, socket.MSG_PEEK) != b""
        except (OSError, ValueError):
            return False

    def _send(self, status: int, payload: JSONDict | RawAnswer) -> None:
        """Write a JSON answer (or a raw one, as an emulator or a proxy may)."""
        if isinstance(payload, RawAnswer):
            body, content_type = payload.body, payload.content_type
        else:
            body, content_type = json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
