"""The one place where the Telegram Application is built and every handler registered."""

from __future__ import annotations

import asyncio
import logging
import math

from telegram import Bot, BotCommand
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    MessageHandler,
    filters,
)

from bot import heap
from bot.answers import described
from bot.blocking import make_member_handler
from bot.budget import SharedBudget
from bot.chats import PRIVATE
from bot.flood import FloodGate
from bot.groups import GroupNotices, make_group_handler
from bot.handlers import make_error_handler, make_update_handler
from bot.outbox import drain
from bot.polling import poll
from bot.rate_limiter import BudgetRateLimiter
from bot.signing import Signer
from bot.staff_menus import INTERVAL as STAFF_MENU_INTERVAL
from bot.staff_menus import StaffMenus
from dialogs.i18n import translator
from faire_lien.assistant import Assistant
from faire_lien.config import Settings
from faire_lien.core.quiet import quiet_hours
from faire_lien.core.screens import COMMANDS
from faire_lien.jobs.retention import run_purge
from storage.db import Database
from storage.outbox import give_up_interrupted

log = logging.getLogger(__name__)


def build_application(settings: Settings, assistant: Assistant, db: Database) -> Application:  # type: ignore[type-arg]
    """A polling-ready Application talking to the configured Bot API base URL."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")

    staff_menus = StaffMenus(db, assistant.languages)
    # One budget for the whole service, shared through the database with every other worker; the rate
    # limiter opens and closes it with the bot (python-telegram-bot's initialize and shutdown).
    budget = SharedBudget.open(db.url, settings.send_rate)

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        """Publish the command menu in every language (setMyCommands with language_code)."""
        refused = [await publish_menu(app.bot, language, language_code=language) for language in assistant.languages]
        refused.append(await publish_menu(app.bot, assistant.languages[0]))
        failed = [error for error in refused if error is not None]
        if failed:  # one line for all: a server without setMyCommands refuses every language alike
            log.warning(
                "command menu not published (%d of %d menus): %s", len(failed), len(refused), described(failed[-1])
            )
        async with db.unit_of_work() as session:
            await give_up_interrupted(session)
        await staff_menus.sync(app.bot)

    async def post_shutdown(_app: Application) -> None:  # type: ignore[type-arg]
        """Close database connections."""
        await db.dispose()

    app = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.base_file_url())
        .read_timeout(settings.telegram_read_timeout)
        .get_updates_read_timeout(settings.telegram_read_timeout)
        .rate_limiter(BudgetRateLimiter(budget))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    secret = settings.callback_secret or settings.telegram_bot_token
    signer = Signer(secret.get_secret_value())
    flood = FloodGate(settings.flood_limit, settings.flood_window)
    handle = make_update_handler(assistant, db, signer, flood)
    # Group notices count against a gate of their own: asking again and again in a group never slows the
    # person's private chat, which the gate above guards.
    askers = FloodGate(settings.flood_limit, settings.flood_window)
    in_group = make_group_handler(assistant.languages, GroupNotices(askers, lambda: assistant.clock().timestamp()))
    # Order matters: button presses first, then edits (answered with a notice, never applied), then
    # everything said in a private chat (commands, text, media; a service message, such as a pin, is
    # nobody's words and gets no answer; a private chat under a type name only an emulator uses counts: bot/chats.py).
    # In a group nothing reaches the assistant: this bot talks
    # about health and must not answer where others can read; a command for it there, or its being
    # added, gets only how to write to it privately (bot/groups.py).
    app.add_handler(CallbackQueryHandler(handle))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & PRIVATE, handle))
    spoken = ~filters.StatusUpdate.ALL  # not Telegram's notes on the chat (a pin, the auto-delete timer…)
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & PRIVATE & spoken, handle))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.GROUPS, in_group))
    # The bot's own membership: blocked or unblocked by a person in their chat (recorded), else a group's change.
    member_changed = make_member_handler(db, assistant.clock, in_group, assistant.case_policy.quiet)
    app.add_handler(ChatMemberHandler(member_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(make_error_handler(assistant, db))

    # One pass may send what the whole budget allows between two ticks, so that one worker alone keeps it
    # busy. A pass may then outlast the interval (a poll to a thousand people, shared with other workers):
    # a tick arriving meanwhile returns at once instead of queueing behind it (or the job queue warning
    # that it skipped one).
    draining = asyncio.Lock()
    quiet = quiet_hours(settings)
    batch = max(30, math.ceil(settings.send_rate * settings.outbox_interval))

    async def send_due(_context: object) -> None:
        """Drain the outbox (reminders, seat offers, polls) at each tick of the job queue; at night urgent ones only."""
        if draining.locked():
            return
        async with draining:
            await drain(
                app.bot, db, budget, assistant.clock, signer, batch=batch, quiet=quiet, cases=assistant.case_policy
            )

    assert app.job_queue is not None, "python-telegram-bot[job-queue] is a dependency"
    app.job_queue.run_repeating(send_due, interval=settings.outbox_interval, first=1, job_kwargs={"max_instances": 2})

    async def purge_old(_context: object) -> None:
        """Anonymise answers and results past the retention period, once a day."""
        await run_purge(settings.database_url, settings.retention_months, db)

    app.job_queue.run_repeating(purge_old, interval=24 * 3600, first=60)

    async def staff_commands(_context: object) -> None:
        """Keep each staff member's command menu in step with the staff table."""
        await staff_menus.sync(app.bot)

    app.job_queue.run_repeating(staff_commands, interval=STAFF_MENU_INTERVAL, first=STAFF_MENU_INTERVAL)
    return app


def run_polling(app: Application, timeout: int) -> None:  # type: ignore[type-arg]
    """Poll the Bot API until interrupted; an update is confirmed only once handled (bot/polling.py)."""
    heap.settle()
    asyncio.run(poll(app, timeout))


async def publish_menu(bot: Bot, language: str, *, language_code: str | None = None) -> TelegramError | None:
    """The command menu Telegram shows beside the text field; a server refusing it leaves the bot working without it.

    Returns the refusal, for the caller's one warning (a Bot API server without setMyCommands, or failing: the menu
    is a comfort).
    """
    t = translator(language)
    commands = [BotCommand(name, t(description)) for name, description in COMMANDS]
    try:
        await bot.set_my_commands(commands, language_code=language_code)
    except TelegramError as error:
        return error
    return None
