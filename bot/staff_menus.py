"""The command menu of each staff member's own chat: the public commands plus /staff (and /invite for coordinators).

Telegram shows one command list per chat scope (`BotCommandScopeChat`), so people who are not staff never see
staff commands. The list follows the staff table: checked at start-up and every `INTERVAL` seconds, set for
someone who joined or changed role or language, removed for someone whose role was taken away. A failed
call is tried again at the next check; several workers doing the same is harmless.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.answers import described
from dialogs.i18n import best_language, translator
from faire_lien.core.roles import may
from faire_lien.core.screens import COMMANDS, STAFF_COMMANDS
from storage.db import Database
from storage.staff import menus

log = logging.getLogger(__name__)

INTERVAL = 30.0
"""Seconds between two checks of the staff table."""


class StaffMenus:
    """What this worker last set in each staff member's chat, so that only changes are sent."""

    def __init__(self, db: Database, languages: list[str]) -> None:
        self.db = db
        self.languages = languages
        self.shown: dict[int, tuple[str, str]] = {}

    async def sync(self, bot: Bot) -> None:
        """Set the menu of staff whose role or language changed; remove it from former staff."""
        async with self.db.unit_of_work() as session:
            staff = await menus(session)
        current = {tid: (role, best_language(language, self.languages)) for tid, role, language in staff}
        for telegram_id, (role, language) in current.items():
            if self.shown.get(telegram_id) != (role, language):
                await self._set(bot, telegram_id, role, language)
        for telegram_id in set(self.shown) - set(current):
            try:
                await bot.delete_my_commands(scope=BotCommandScopeChat(telegram_id))
            except TelegramError as error:
                log.warning("staff command menu not removed: %s", described(error))
                continue
            del self.shown[telegram_id]

    async def _set(self, bot: Bot, telegram_id: int, role: str, language: str) -> None:
        t = translator(language)
        commands = [BotCommand(name, t(text)) for name, text in COMMANDS]
        commands += [BotCommand(name, t(text)) for name, text, permission in STAFF_COMMANDS if may(role, permission)]
        try:
            await bot.set_my_commands(commands, scope=BotCommandScopeChat(telegram_id))
        except TelegramError as error:  # a chat Telegram does not know yet: tried again at the next check
            log.warning("staff command menu not set: %s", described(error))
            return
        self.shown[telegram_id] = (role, language)
