"""Which failures of an update say nothing about the update, so that it is handled again later.

The webhook answers 503 for any of them so that Telegram sends the update again. Polling, which handles one
update at a time for everyone, waits out only the database being away (bot/polling.py).
"""

from __future__ import annotations

from asyncpg.exceptions import InterfaceError as PgInterfaceError
from asyncpg.exceptions import OperatorInterventionError, PostgresConnectionError
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    DisconnectionError,
    IntegrityError,
    NotSupportedError,
    ProgrammingError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.replies import RepliesNotDeliveredError

DETERMINISTIC = (IntegrityError, ProgrammingError, DataError, NotSupportedError)
"""Database errors that say something about the statement, not the server: the same update fails the same way."""
SERVER_AWAY = (PostgresConnectionError, OperatorInterventionError, PgInterfaceError, DisconnectionError, PoolTimeout)
"""The database refusing connections, starting up, shutting down, or every pooled connection busy."""


def transient(error: BaseException) -> bool:
    """True for failures that say nothing about the update: the database or the network was away or busy."""
    if isinstance(error, RepliesNotDeliveredError):  # committed, its screen lost: the next delivery shows it
        return True
    if database_away(error):
        return True
    if isinstance(error, BadRequest):  # a NetworkError in python-telegram-bot, but Telegram's final word
        return False
    return isinstance(error, NetworkError | RetryAfter)


def database_away(error: BaseException) -> bool:
    """True when the database refused, dropped or could not serve the unit of work (locked, restarting, unreachable).

    Polling waits these out (bot/polling.py): while the database is away no update can be handled anyway. A reply
    Telegram would not take is not one of them: waiting for it would hold back everyone's updates behind one chat.
    """
    if isinstance(error, DBAPIError):
        return not isinstance(error, DETERMINISTIC)
    if isinstance(error, SERVER_AWAY):
        return True
    return isinstance(error, OSError | TimeoutError)
