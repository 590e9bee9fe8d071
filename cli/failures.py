"""What an operator reads when a setting or the database stops a command: one line each, never a traceback.

A setting's value is never repeated (it may be a token or hold a password); neither is the database's password.
"""

from __future__ import annotations

import socket
import sys

from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

UNREACHABLE = (ConnectionError, socket.gaierror, TimeoutError)
"""Errors of opening a connection: refused, unknown host, no answer."""


def setting_problems(refused: ValidationError) -> list[str]:
    """One line per wrong setting, named as it is set in the environment or `.env` ("QUIET_FROM: …")."""
    lines = []
    for error in refused.errors(include_url=False, include_input=False):
        name = "_".join(str(part) for part in error["loc"]).upper()
        lines.append(f"setting {name}: {error['msg'].removeprefix('Value error, ')}")
    return lines


def database_problem(failed: BaseException, database_url: str) -> str | None:
    """The line saying the database cannot be reached or refused the connection; None for any other error."""
    where = make_url(database_url).render_as_string(hide_password=True)
    if isinstance(failed, UNREACHABLE):
        reason = failed.strerror if isinstance(failed, OSError) and failed.strerror else str(failed) or "no answer"
        return f"cannot reach the database {where}: {reason} (DATABASE_URL)"
    if isinstance(failed, DBAPIError) and failed.statement is None:  # no statement sent: refused while connecting
        return f"the database {where} refused the connection: {failed.orig} (DATABASE_URL)"
    return None


def telegram_problem(failed: BaseException, api_base_url: str) -> str | None:
    """The line saying Telegram refused the bot's token or cannot be reached at start; None for any other error."""
    if "telegram" not in sys.modules:  # the bot never started
        return None
    from telegram.error import InvalidToken, NetworkError

    if isinstance(failed, InvalidToken):
        return "Telegram refused the bot's token: check TELEGRAM_BOT_TOKEN (@BotFather gives it)"
    if isinstance(failed, NetworkError):
        where = api_base_url.removesuffix("/bot")
        return f"cannot reach the Telegram Bot API at {where}: {failed.message} (TELEGRAM_API_BASE_URL)"
    return None
