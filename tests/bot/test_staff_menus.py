"""Staff command menus follow the staff table: set for someone who joins, in their language, removed when revoked."""

from __future__ import annotations

from telegram import Bot

from bot.staff_menus import StaffMenus
from dialogs.i18n import available_languages
from storage.db import Database
from storage.staff import revoke
from tests.bot.conftest import TOKEN
from tests.conftest import NOW, make_staff
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import a_person


async def test_a_menu_per_staff_chat_in_their_language_removed_when_revoked(api: FakeBotAPI, db: Database) -> None:
    menus = StaffMenus(db, available_languages())
    await make_staff(db, 71001, "facilitator")
    async with db.unit_of_work() as session:
        person = await a_person(session, 71001)
        person.language = "en"
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        await menus.sync(bot)
        names = {c["command"]: c["description"] for c in api.commands(chat_id=71001)}
        assert names["staff"] == "Team menu" and "invite" not in names  # /invite is for coordinators
        async with db.unit_of_work() as session:
            assert await revoke(session, 71001, "test", NOW)
        await menus.sync(bot)
        assert api.commands(chat_id=71001) == []
