"""A person blocking or unblocking the bot in their own chat (Telegram's my_chat_member update, nothing to answer),
or refusing a reply with a 403 because they blocked it.

Telegram says "kicked" when the person blocks the bot and "member" when they unblock it. The change is recorded
(`faire_lien/person/blocking.py`); in a group, the update goes on to the group handler (`bot/groups.py`).
Nothing about the person is logged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from telegram import Chat, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes

from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.person.blocking import bot_blocked, bot_unblocked
from storage.db import Database

if TYPE_CHECKING:  # bot.handlers records a refused reply through this module
    from bot.handlers import Callback


def make_member_handler(
    db: Database, clock: Callable[[], datetime], in_group: Callback, quiet: QuietHours = DEFAULT_QUIET_HOURS
) -> Callback:
    """The callback for the bot's own membership changes: blocked or unblocked in a private chat, else a group's
    (a seat offered to someone who blocks the bot goes on, at night too for an early session: `quiet`)."""

    async def member_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record a block or an unblock in a private chat; hand a group's change to the group handler."""
        change, chat = update.my_chat_member, update.effective_chat
        if change is None or chat is None or chat.type != ChatType.PRIVATE:
            await in_group(update, context)
            return
        status = change.new_chat_member.status
        async with db.unit_of_work() as session:
            if status == ChatMemberStatus.BANNED:  # "kicked": the person blocked the bot
                await bot_blocked(session, chat.id, clock(), quiet)
            elif status == ChatMemberStatus.MEMBER:
                await bot_unblocked(session, chat.id, clock())

    return member_changed


async def reply_refused(
    db: Database, chat: Chat | None, now: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS
) -> None:
    """A reply in a person's own chat was refused because they blocked the bot: recorded as a block (a seat offered
    to them goes to the next person); a group's refusal says nothing about a person."""
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    async with db.unit_of_work() as session:
        await bot_blocked(session, chat.id, now, quiet)
