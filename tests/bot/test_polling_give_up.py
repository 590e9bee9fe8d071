"""Polling waits out a busy or absent database, but not for ever: one update cannot hold back everyone's."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import OperationalError
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, TypeHandler

from bot.polling import handled


async def test_an_update_meeting_a_locked_database_is_waited_for_then_given_up_with_an_apology() -> None:
    apologies: list[int] = []

    async def locked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    async def apologise(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert isinstance(update, Update)
        apologies.append(update.update_id)

    app = ApplicationBuilder().token("1:test").base_url("http://127.0.0.1:9/bot").build()
    app.add_handler(TypeHandler(Update, locked))
    app.add_error_handler(apologise)
    update = Update(update_id=7)
    waited = await handled(app, update)  # the database is busy: not confirmed, fetched again later
    given_up = await handled(app, update, give_up=True)  # still busy after GIVE_UP seconds
    assert (waited, given_up) == (False, True)
    assert apologies == [7]
