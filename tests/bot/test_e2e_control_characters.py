"""Over HTTP on PostgreSQL: text carrying a NUL character (which PostgreSQL cannot store) is taken, without it."""

from __future__ import annotations

from storage.db import Database
from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_cases import act, in_a_case, next_message
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI


async def test_a_message_with_a_nul_character_reaches_the_staff_member(
    api: FakeBotAPI, bot: BotProcess, pg_db: Database, run_cli: RunCli
) -> None:
    """A person answering staff with a NUL in the text gets "Transmis", and staff read the words around it."""
    bot.stop()
    bot.env["DATABASE_URL"] = pg_db.url
    bot.start()
    api.wait_until_polling(timeout=60)
    marie, received = in_a_case(api, bot, run_cli, 71201, reply="Bonjour, je\x00 vous écoute.")
    amina = api.user(71202)
    assert "Bonjour, je vous écoute." in received.text
    mark = api.mark(marie.chat_id)
    shown = act(api, amina, [received], "type:Merci\x00 beaucoup")
    assert shown[0].text.startswith("✉️ Transmis.")
    assert next_message(api, marie, mark).text.endswith("Merci beaucoup")
