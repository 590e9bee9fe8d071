"""Logging for every command (bot, webhook, web server, staff commands): one format, nothing personal.

Every handler of the root logger gets `Redact`, so it sees the records of every library that
propagate there (python-telegram-bot, httpx, apscheduler, SQLAlchemy, aiosqlite, asyncio, uvicorn
run with log_config=None). It rewrites each record's formatted message and exception text, at every
level, without:

- the bot token and other secrets (exact values, and any `bot<digits>:<secret>` shape);
- the values of `text`, `caption`, `first_name`, `last_name`, `username`, `phone_number`, `data`
  (and a few more keys) in JSON, Python dict reprs and python-telegram-bot object reprs;
- Telegram user and chat ids (`"id": 123`, `chat_id=123`…);
- phone numbers, French and international;
- values that libraries log without a key: SQLAlchemy's parameters and rows, aiosqlite's calls.

Update ids, message ids, Bot API method names, SQL statements and exception types stay readable.
"""

from __future__ import annotations

import functools
import logging
import re
import traceback
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from pydantic import SecretStr
from sqlalchemy.engine import make_url

from faire_lien.config import Settings

HIDDEN = "<hidden>"

PERSONAL_KEYS = (
    "text",
    "caption",
    "first_name",
    "last_name",
    "username",
    "phone_number",
    "data",
    "callback_data",
    "query",
    "vcard",
    "email",
    "bio",
    "title",
    "address",
    "question",
    "explanation",
    "chat_instance",
)
"""Keys whose values a person typed or that name them (Bot API objects, our own payloads)."""

ID_KEYS = ("id", "chat_id", "user_id", "from_chat_id", "sender_chat_id", "telegram_id")
"""Keys holding Telegram user or chat ids (`update_id` and `message_id` are kept: they name no one)."""

_KEYS = "|".join(PERSONAL_KEYS)
_IDS = "|".join(ID_KEYS)
_STRING = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_VALUE = rf"""(?:{_STRING}|[^,)}}\]\s]+)"""

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # The token in a URL or anywhere: bot<digits>:<secret>, and a bare <digits>:<long secret>.
    (re.compile(r"bot\d+:[A-Za-z0-9_-]+"), f"bot{HIDDEN}"),
    (re.compile(r"(?<![\w:])\d{6,}:[A-Za-z0-9_-]{30,}"), HIDDEN),
    # "key": value / 'key': value (JSON, dict reprs), and key=value (python-telegram-bot object reprs).
    (re.compile(rf"""(["'])({_KEYS})\1(\s*:\s*){_VALUE}"""), rf"\1\2\1\3'{HIDDEN}'"),
    (re.compile(rf"""(?<![\w.])({_KEYS})=(?:{_STRING}|[^,)\s]+)"""), rf"\1='{HIDDEN}'"),
    (re.compile(rf"""(["'])({_IDS})\1(\s*:\s*)-?\d+"""), rf"\1\2\1\3{HIDDEN}"),
    (re.compile(rf"""(?<![\w.])({_IDS})=-?\d+"""), rf"\1={HIDDEN}"),
    # Phone numbers: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0033612345678, +4915112345678.
    (re.compile(r"(?<![\w+.])0[1-9](?:[ .-]?\d{2}){4}(?!\w)"), HIDDEN),
    (re.compile(r"(?<![\w+.])(?:\+|00)[1-9](?:[ .-]?\(?\d\)?){7,14}(?!\w)"), HIDDEN),
)

_KEYLESS: dict[str, dict[str, int]] = {
    # SQLAlchemy echo: parameters ("[generated in …] (…)") and result rows; the statement itself is kept.
    "sqlalchemy.engine": {"[%s] %r": 1, "Row %r": 0},
    # aiosqlite at DEBUG: "executing <partial(execute, sql, params)>" and "operation … completed".
    "aiosqlite": {"executing %s": 0, "operation %s completed": 0, "returning exception %s": 0},
}
"""Messages that print values without naming them, and how many of their first arguments are harmless."""


def without_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    """The text with every configured secret masked, as it is or URL-quoted."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, HIDDEN).replace(quote(secret, safe=""), HIDDEN)
    return text


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """The text without secrets, personal values, Telegram ids or phone numbers."""
    text = without_secrets(text, secrets)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


class UnparsedUpdates(logging.Filter):
    """python-telegram-bot logs an update it cannot parse whole at CRITICAL, with the data and a traceback; polling
    reads the batch again update by update and logs any it must skip: one warning line with the update ids and the
    reason, nothing of the data."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the received data by its update ids and the traceback by the exception's type."""
        if isinstance(record.msg, str) and "Received data was" in record.msg and record.args:
            head = record.msg[: record.msg.rindex("Received data was")]
            data = record.args[0] if isinstance(record.args, tuple) else record.args
            reason = type(record.exc_info[1]).__name__ if record.exc_info and record.exc_info[1] else "unknown"
            record.msg, record.args = head + "Update ids: %s (%s); read one by one", (_update_ids(data), reason)
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
            record.exc_info, record.exc_text = None, None
        return True


class UnreadableAnswers(logging.Filter):
    """python-telegram-bot logs a Bot API answer that is not JSON at ERROR with a traceback and the whole body; the
    caller logs the failed call already (a Bot API emulator's "OK" or HTML page): one warning line, no body."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the body and the JSON decoder's traceback by the body's length."""
        if isinstance(record.msg, str) and record.msg.startswith("Can not load invalid JSON data"):
            body = record.args[0] if isinstance(record.args, tuple) and record.args else ""
            record.msg, record.args = "a Bot API answer is not JSON (%d characters); the call failed", (len(str(body)),)
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
            record.exc_info, record.exc_text = None, None
        return True


def _update_ids(data: Any) -> list[object]:
    """The update ids of a getUpdates result or a webhook body."""
    items = data if isinstance(data, list) else [data]
    return [item.get("update_id") for item in items if isinstance(item, dict)]


_UNPARSED = UnparsedUpdates()
_UNREADABLE = UnreadableAnswers()
REQUEST_LOGGER = "telegram.request.BaseRequest"
"""Where python-telegram-bot logs an answer it cannot read as JSON."""
PTB_LOGGERS = ("telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Updater")
"""Where python-telegram-bot logs the data of an update it cannot parse (getUpdates, its webhook server)."""


class Redact(logging.Filter):
    """Rewrites every record that reaches a handler so that it holds nothing personal and no secret."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keeps the record, once cleaned."""
        if record.name.startswith("telegram"):
            _UNPARSED.filter(record)
        record.msg = redact_text(self._message(record), self.secrets)
        record.args = ()
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_info = None  # the exception's own values must not reach a handler that formats it again
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info, self.secrets)
        return True

    @staticmethod
    def _message(record: logging.LogRecord) -> str:
        """The record's message, its unnamed values left out for the libraries that log them so."""
        keyless = next((msgs for name, msgs in _KEYLESS.items() if record.name.startswith(name)), {})
        kept = keyless.get(record.msg) if isinstance(record.msg, str) else None
        try:
            if kept is not None and isinstance(record.args, tuple):
                return str(record.msg) % tuple(a if i < kept else _kind(a) for i, a in enumerate(record.args))
            return record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record must still be logged, without its arguments
            return f"{record.msg} ({HIDDEN} arguments)"


def _kind(value: object) -> str:
    """What a hidden value was, without its contents: `execute(<hidden>)`, an exception's type."""
    if isinstance(value, functools.partial):
        return f"{getattr(value.func, '__name__', 'call')}({HIDDEN})"
    if isinstance(value, BaseException):
        return f"{type(value).__name__}({HIDDEN})"
    return HIDDEN


def secrets_of(settings: Settings) -> list[str]:
    """The configured secrets: bot token, webhook and button-signing secrets, database password."""
    values = [settings.telegram_bot_token, settings.webhook_secret, settings.callback_secret]
    found = [v.get_secret_value() for v in values if isinstance(v, SecretStr)]
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    if ":" in token:
        found.append(token.split(":", 1)[1])  # the secret half alone, should a library log it apart
    password = make_url(settings.database_url).password
    return [s for s in [*found, password] if s and len(s) >= 4]


NOISY = ("httpx", "httpcore", "alembic", "apscheduler", "aiosqlite")
"""Libraries that log a line per request, tick or statement: shown at DEBUG only (SQLAlchemy keeps its own
WARNING default; with echo on, its parameters and rows are hidden by `Redact`)."""


def configure_logging(level: str, secrets: Iterable[str] = ()) -> Redact:
    """Log to stderr at `level`, every record cleaned by the root handlers' `Redact` filter."""
    numeric = logging.getLevelName(level.upper())
    logging.basicConfig(level=numeric, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = Redact(secrets)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, Redact) for f in handler.filters):
            handler.addFilter(redact)
    for name in PTB_LOGGERS:
        logger = logging.getLogger(name)
        if _UNPARSED not in logger.filters:
            logger.addFilter(_UNPARSED)
    request_logger = logging.getLogger(REQUEST_LOGGER)
    if _UNREADABLE not in request_logger.filters:
        request_logger.addFilter(_UNREADABLE)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.NOTSET if numeric == logging.DEBUG else logging.WARNING)
    return redact
