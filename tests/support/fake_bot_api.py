"""A fake Telegram Bot API HTTP server for end-to-end tests of faire-lien.

``FakeBotAPI`` listens on ``127.0.0.1`` (ephemeral port) and answers the Bot API
methods the bot uses, the way python-telegram-bot (``HTTPXRequest``) calls them:
``POST /bot<TOKEN>/<method>`` with form-urlencoded, JSON or multipart/form-data
bodies.  Point the bot at it with ``ApplicationBuilder().base_url(api.base_url)``
and ``.base_file_url(api.base_file_url)``.  The server keeps all its state in the
test process, so the bot process may be killed and restarted at will.

Realism that matters for tests:

* ``getUpdates`` follows Telegram's offset semantics: updates are forgotten only
  when a later call passes an ``offset`` greater than their ``update_id``;
  unconfirmed updates are delivered again.  Long polling wakes up as soon as an
  update is queued, and a newer ``getUpdates`` terminates an older pending one
  with 409 Conflict (as Telegram does when two bot instances poll).
* ``parse_mode`` HTML / MarkdownV2 / Markdown is parsed: ``SentMessage.text`` is
  the plain text the user sees, and malformed markup is rejected with the same
  400 "can't parse entities" errors Telegram gives (``strict_markup=False`` to
  disable).  Empty or too-long texts, invalid ``callback_data`` (more than 64
  bytes), editing a message without changes ("message is not modified") and
  answering an unknown or already answered callback query are rejected too.
* ``editMessageText`` without ``reply_markup`` removes the inline keyboard.
* Sending to a chat of a user the test never created answers 400 "chat not found".

Failure injection: global / per-chat rate limits answering 429 with
``retry_after``, ``block(user)`` answering 403, and ``fail_next(...)``.

The test side drives the conversation with ``user()``, ``send_text()``,
``press()``, ... and observes it with ``messages()``, ``mark()`` /
``wait_for_messages()``, ``calls`` / ``wait_for_call()``.  Every public method is
thread-safe; blocking waits also exist as ``*_async`` coroutines for tests that
run the bot in the same event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email.parser
import email.policy
import itertools
import json
import math
import mimetypes
import re
import select
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from email.message import EmailMessage
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "BOT_USER",
    "BOT_USER_ID",
    "Call",
    "FakeBotAPI",
    "FakeUser",
    "SentMessage",
    "UploadedFile",
]

JSONDict = dict[str, Any]

BOT_USER_ID = 999
BOT_USER: JSONDict = {
    "id": BOT_USER_ID,
    "is_bot": True,
    "first_name": "faire-lien test",
    "username": "faire_lien_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}

_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_FIRST_UPDATE_ID = 100_001

_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "action",
        "language_code",
        "secret_token",
        "emoji",
        "question",
        "title",
        "description",
        "short_description",
        "name",
        "query",
        "inline_message_id",
        "phone_number",
        "first_name",
        "last_name",
        "vcard",
        "address",
        "business_connection_id",
        "message_effect_id",
        "payload",
        "currency",
        "start_parameter",
        "file_id",
        "document",
        "photo",
        "audio",
        "video",
        "voice",
        "animation",
        "sticker",
        "video_note",
        "thumbnail",
        "ip_address",
        "certificate",
        "custom_title",
    }
)
_INT_RE = re.compile(r"-?\d+")
_FLOAT_RE = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?")
_METHOD_PATH_RE = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z0-9_]+)/?$")
_FILE_PATH_RE = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>.+)$")
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_CHAT_METHODS = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup", "editMessageCaption"}
)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user talking to the bot in a private chat (chat id == user id)."""

    id: int
    first_name: str = "Test"
    language_code: str = "fr"
    last_name: str | None = None
    username: str | None = None

    @property
    def chat_id(self) -> int:
        """Id of the user's private chat with the bot."""
        return self.id

    def to_dict(self) -> JSONDict:
        """Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True)
class UploadedFile:
    """A file uploaded by the bot (multipart part) or registered by the test."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Call:
    """One Bot API request, recorded once answered (a pending long poll is not listed yet)."""

    method: str
    params: JSONDict
    at: float
    status: int = 200
    description: str | None = None


@dataclass(frozen=True)
class SentMessage:
    """Snapshot of a message sent by the bot, in its current (possibly edited) state."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[list[tuple[str, str]]]
    reply_markup: JSONDict | None
    document: tuple[str, bytes] | None = None
    photo: tuple[str, bytes] | None = None
    caption: str | None = None
    raw_text: str | None = None
    parse_mode: str | None = None
    keyboard: list[list[str]] = field(default_factory=list)
    edited: bool = False
    deleted: bool = False
    raw: JSONDict = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        """Labels of all inline buttons, row by row."""
        return [label for row in self.buttons for label, _ in row]

    def button(self, label_substring: str) -> str:
        """Callback data (or URL) of the one inline button whose label contains the text."""
        flat = [pair for row in self.buttons for pair in row]
        exact = [data for label, data in flat if label == label_substring]
        if len(exact) == 1:
            return exact[0]
        matches = [(label, data) for label, data in flat if label_substring in label]
        if len(matches) == 1:
            return matches[0][1]
        if not matches:
            raise LookupError(
                f"no button containing {label_substring!r} on message #{self.message_id} "
                f"({self.text[:60]!r}); buttons: {self.labels}"
            )
        raise LookupError(
            f"{len(matches)} buttons contain {label_substring!r} on message "
            f"#{self.message_id}: {[label for label, _ in matches]}"
        )


class _ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSONDict:
        """The JSON body of the error answer."""
        data: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            data["parameters"] = {"retry_after": self.retry_after}
        return data


def _bad_request(description: str) -> _ApiError:
    """A 400 Bad Request error."""
    return _ApiError(400, f"Bad Request: {description}")


@dataclass
class _Stored:
    """Internal state of one message of a chat."""

    data: JSONDict
    from_bot: bool
    raw_text: str | None = None
    parse_mode: str | None = None
    document: UploadedFile | None = None
    photo: UploadedFile | None = None
    keyboard: list[list[str]] = field(default_factory=list)
    deleted: bool = False


@dataclass
class _StoredFile:
    """A file known to the fake server (downloadable through getFile)."""

    file_id: str
    file_unique_id: str
    file_path: str
    upload: UploadedFile


@dataclass
class _Failure:
    """An injected one-off error."""

    status: int
    description: str
    retry_after: int | None
    remaining: int


# ------------------------------------------------------------------ request parsing


def _decode_value(name: str, raw: str) -> Any:
    """Decode one form value the way the Bot API interprets it."""
    if name in _STRING_PARAMS:
        return raw
    if raw in ("true", "false"):
        return raw == "true"
    if _INT_RE.fullmatch(raw):
        return int(raw)
    if _FLOAT_RE.fullmatch(raw):
        return float(raw)
    if raw[:1] in ("[", "{"):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def _parse_body(content_type: str, body: bytes, query: str) -> JSONDict:
    """Parse query string and body (urlencoded, JSON or multipart) into typed params."""
    params: JSONDict = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        params[key] = _decode_value(key, value)
    ctype = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return params
    if ctype == "application/json":
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise _bad_request(f"can't parse JSON body: {exc}") from exc
        if not isinstance(data, dict):
            raise _bad_request("JSON body must be an object")
        for key, value in data.items():
            params[key] = _decode_value(key, value) if isinstance(value, str) else value
    elif ctype == "multipart/form-data":
        params.update(_parse_multipart(content_type, body))
    else:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _bad_request("request body is not UTF-8") from exc
        for key, value in parse_qsl(text, keep_blank_values=True):
            params[key] = _decode_value(key, value)
    return params


def _parse_multipart(content_type: str, body: bytes) -> JSONDict:
    """Parse a multipart/form-data body with the stdlib email parser."""
    head = b"Content-Type: " + content_type.encode("latin-1") + b"\r\nMIME-Version: 1.0\r\n\r\n"
    parser = email.parser.BytesParser(EmailMessage, policy=email.policy.HTTP)
    message = parser.parsebytes(head + body)
    if not message.is_multipart():
        raise _bad_request("can't parse multipart body")
    fields: JSONDict = {}
    files: dict[str, UploadedFile] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = UploadedFile(filename, content, part.get_content_type())
        else:
            fields[name] = _decode_value(name, content.decode("utf-8", errors="replace"))
    for key, value in list(fields.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            attached = files.pop(value[len("attach://") :], None)
            if attached is not None:
                fields[key] = attached
    fields.update(files)
    return fields


# ------------------------------------------------------------------ markup parsing


class _MarkupError(Exception):
    """Malformed HTML / Markdown text."""


def _u16(text: str) -> int:
    """Length of a string in UTF-16 code units (Telegram's entity unit)."""
    return len(text.encode("utf-16-le")) // 2


class _Builder:
    """Accumulates plain text and message entities."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self.offset = 0
        self.entities: list[JSONDict] = []

    def text(self, chunk: str) -> None:
        """Append plain text."""
        self._chunks.append(chunk)
        self.offset += _u16(chunk)

    def entity(self, kind: str, start: int, **extra: Any) -> None:
        """Close an entity that started at ``start``."""
        if self.offset > start:
            entity: JSONDict = {"type": kind, "offset": start, "length": self.offset - start}
            entity.update({k: v for k, v in extra.items() if v is not None})
            self.entities.append(entity)

    def result(self) -> tuple[str, list[JSONDict]]:
        """Plain text and entities sorted by offset."""
        return "".join(self._chunks), sorted(self.entities, key=lambda e: int(e["offset"]))


_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}


class _HTMLText(HTMLParser):
    """Telegram-flavoured HTML to plain text + entities."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.out = _Builder()
        self.stack: list[tuple[str, int, str, JSONDict]] = []
        starts = [0]
        for line in source.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        self._line_starts = starts

    def _byte_offset(self) -> int:
        """UTF-8 byte offset of the current tag in the source."""
        line, col = self.getpos()
        index = self._line_starts[line - 1] + col
        return len(self.source[:index].encode())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an entity."""
        if tag not in _HTML_TAGS:
            raise _MarkupError(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        attributes = dict(attrs)
        kind = _HTML_TAGS[tag]
        extra: JSONDict = {}
        if tag == "a":
            extra["url"] = attributes.get("href") or ""
        elif tag == "span" and attributes.get("class") != "tg-spoiler":
            raise _MarkupError('Tag "span" must have class "tg-spoiler"')
        elif tag == "blockquote" and "expandable" in attributes:
            kind = "expandable_blockquote"
        elif tag == "tg-emoji":
            extra["custom_emoji_id"] = attributes.get("emoji-id") or ""
        self.stack.append((tag, self.out.offset, kind, extra))

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost entity."""
        if not self.stack:
            raise _MarkupError(f"Unexpected end tag at byte offset {self._byte_offset()}")
        open_tag, start, kind, extra = self.stack[-1]
        if open_tag != tag:
            raise _MarkupError(
                f'Unmatched end tag at byte offset {self._byte_offset()}, expected "</{open_tag}>", found "</{tag}>"'
            )
        self.stack.pop()
        self.out.entity(kind, start, **extra)

    def handle_data(self, data: str) -> None:
        """Plain text."""
        self.out.text(data)

    def parse(self) -> tuple[str, list[JSONDict]]:
        """Parse the whole source."""
        self.feed(self.source)
        self.close()
        if self.stack:
            raise _MarkupError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1][0]}"')
        return self.out.result()


_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_MARKERS = {
    "*": ("bold", "Bold"),
    "_": ("italic", "Italic"),
    "__": ("underline", "Underline"),
    "~": ("strikethrough", "Strikethrough"),
    "||": ("spoiler", "Spoiler"),
    "[": ("text_link", "TextUrl"),
}
_ESCAPED_RE = re.compile(r"\\(.)", re.DOTALL)


def _find_unescaped(source: str, token: str, start: int) -> int:
    """Index of the next ``token`` not preceded by a backslash escape, or -1."""
    index = start
    while index < len(source):
        if source[index] == "\\":
            index += 2
            continue
        if source.startswith(token, index):
            return index
        index += 1
    return -1


def _parse_markdown_v2(source: str) -> tuple[str, list[JSONDict]]:
    """Telegram MarkdownV2 to plain text + entities, with Telegram's escaping rules."""
    out = _Builder()
    stack: list[tuple[str, int, int]] = []

    def byte_at(index: int) -> int:
        return len(source[:index].encode())

    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            if i + 1 < len(source) and 0 < ord(source[i + 1]) <= 126:
                out.text(source[i + 1])
                i += 2
            else:
                out.text(char)
                i += 1
            continue
        if source.startswith("```", i) or char == "`":
            token = "```" if source.startswith("```", i) else "`"
            end = _find_unescaped(source, token, i + len(token))
            if end < 0:
                name = "Pre" if token == "```" else "Code"
                raise _MarkupError(f"Can't find end of {name} entity at byte offset {byte_at(i)}")
            body = source[i + len(token) : end]
            language = None
            if token == "```":
                first, sep, rest = body.partition("\n")
                if sep:
                    language, body = (first or None), rest
            start = out.offset
            out.text(_ESCAPED_RE.sub(r"\1", body))
            out.entity("pre" if token == "```" else "code", start, language=language)
            i = end + len(token)
            continue
        if char == "]":
            if stack and stack[-1][0] == "[" and source.startswith("(", i + 1):
                close = _find_unescaped(source, ")", i + 2)
                if close < 0:
                    raise _MarkupError(f"Can't find end of a URL at byte offset {byte_at(i)}")
                _, start, _ = stack.pop()
                out.entity("text_link", start, url=_ESCAPED_RE.sub(r"\1", source[i + 2 : close]))
                i = close + 1
                continue
            raise _MarkupError("Character ']' is reserved and must be escaped with the preceding '\\'")
        marker = None
        for candidate in ("||", "__", "*", "_", "~", "["):
            if source.startswith(candidate, i):
                marker = candidate
                break
        if marker is not None:
            if marker != "[" and stack and stack[-1][0] == marker:
                _, start, _ = stack.pop()
                out.entity(_MDV2_MARKERS[marker][0], start)
            elif marker != "[" and any(open_marker == marker for open_marker, _, _ in stack):
                top, _, offset = stack[-1]
                raise _MarkupError(f"Can't find end of {_MDV2_MARKERS[top][1]} entity at byte offset {offset}")
            else:
                stack.append((marker, out.offset, byte_at(i)))
            i += len(marker)
            continue
        if char == ">" and (i == 0 or source[i - 1] == "\n"):
            i += 1
            continue
        if char in _MDV2_RESERVED:
            raise _MarkupError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        out.text(char)
        i += 1
    if stack:
        top, _, offset = stack[-1]
        raise _MarkupError(f"Can't find end of {_MDV2_MARKERS[top][1]} entity at byte offset {offset}")
    return out.result()


def _parse_markdown(source: str) -> tuple[str, list[JSONDict]]:
    """Legacy Telegram Markdown to plain text + entities."""
    out = _Builder()
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    i = 0
    while i < len(source):
        char = source[i]
        error = f"Can't find end of the entity starting at byte offset {len(source[:i].encode())}"
        if char == "\\" and i + 1 < len(source) and source[i + 1] in "_*`[":
            out.text(source[i + 1])
            i += 2
        elif source.startswith("```", i):
            end = source.find("```", i + 3)
            if end < 0:
                raise _MarkupError(error)
            start = out.offset
            out.text(source[i + 3 : end])
            out.entity("pre", start)
            i = end + 3
        elif char in kinds:
            end = source.find(char, i + 1)
            if end < 0:
                raise _MarkupError(error)
            start = out.offset
            out.text(source[i + 1 : end])
            out.entity(kinds[char], start)
            i = end + 1
        elif char == "[":
            match = re.compile(r"\[([^\]]*)\]\(([^)]*)\)").match(source, i)
            if match is None:
                raise _MarkupError(error)
            start = out.offset
            out.text(match.group(1))
            out.entity("text_link", start, url=match.group(2))
            i = match.end()
        else:
            out.text(char)
            i += 1
    return out.result()


# ------------------------------------------------------------------ rate limiting


class _Window:
    """Sliding-window limiter: ``limit`` accepted requests per second on average."""

    def __init__(self) -> None:
        self.stamps: deque[float] = deque()

    def retry_after(self, limit: float, now: float) -> int | None:
        """Seconds to wait if one more request would exceed ``limit``, else None."""
        window = max(1.0, 1.0 / limit)
        capacity = max(1, math.floor(limit * window))
        while self.stamps and self.stamps[0] <= now - window:
            self.stamps.popleft()
        if len(self.stamps) < capacity:
            return None
        return max(1, math.ceil(self.stamps[0] + window - now))


# ------------------------------------------------------------------ HTTP layer


class _Server(ThreadingHTTPServer):
    """Threading HTTP server that remembers its open connections."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
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
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that went away (e.g. a SIGKILLed bot), report the rest."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Routes Bot API and file download requests to the ``FakeBotAPI``."""

    protocol_version = "HTTP/1.1"
    server_version = "FakeBotAPI/1.0"
    disable_nagle_algorithm = True  # headers and body go out at once, like a real server (no 40 ms delayed-ACK stall)

    def do_GET(self) -> None:
        """Handle GET."""
        self._dispatch()

    def do_POST(self) -> None:
        """Handle POST."""
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _read_body(self) -> bytes:
        """Read the request body (Content-Length or chunked)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _dispatch(self) -> None:
        """Parse, route and answer one request."""
        server = self.server
        assert isinstance(server, _Server)
        api = server.api
        try:
            body = self._read_body()
            url = urlsplit(self.path)
            path = unquote(url.path)
            file_match = _FILE_PATH_RE.match(path)
            if file_match is not None:
                content = api._download(file_match.group("path"))
                if content is None:
                    self._send(404, b'{"ok":false,"error_code":404,"description":"Not Found"}')
                else:
                    self._send(200, content, "application/octet-stream")
                return
            match = _METHOD_PATH_RE.match(path)
            if match is None:
                self._send_json(404, _ApiError(404, "Not Found").payload())
                return
            try:
                params = _parse_body(self.headers.get("Content-Type", ""), body, url.query)
            except _ApiError as exc:
                self._send_json(exc.status, exc.payload())
                return
            status, payload = api._handle(match.group("method"), params, self._client_alive)
            self._send_json(status, payload)
        except OSError:
            self.close_connection = True

    def _client_alive(self) -> bool:
        """False once the client closed its connection (e.g. the bot was SIGKILLed)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return not readable or self.connection.recv(1, socket.MSG_PEEK) != b""
        except (OSError, ValueError):
            return False

    def _send_json(self, status: int, payload: JSONDict) -> None:
        """Write a JSON answer."""
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        """Write an answer with a body."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()


# ------------------------------------------------------------------ the fake API


class FakeBotAPI:
    """Fake Telegram Bot API server with a test-side API to drive and observe the bot."""

    def __init__(
        self,
        *,
        global_rate_limit: float | None = None,
        per_chat_rate_limit: float | None = None,
        strict_markup: bool = True,
    ) -> None:
        """Create the server (not started); rate limits are messages per second."""
        self.global_rate_limit = global_rate_limit
        self.per_chat_rate_limit = per_chat_rate_limit
        self.strict_markup = strict_markup
        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._calls: list[Call] = []
        self._users: dict[int, FakeUser] = {}
        self._blocked: set[int] = set()
        self._updates: list[JSONDict] = []
        self._all_updates: dict[int, JSONDict] = {}
        self._update_ids = itertools.count(_FIRST_UPDATE_ID)
        self._poll_generation = 0
        self._active_polls = 0
        self._request_local = threading.local()
        self._allowed_updates: set[str] | None = None
        self._webhook_url = ""
        self._messages: dict[int, dict[int, _Stored]] = {}
        self._last_message_id: dict[int, int] = {}
        self._files: dict[str, _StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._callback_counter = itertools.count(7_000_000_001)
        self._callback_queries: dict[str, bool] = {}
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._failures: dict[str, deque[_Failure]] = {}
        self._global_window = _Window()
        self._chat_windows: dict[int, _Window] = {}
        self._rejected_429 = 0
        self._methods: dict[str, tuple[str, Callable[[JSONDict], Any]]] = {}
        for name, handler in (
            ("getMe", self._m_get_me),
            ("getUpdates", self._m_get_updates),
            ("deleteWebhook", self._m_delete_webhook),
            ("setWebhook", self._m_set_webhook),
            ("getWebhookInfo", self._m_get_webhook_info),
            ("sendMessage", self._m_send_message),
            ("sendDocument", self._m_send_document),
            ("sendPhoto", self._m_send_photo),
            ("editMessageText", self._m_edit_message_text),
            ("editMessageReplyMarkup", self._m_edit_message_reply_markup),
            ("editMessageCaption", self._m_edit_message_caption),
            ("deleteMessage", self._m_delete_message),
            ("answerCallbackQuery", self._m_answer_callback_query),
            ("setMyCommands", self._m_set_my_commands),
            ("getMyCommands", self._m_get_my_commands),
            ("deleteMyCommands", self._m_delete_my_commands),
            ("sendChatAction", self._m_send_chat_action),
            ("getFile", self._m_get_file),
            ("close", self._m_true),
            ("logOut", self._m_true),
        ):
            self._methods[name.lower()] = (name, handler)

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> Self:
        """Bind an ephemeral port on 127.0.0.1 and serve from a daemon thread."""
        if self._server is not None:
            raise RuntimeError("FakeBotAPI already started")
        self._stopping = False
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeBotAPI",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake pending long polls and close connections."""
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        server.shutdown()
        server.server_close()
        server.close_connections()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        """Start the server."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
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
        """Value for ``ApplicationBuilder().base_url(...)``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ``ApplicationBuilder().base_file_url(...)``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ---------------------------------------------------------------- recording

    @property
    def calls(self) -> list[Call]:
        """All requests received so far (a copy)."""
        with self._cond:
            return list(self._calls)

    def calls_of(self, method: str) -> list[Call]:
        """Requests of one method (case-insensitive)."""
        wanted = method.lower()
        with self._cond:
            return [call for call in self._calls if call.method.lower() == wanted]

    def call_mark(self) -> int:
        """Number of recorded calls, to pass as ``after=`` to ``wait_for_call``."""
        with self._cond:
            return len(self._calls)

    @property
    def rejected_429(self) -> int:
        """How many requests the rate limits rejected."""
        with self._cond:
            return self._rejected_429

    def pending_updates(self) -> int:
        """Number of queued updates the bot has not confirmed yet."""
        with self._cond:
            return len(self._updates)

    def is_polling(self) -> bool:
        """Whether a getUpdates long poll is waiting right now (the bot is up)."""
        with self._cond:
            return self._active_polls > 0

    def wait_until_polling(self, timeout: float = 15.0) -> None:
        """Block until the bot has a getUpdates long poll waiting."""
        self.wait_until(self.is_polling, timeout)

    def update(self, update_id: int) -> JSONDict:
        """The JSON of an update created by the test."""
        with self._cond:
            return copy.deepcopy(self._all_updates[update_id])

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """Commands currently set for a scope and language."""
        with self._cond:
            return copy.deepcopy(self._commands.get(self._commands_key(scope, language_code), []))

    # ---------------------------------------------------------------- failure injection

    def block(self, user: FakeUser | int) -> None:
        """Make sends to the user's chat answer 403 (bot blocked)."""
        with self._cond:
            self._blocked.add(_user_id(user))

    def unblock(self, user: FakeUser | int) -> None:
        """Undo ``block``."""
        with self._cond:
            self._blocked.discard(_user_id(user))

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` answer this error (429 implies retry_after=1)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._cond:
            self._failures.setdefault(method.lower(), deque()).append(_Failure(status, description, retry_after, times))

    # ---------------------------------------------------------------- test-side driving

    def user(
        self,
        id: int,
        first_name: str = "Test",
        language_code: str = "fr",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        """Create (or replace) a user; its private chat then exists."""
        new = FakeUser(id, first_name, language_code, last_name, username)
        with self._cond:
            self._users[id] = new
        return new

    def send_text(self, user: FakeUser, text: str) -> int:
        """The user sends a text message; returns the update_id."""
        content: JSONDict = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0] if text.strip() else text
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": _u16(command)}]
        return self._user_message(user, content)

    def send_sticker(self, user: FakeUser, emoji: str = "👍") -> int:
        """The user sends a sticker; returns the update_id."""
        webp = UploadedFile("sticker.webp", b"RIFF\x00\x00\x00\x00WEBP", "image/webp")
        stored = self._register_file(webp, "stickers")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "TestStickers",
            "file_size": 12,
        }
        return self._user_message(user, {"sticker": sticker})

    def send_photo(self, user: FakeUser, content: bytes = b"\x89PNG\r\n\x1a\n", caption: str | None = None) -> int:
        """The user sends a photo (downloadable via getFile); returns the update_id."""
        stored = self._register_file(UploadedFile("photo.jpg", content, "image/jpeg"), "photos")
        data: JSONDict = {
            "photo": [
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": 800,
                    "height": 600,
                    "file_size": len(content),
                }
            ]
        }
        if caption is not None:
            data["caption"] = caption
        return self._user_message(user, data)

    def send_document(self, user: FakeUser, filename: str, content: bytes, mime_type: str | None = None) -> int:
        """The user sends a document (downloadable via getFile); returns the update_id."""
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        stored = self._register_file(UploadedFile(filename, content, mime), "documents")
        return self._user_message(user, {"document": self._document_json(stored)})

    def send_voice(self, user: FakeUser, duration: int = 3, content: bytes = b"OggS\x00\x02") -> int:
        """The user sends a voice note; returns the update_id."""
        stored = self._register_file(UploadedFile("voice.oga", content, "audio/ogg"), "voice")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(content),
        }
        return self._user_message(user, {"voice": voice})

    def send_location(self, user: FakeUser, latitude: float = 48.8566, longitude: float = 2.3522) -> int:
        """The user shares a location; returns the update_id."""
        return self._user_message(user, {"location": {"latitude": latitude, "longitude": longitude}})

    def send_contact(
        self,
        user: FakeUser,
        phone_number: str = "+33612345678",
        first_name: str | None = None,
        *,
        own: bool = True,
    ) -> int:
        """The user shares a contact (their own by default); returns the update_id."""
        contact: JSONDict = {"phone_number": phone_number, "first_name": first_name or user.first_name}
        if own:
            contact["user_id"] = user.id
        return self._user_message(user, {"contact": contact})

    def edit_text(self, user: FakeUser, message_id: int, new_text: str) -> int:
        """The user edits one of their text messages; returns the update_id."""
        with self._cond:
            stored = self._messages.get(user.id, {}).get(message_id)
            if stored is None or stored.from_bot:
                raise ValueError(f"message #{message_id} is not a message of user {user.id}")
            stored.data["text"] = new_text
            stored.data["edit_date"] = int(time.time())
            stored.data.pop("entities", None)
            if new_text.startswith("/"):
                command = new_text.split(maxsplit=1)[0]
                stored.data["entities"] = [{"type": "bot_command", "offset": 0, "length": _u16(command)}]
            return self._enqueue("edited_message", copy.deepcopy(stored.data))

    def press(self, user: FakeUser, message: SentMessage, callback_data: str, *, force: bool = False) -> int:
        """The user presses an inline button of a bot message; returns the update_id."""
        with self._cond:
            self._ensure_user(user)
            stored = self._messages.get(message.chat_id, {}).get(message.message_id)
            if not force:
                if stored is None or stored.deleted or not stored.from_bot:
                    raise ValueError(
                        f"cannot press on message #{message.message_id} of chat {message.chat_id}: "
                        "it does not exist (any more); pass force=True to forge the callback"
                    )
                current = self._snapshot(message.chat_id, stored)
                valid = [data for row in current.buttons for _, data in row]
                callback_buttons = _callback_buttons(stored.data.get("reply_markup"))
                if callback_data not in callback_buttons:
                    hint = ""
                    if callback_data in current.labels:
                        hint = f" ({callback_data!r} is a label: use message.button({callback_data!r}))"
                    raise ValueError(
                        f"callback_data {callback_data!r} is not on message #{message.message_id} "
                        f"({current.text[:60]!r}); its buttons: "
                        f"{list(zip(current.labels, valid, strict=True))}{hint}; "
                        "pass force=True to forge the callback"
                    )
            message_json = copy.deepcopy(stored.data) if stored is not None else copy.deepcopy(message.raw)
            if not message_json:
                message_json = {
                    "message_id": message.message_id,
                    "date": int(time.time()),
                    "chat": self._chat_json(message.chat_id),
                    "from": dict(BOT_USER),
                    "text": message.text,
                }
            query_id = str(next(self._callback_counter))
            self._callback_queries[query_id] = False
            callback = {
                "id": query_id,
                "from": user.to_dict(),
                "message": message_json,
                "chat_instance": str(-4_000_000_000_000 - message.chat_id),
                "data": callback_data,
            }
            return self._enqueue("callback_query", callback)

    # ---------------------------------------------------------------- observing

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[SentMessage]:
        """Bot messages of a chat in their current state, oldest first."""
        with self._cond:
            return [
                self._snapshot(chat_id, stored)
                for _, stored in sorted(self._messages.get(chat_id, {}).items())
                if stored.from_bot and (include_deleted or not stored.deleted)
            ]

    def last_message(self, chat_id: int) -> SentMessage:
        """The latest (not deleted) bot message of a chat."""
        found = self.messages(chat_id)
        if not found:
            raise LookupError(f"the bot sent nothing (left) in chat {chat_id}")
        return found[-1]

    def mark(self, chat_id: int) -> int:
        """Current position in a chat (last message id), for ``wait_for_messages(after=...)``."""
        with self._cond:
            return self._last_message_id.get(chat_id, 0)

    def wait_for_messages(
        self, chat_id: int, count: int = 1, *, after: int, timeout: float = 15.0
    ) -> list[SentMessage]:
        """Block until ``count`` bot messages exist after the mark; return the first ``count``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                new = [
                    (message_id, stored)
                    for message_id, stored in self._messages.get(chat_id, {}).items()
                    if message_id > after and stored.from_bot and not stored.deleted
                ]
                if len(new) >= count:  # only the new messages are copied: waiting stays cheap in a long chat
                    return [self._snapshot(chat_id, stored) for _, stored in sorted(new, key=lambda item: item[0])][
                        :count
                    ]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"expected {count} new bot message(s) in chat {chat_id} after #{after} "
                        f"within {timeout:g}s, got {len(new)}.\n{self.dump(chat_id)}"
                    )
                self._cond.wait(remaining)

    def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 15.0,
        *,
        after: int = 0,
    ) -> Call:
        """Block until a call of ``method`` (index >= ``after``) matching ``predicate`` exists."""
        wanted = method.lower()
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self._calls[after:]:
                    if call.method.lower() == wanted and (predicate is None or predicate(call)):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self._calls[after:]][-20:]
                    raise TimeoutError(f"no matching {method} call within {timeout:g}s; recent calls: {seen}")
                self._cond.wait(remaining)

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
        """Block until ``predicate()`` (evaluated after each server event) is true."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"condition not met within {timeout:g}s")
                self._cond.wait(remaining)

    def wait_for_messages_async(
        self, chat_id: int, count: int = 1, *, after: int, timeout: float = 15.0
    ) -> Coroutine[Any, Any, list[SentMessage]]:
        """``wait_for_messages`` as an awaitable that does not block the event loop."""
        return asyncio.to_thread(self.wait_for_messages, chat_id, count, after=after, timeout=timeout)

    def wait_for_call_async(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 15.0,
        *,
        after: int = 0,
    ) -> Coroutine[Any, Any, Call]:
        """``wait_for_call`` as an awaitable that does not block the event loop."""
        return asyncio.to_thread(self.wait_for_call, method, predicate, timeout, after=after)

    def dump(self, chat_id: int) -> str:
        """Readable transcript of a chat plus recent failures, for assertion messages."""
        with self._cond:
            lines = [f"chat {chat_id} transcript:"]
            for message_id, stored in sorted(self._messages.get(chat_id, {}).items()):
                who = "bot " if stored.from_bot else "user"
                flags = "".join(
                    flag
                    for flag, on in ((" (edited)", "edit_date" in stored.data), (" (deleted)", stored.deleted))
                    if on
                )
                snap = self._snapshot(chat_id, stored)
                body = snap.text or _describe_media(stored.data)
                line = f"  #{message_id} {who}: {body[:200]!r}{flags}"
                if snap.buttons:
                    line += f" buttons={[list(row) for row in snap.buttons]}"
                lines.append(line)
            if len(lines) == 1:
                lines.append("  (empty)")
            failed = [c for c in self._calls if c.status != 200][-10:]
            if failed:
                lines.append("recent failed calls:")
                lines.extend(f"  {c.method} -> {c.status} {c.description}" for c in failed)
            polls = [c for c in self._calls if c.method == "getUpdates"]
            last_poll = f"{time.time() - polls[-1].at:.1f}s ago" if polls else "never"
            lines.append(f"unconfirmed updates: {len(self._updates)}; last getUpdates: {last_poll}")
            return "\n".join(lines)

    # ---------------------------------------------------------------- internals: state

    def _ensure_user(self, user: FakeUser) -> None:
        """Register a user object created elsewhere."""
        self._users.setdefault(user.id, user)

    def _chat_json(self, chat_id: int) -> JSONDict:
        """Bot API ``Chat`` object of a private chat."""
        user = self._users.get(chat_id)
        chat: JSONDict = {"id": chat_id, "type": "private", "first_name": user.first_name if user else "Test"}
        if user is not None and user.last_name:
            chat["last_name"] = user.last_name
        if user is not None and user.username:
            chat["username"] = user.username
        return chat

    def _next_message_id(self, chat_id: int) -> int:
        """Allocate the next message id of a chat (shared by user and bot messages)."""
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        return message_id

    def _enqueue(self, kind: str, payload: JSONDict) -> int:
        """Queue an update and wake long polls."""
        with self._cond:
            update_id = next(self._update_ids)
            update = {"update_id": update_id, kind: payload}
            self._updates.append(update)
            self._all_updates[update_id] = update
            self._cond.notify_all()
            return update_id

    def _user_message(self, user: FakeUser, content: JSONDict) -> int:
        """Store a message from the user and queue it as an update."""
        with self._cond:
            self._ensure_user(user)
            data: JSONDict = {
                "message_id": self._next_message_id(user.id),
                "from": user.to_dict(),
                "chat": self._chat_json(user.id),
                "date": int(time.time()),
                **content,
            }
            self._messages.setdefault(user.id, {})[data["message_id"]] = _Stored(data, from_bot=False)
            return self._enqueue("message", copy.deepcopy(data))

    def _register_file(self, upload: UploadedFile, folder: str) -> _StoredFile:
        """Give a file an id and a download path."""
        with self._cond:
            number = next(self._file_counter)
            suffix = upload.filename.rsplit(".", 1)[-1] if "." in upload.filename else "bin"
            stored = _StoredFile(
                file_id=f"FAKE{folder[:3].upper()}{number:08d}",
                file_unique_id=f"U{number:08d}",
                file_path=f"{folder}/file_{number}.{suffix}",
                upload=upload,
            )
            self._files[stored.file_id] = stored
            return stored

    def _download(self, path: str) -> bytes | None:
        """Content of a file by its file_path."""
        with self._cond:
            for stored in self._files.values():
                if stored.file_path == path:
                    return stored.upload.content
        return None

    @staticmethod
    def _document_json(stored: _StoredFile) -> JSONDict:
        """Bot API ``Document`` object."""
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.upload.filename,
            "mime_type": stored.upload.mime_type,
            "file_size": len(stored.upload.content),
        }

    def _snapshot(self, chat_id: int, stored: _Stored) -> SentMessage:
        """Immutable view of a stored message."""
        data = stored.data
        markup = data.get("reply_markup")
        caption = data.get("caption")
        return SentMessage(
            chat_id=chat_id,
            message_id=int(data["message_id"]),
            text=str(data.get("text", caption or "")),
            buttons=_inline_buttons(markup),
            reply_markup=copy.deepcopy(markup),
            document=(stored.document.filename, stored.document.content) if stored.document else None,
            photo=(stored.photo.filename, stored.photo.content) if stored.photo else None,
            caption=caption,
            raw_text=stored.raw_text,
            parse_mode=stored.parse_mode,
            keyboard=[list(row) for row in stored.keyboard],
            edited="edit_date" in data,
            deleted=stored.deleted,
            raw=copy.deepcopy(data),
        )

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        """Storage key for commands."""
        scope_obj = scope if isinstance(scope, dict) and scope else {"type": "default"}
        return json.dumps(scope_obj, sort_keys=True), str(language_code or "")

    # ---------------------------------------------------------------- internals: dispatch

    def _handle(
        self, method: str, params: JSONDict, client_alive: Callable[[], bool] = lambda: True
    ) -> tuple[int, JSONDict]:
        """Answer one API call and record it; ``client_alive`` lets long polls notice dead clients."""
        self._request_local.client_alive = client_alive
        started = time.time()
        entry = self._methods.get(method.lower())
        name = entry[0] if entry else method
        try:
            if entry is None:
                raise _ApiError(404, "Not Found")
            self._injected_failure(name)
            result = entry[1](params)
            status, payload = 200, {"ok": True, "result": result}
        except _ApiError as exc:
            status, payload = exc.status, exc.payload()
        except Exception as exc:  # noqa: BLE001 - a fake bug or unexpected param type
            status, payload = 400, _bad_request(f"{type(exc).__name__}: {exc}").payload()
        with self._cond:
            self._calls.append(Call(name, params, started, status, payload.get("description")))
            self._cond.notify_all()
        return status, payload

    def _injected_failure(self, name: str) -> None:
        """Raise the next injected error for this method, if any."""
        with self._cond:
            queue = self._failures.get(name.lower())
            if not queue:
                return
            failure = queue[0]
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.popleft()
            raise _ApiError(failure.status, failure.description, failure.retry_after)

    def _guard_chat(self, params: JSONDict) -> int:
        """Validate chat_id: known chat, not blocked."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or isinstance(chat_id, bool) or chat_id not in self._users:
            raise _bad_request("chat not found")
        if chat_id in self._blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _take_rate(self, chat_id: int) -> None:
        """Apply global and per-chat rate limits to one send/edit."""
        now = time.monotonic()
        waits: list[int] = []
        chat_window = self._chat_windows.setdefault(chat_id, _Window())
        if self.global_rate_limit:
            wait = self._global_window.retry_after(self.global_rate_limit, now)
            if wait is not None:
                waits.append(wait)
        if self.per_chat_rate_limit:
            wait = chat_window.retry_after(self.per_chat_rate_limit, now)
            if wait is not None:
                waits.append(wait)
        if waits:
            self._rejected_429 += 1
            retry = max(waits)
            raise _ApiError(429, f"Too Many Requests: retry after {retry}", retry)
        self._global_window.stamps.append(now)
        chat_window.stamps.append(now)

    def _render(self, text: Any, parse_mode: Any, entities: Any) -> tuple[str, list[JSONDict]]:
        """Plain text and entities of a text/caption, validating markup."""
        source = "" if text is None else str(text)
        mode = str(parse_mode or "").lower()
        try:
            if mode == "html":
                return _HTMLText(source).parse()
            if mode == "markdownv2":
                return _parse_markdown_v2(source)
            if mode == "markdown":
                return _parse_markdown(source)
        except _MarkupError as exc:
            if self.strict_markup:
                raise _bad_request(f"can't parse entities: {exc}") from exc
            return source, []
        if mode:
            raise _bad_request(f"unsupported parse_mode {parse_mode!r}")
        return source, list(entities) if isinstance(entities, list) else []

    def _markup(self, params: JSONDict) -> tuple[JSONDict | None, list[list[str]]]:
        """Validated inline markup (for the Message JSON) and reply-keyboard labels."""
        markup = params.get("reply_markup")
        if markup is None or markup == "":
            return None, []
        if isinstance(markup, str):
            try:
                markup = json.loads(markup)
            except ValueError as exc:
                raise _bad_request("can't parse reply keyboard markup JSON object") from exc
        if not isinstance(markup, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad_request('can\'t parse inline keyboard: field "inline_keyboard" must be an Array of Arrays')
            for row in rows:
                for button in row:
                    _validate_button(button)
            return markup, []
        if "keyboard" in markup:
            labels = [[b if isinstance(b, str) else str(b.get("text", "")) for b in row] for row in markup["keyboard"]]
            return None, labels
        return None, []

    def _store_bot_message(self, chat_id: int, content: JSONDict, inline: JSONDict | None, **extra: Any) -> JSONDict:
        """Create a bot message in a chat and return its JSON."""
        data: JSONDict = {
            "message_id": self._next_message_id(chat_id),
            "from": dict(BOT_USER),
            "chat": self._chat_json(chat_id),
            "date": int(time.time()),
            **content,
        }
        if inline is not None:
            data["reply_markup"] = inline
        self._messages.setdefault(chat_id, {})[data["message_id"]] = _Stored(data, True, **extra)
        self._cond.notify_all()
        return copy.deepcopy(data)

    def _find_bot_message(self, params: JSONDict, action: str) -> tuple[int, _Stored]:
        """The stored bot message targeted by an edit."""
        if params.get("inline_message_id"):
            raise _bad_request("MESSAGE_ID_INVALID")
        chat_id = self._guard_chat(params)
        message_id = params.get("message_id")
        stored = self._messages.get(chat_id, {}).get(message_id) if isinstance(message_id, int) else None
        if stored is None or stored.deleted:
            raise _bad_request(f"message to {action} not found")
        if not stored.from_bot:
            raise _bad_request(f"message can't be {action}ed")
        return chat_id, stored

    # ---------------------------------------------------------------- API methods

    def _m_true(self, params: JSONDict) -> bool:
        """Methods that just succeed."""
        return True

    def _m_get_me(self, params: JSONDict) -> JSONDict:
        """getMe."""
        return dict(BOT_USER)

    def _m_get_updates(self, params: JSONDict) -> list[JSONDict]:
        """getUpdates with Telegram's offset / limit / timeout semantics."""
        offset = params.get("offset") or 0
        limit = params.get("limit") or 100
        timeout = params.get("timeout") or 0
        if not isinstance(offset, int) or not isinstance(limit, int):
            raise _bad_request("offset and limit must be integers")
        if not isinstance(timeout, (int, float)):
            raise _bad_request("timeout must be a number")
        limit = min(max(limit, 1), 100)
        deadline = time.monotonic() + max(0.0, float(timeout))
        with self._cond:
            if self._webhook_url:
                raise _ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            generation = self._poll_generation
            self._active_polls += 1
            self._cond.notify_all()
            try:
                return self._poll(offset, limit, deadline, generation, params.get("allowed_updates"))
            finally:
                self._active_polls -= 1
                self._cond.notify_all()

    def _poll(self, offset: int, limit: int, deadline: float, generation: int, allowed: Any) -> list[JSONDict]:
        """Body of getUpdates, called with the lock held."""
        client_alive: Callable[[], bool] = getattr(self._request_local, "client_alive", _always)
        with self._cond:
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            if isinstance(allowed, list):
                self._allowed_updates = set(allowed) or None
            while True:
                if self._poll_generation != generation:
                    raise _ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                batch = [u for u in self._updates if self._deliverable(u)][:limit]
                if batch or self._stopping:
                    return copy.deepcopy(batch)
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not client_alive():
                    return []
                self._cond.wait(min(remaining, 0.2))

    def _deliverable(self, update: JSONDict) -> bool:
        """Whether an update passes the allowed_updates filter."""
        if self._allowed_updates is None:
            return True
        return any(key in self._allowed_updates for key in update if key != "update_id")

    def _m_delete_webhook(self, params: JSONDict) -> bool:
        """deleteWebhook."""
        with self._cond:
            self._webhook_url = ""
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _m_set_webhook(self, params: JSONDict) -> bool:
        """setWebhook (only recorded: the fake never pushes updates)."""
        with self._cond:
            self._webhook_url = str(params.get("url") or "")
            if params.get("drop_pending_updates"):
                self._updates.clear()
            self._cond.notify_all()
        return True

    def _m_get_webhook_info(self, params: JSONDict) -> JSONDict:
        """getWebhookInfo."""
        with self._cond:
            info: JSONDict = {
                "url": self._webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if self._webhook_url:
                info["max_connections"] = 40
            return info

    def _m_send_message(self, params: JSONDict) -> JSONDict:
        """sendMessage."""
        with self._cond:
            chat_id = self._guard_chat(params)
            text, entities = self._render(params.get("text"), params.get("parse_mode"), params.get("entities"))
            if not text.strip():
                raise _bad_request("message text is empty")
            if _u16(text) > _MAX_TEXT:
                raise _bad_request("message is too long")
            inline, keyboard = self._markup(params)
            self._take_rate(chat_id)
            content: JSONDict = {"text": text}
            if entities:
                content["entities"] = entities
            return self._store_bot_message(
                chat_id,
                content,
                inline,
                raw_text=str(params.get("text")),
                parse_mode=params.get("parse_mode"),
                keyboard=keyboard,
            )

    def _media_upload(self, params: JSONDict, field_name: str, folder: str) -> _StoredFile:
        """Resolve an uploaded file, a known file_id or a URL."""
        value = params.get(field_name)
        if isinstance(value, UploadedFile):
            return self._register_file(value, folder)
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            name = value.rstrip("/").rsplit("/", 1)[-1] or "file"
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return self._register_file(UploadedFile(name, b"", mime), folder)
        if value is None or value == "":
            raise _bad_request(f"there is no {field_name} in the request")
        raise _bad_request("wrong file identifier/HTTP URL specified")

    def _caption(self, params: JSONDict) -> tuple[JSONDict, str | None]:
        """Rendered caption fields for a media message."""
        if params.get("caption") is None:
            return {}, None
        caption, entities = self._render(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities")
        )
        if _u16(caption) > _MAX_CAPTION:
            raise _bad_request("message caption is too long")
        content: JSONDict = {"caption": caption}
        if entities:
            content["caption_entities"] = entities
        return content, str(params.get("caption"))

    def _m_send_document(self, params: JSONDict) -> JSONDict:
        """sendDocument."""
        with self._cond:
            chat_id = self._guard_chat(params)
            content, raw_caption = self._caption(params)
            inline, keyboard = self._markup(params)
            stored = self._media_upload(params, "document", "documents")
            self._take_rate(chat_id)
            content["document"] = self._document_json(stored)
            return self._store_bot_message(
                chat_id,
                content,
                inline,
                raw_text=raw_caption,
                parse_mode=params.get("parse_mode"),
                document=stored.upload,
                keyboard=keyboard,
            )

    def _m_send_photo(self, params: JSONDict) -> JSONDict:
        """sendPhoto."""
        with self._cond:
            chat_id = self._guard_chat(params)
            content, raw_caption = self._caption(params)
            inline, keyboard = self._markup(params)
            stored = self._media_upload(params, "photo", "photos")
            self._take_rate(chat_id)
            content["photo"] = [
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": 800,
                    "height": 600,
                    "file_size": len(stored.upload.content),
                }
            ]
            return self._store_bot_message(
                chat_id,
                content,
                inline,
                raw_text=raw_caption,
                parse_mode=params.get("parse_mode"),
                photo=stored.upload,
                keyboard=keyboard,
            )

    def _m_edit_message_text(self, params: JSONDict) -> JSONDict:
        """editMessageText (no reply_markup => the inline keyboard is removed)."""
        with self._cond:
            chat_id, stored = self._find_bot_message(params, "edit")
            if "text" not in stored.data:
                raise _bad_request("there is no text in the message to edit")
            text, entities = self._render(params.get("text"), params.get("parse_mode"), params.get("entities"))
            if not text.strip():
                raise _bad_request("message text is empty")
            if _u16(text) > _MAX_TEXT:
                raise _bad_request("message is too long")
            inline, _ = self._markup(params)
            old = stored.data
            if (old.get("text"), old.get("entities") or [], old.get("reply_markup")) == (text, entities, inline):
                raise _bad_request(
                    "message is not modified: specified new message content and reply markup "
                    "are exactly the same as a current content and reply markup of the message"
                )
            self._take_rate(chat_id)
            old["text"] = text
            old.pop("entities", None)
            if entities:
                old["entities"] = entities
            old.pop("reply_markup", None)
            if inline is not None:
                old["reply_markup"] = inline
            old["edit_date"] = int(time.time())
            stored.raw_text = str(params.get("text"))
            stored.parse_mode = params.get("parse_mode")
            self._cond.notify_all()
            return copy.deepcopy(old)

    def _m_edit_message_caption(self, params: JSONDict) -> JSONDict:
        """editMessageCaption."""
        with self._cond:
            chat_id, stored = self._find_bot_message(params, "edit")
            if "text" in stored.data:
                raise _bad_request("there is no caption in the message to edit")
            content, raw_caption = self._caption(params)
            inline, _ = self._markup(params)
            old = stored.data
            if (old.get("caption"), old.get("reply_markup")) == (content.get("caption"), inline):
                raise _bad_request(
                    "message is not modified: specified new message content and reply markup "
                    "are exactly the same as a current content and reply markup of the message"
                )
            self._take_rate(chat_id)
            for key in ("caption", "caption_entities", "reply_markup"):
                old.pop(key, None)
            old.update(content)
            if inline is not None:
                old["reply_markup"] = inline
            old["edit_date"] = int(time.time())
            stored.raw_text = raw_caption
            stored.parse_mode = params.get("parse_mode")
            self._cond.notify_all()
            return copy.deepcopy(old)

    def _m_edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        """editMessageReplyMarkup (no reply_markup => removed)."""
        with self._cond:
            chat_id, stored = self._find_bot_message(params, "edit")
            inline, _ = self._markup(params)
            if stored.data.get("reply_markup") == inline:
                raise _bad_request(
                    "message is not modified: specified new message content and reply markup "
                    "are exactly the same as a current content and reply markup of the message"
                )
            self._take_rate(chat_id)
            stored.data.pop("reply_markup", None)
            if inline is not None:
                stored.data["reply_markup"] = inline
            stored.data["edit_date"] = int(time.time())
            self._cond.notify_all()
            return copy.deepcopy(stored.data)

    def _m_delete_message(self, params: JSONDict) -> bool:
        """deleteMessage."""
        with self._cond:
            chat_id = params.get("chat_id")
            message_id = params.get("message_id")
            chat = self._messages.get(chat_id, {}) if isinstance(chat_id, int) else {}
            stored = chat.get(message_id) if isinstance(message_id, int) else None
            if stored is None or stored.deleted:
                raise _bad_request("message to delete not found")
            stored.deleted = True
            self._cond.notify_all()
        return True

    def _m_answer_callback_query(self, params: JSONDict) -> bool:
        """answerCallbackQuery (each query can be answered once)."""
        query_id = str(params.get("callback_query_id") or "")
        with self._cond:
            if self._callback_queries.get(query_id, True):
                raise _bad_request("query is too old and response timeout expired or query ID is invalid")
            self._callback_queries[query_id] = True
        return True

    def _m_set_my_commands(self, params: JSONDict) -> bool:
        """setMyCommands, stored per (scope, language_code)."""
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_RE.match(str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        with self._cond:
            if commands:
                self._commands[key] = copy.deepcopy(commands)
            else:
                self._commands.pop(key, None)
        return True

    def _m_get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        """getMyCommands."""
        return self.commands(params.get("scope"), str(params.get("language_code") or ""))

    def _m_delete_my_commands(self, params: JSONDict) -> bool:
        """deleteMyCommands."""
        with self._cond:
            self._commands.pop(self._commands_key(params.get("scope"), params.get("language_code")), None)
        return True

    def _m_send_chat_action(self, params: JSONDict) -> bool:
        """sendChatAction (not rate limited)."""
        with self._cond:
            self._guard_chat(params)
        if not params.get("action"):
            raise _bad_request("action is empty")
        return True

    def _m_get_file(self, params: JSONDict) -> JSONDict:
        """getFile."""
        with self._cond:
            stored = self._files.get(str(params.get("file_id") or ""))
            if stored is None:
                raise _bad_request("invalid file_id")
            return {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.upload.content),
                "file_path": stored.file_path,
            }


# ------------------------------------------------------------------ helpers


def _always() -> bool:
    """Default liveness check: the client is assumed connected."""
    return True


def _user_id(user: FakeUser | int) -> int:
    """Id of a user given as object or int."""
    return user.id if isinstance(user, FakeUser) else user


def _validate_button(button: Any) -> None:
    """Reject inline buttons Telegram would reject."""
    if not isinstance(button, dict) or not str(button.get("text", "")):
        raise _bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if len(actions) != 1:
        raise _bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise _bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not str(button["url"]):
        raise _bad_request("inline keyboard button URL '' is invalid")


def _inline_buttons(markup: Any) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback_data or url) of an inline keyboard."""
    if not isinstance(markup, dict):
        return []
    rows: list[list[tuple[str, str]]] = []
    for row in markup.get("inline_keyboard", []):
        out: list[tuple[str, str]] = []
        for button in row:
            value: Any = button.get("callback_data") or button.get("url")
            if value is None and isinstance(button.get("web_app"), dict):
                value = button["web_app"].get("url")
            if value is None:
                value = button.get("switch_inline_query") or button.get("switch_inline_query_current_chat")
            out.append((str(button.get("text", "")), str(value or "")))
        rows.append(out)
    return rows


def _callback_buttons(markup: Any) -> list[str]:
    """All callback_data values of an inline keyboard."""
    if not isinstance(markup, dict):
        return []
    return [
        str(button["callback_data"])
        for row in markup.get("inline_keyboard", [])
        for button in row
        if "callback_data" in button
    ]


def _describe_media(data: JSONDict) -> str:
    """Short description of a non-text message for dumps."""
    for kind in ("document", "photo", "sticker", "voice", "location", "contact"):
        if kind in data:
            return f"<{kind}>"
    return "<empty>"
