"""The one update callback and the error handler; thin, the assistant does the work."""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Bot, Update, User
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.blocking import reply_refused
from bot.flood import FloodGate
from bot.inbound import to_inbound
from bot.render import let_go, send_replies
from bot.signing import Signer
from dialogs.i18n import available_languages, best_language, translator
from dialogs.text import msg
from faire_lien.assistant import Assistant
from faire_lien.core.later import handled
from storage.db import Database, Syncs
from storage.people import Identity

log = logging.getLogger(__name__)

SORRY = msg(
    "Désolé, un problème technique est survenu. Vos réponses précédentes sont conservées. "
    "Réessayez dans un instant, ou tapez /menu.",
    "notice",
)

TOO_FAST = msg(
    "Vous envoyez beaucoup de messages d'un coup : pendant quelques secondes, je ne lis pas ceux qui arrivent. "
    "Attendez un peu, puis envoyez à nouveau ce qui n'a pas eu de réponse.",
    "notice",
)

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
ErrorCallback = Callable[[object, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def make_update_handler(assistant: Assistant, db: Database, signer: Signer, flood: FloodGate) -> Callback:
    """The callback that handles a person's update in one database session (then any report it asked for)."""

    async def too_fast(bot: Bot, user: User, chat_id: int) -> None:
        """Say once, in the language the person chose, that their messages are set aside for a few seconds."""
        language = await chosen_language(assistant, db, user)
        await bot.send_message(chat_id, translator(language)(TOO_FAST))

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Commit the new state first, then send what the person sees; confirmed once the commit is on disk."""
        inbound = to_inbound(update, signer, context.bot.username)
        user = update.effective_user
        if inbound is None or user is None:
            await let_go(update, context)  # a press ignored on purpose (someone else's message) still stops spinning
            return
        verdict = flood.check(user.id)
        if verdict != "ok":
            if verdict == "warn" and update.effective_chat is not None:
                await too_fast(context.bot, user, update.effective_chat.id)
            if verdict != "ignore":  # a press set aside still has its spinner stopped (bounded: bot/flood.py)
                await let_go(update, context)
            return
        who = Identity(telegram_id=user.id)
        chat = update.effective_chat

        async def preparing() -> None:
            """Telegram's "sending a file…" above the chat while a report is counted; nothing lost if refused."""
            if chat is not None:
                with contextlib.suppress(TelegramError):
                    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)

        syncs = Syncs()  # the next question goes out while the commit is synced to disk (storage/db.py)
        try:
            replies = await handled(db, lambda session: assistant.handle(session, who, inbound), preparing, syncs)
            refused = await send_replies(update, context, replies, signer)
        finally:
            await syncs.wait()  # on disk before the update is confirmed to Telegram
        if refused:  # the person blocked the bot meanwhile
            await reply_refused(db, chat, assistant.clock(), assistant.case_policy.quiet)

    return on_update


def make_error_handler(assistant: Assistant, db: Database) -> ErrorCallback:
    """The error handler: the failure logged by place only, the person told in the language they chose."""

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log where it failed (no message contents, no names) and apologise to the person."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("update %s failed: %s at %s", update_id, type(error).__name__, where(error))
        if isinstance(update, Update):
            user = update.effective_user
            await apologise(context.bot, update, await chosen_language(assistant, db, user) if user else None)

    return on_error


async def chosen_language(assistant: Assistant, db: Database, user: User) -> str:
    """The language the person chose; their device's nearest when they chose none or the database cannot say."""
    try:
        async with db.unit_of_work() as session:
            return await assistant.language_of(session, Identity(telegram_id=user.id), user.language_code)
    except Exception as exc:  # noqa: BLE001 - a notice in the device's language is better than none
        log.warning("language of the person unknown (%s): their device's is used", type(exc).__name__)
        return best_language(user.language_code, assistant.languages)


def where(error: BaseException | None) -> str:
    """The file:line chain of a traceback, innermost first, without any local values."""
    frames = traceback.extract_tb(error.__traceback__) if error is not None else []
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames)) or "?"


async def apologise(bot: Bot, update: Update, language: str | None = None) -> None:
    """Tell the person something went wrong and that their earlier answers are kept; never raises.

    In `language` when known, else in the nearest to their device's.
    """
    if update.effective_chat is None:
        return
    user = update.effective_user
    t = translator(language or best_language(user.language_code if user else None, available_languages()))
    if update.callback_query is not None:  # answered already, or too late: the apology goes all the same
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        await bot.send_message(update.effective_chat.id, t(SORRY))
    except Exception as exc:  # noqa: BLE001 - the apology itself must never raise
        log.warning("could not apologise for update %s: %s", update.update_id, type(exc).__name__)
