"""Over HTTP: a message as long as Telegram allows, in emoji (two UTF-16 units each), still reaches the other side."""

from __future__ import annotations

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_cases import act, newcomer, next_message
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.methods import u16

LONGEST = "🙏" * 2048
"""4096 UTF-16 units: the longest text message Telegram lets a person send."""


def test_a_person_s_longest_message_is_relayed_to_the_staff_member(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    """The relay to staff is cut to what Telegram takes, instead of being refused and never shown."""
    marie, amina = api.user(71301), api.user(71302)
    run_cli("staff", "add-coordinator", str(marie.chat_id), env={"DATABASE_URL": bot.env["DATABASE_URL"]}).check()
    newcomer(api, marie)
    mark = api.mark(marie.chat_id)
    shown = newcomer(api, amina)
    for step in ["press:Bilan", "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui, demander"]:
        shown = act(api, amina, shown, step)
    notice = next_message(api, marie, mark)
    (taken,) = act(api, marie, [notice], "press:Je la prends")
    mark = api.mark(amina.chat_id)
    api.send_reply(marie, taken, "Bonjour, je vous écoute.")
    received = next_message(api, amina, mark)
    mark = api.mark(marie.chat_id)
    shown = act(api, amina, [received], f"type:{LONGEST}")
    assert shown[0].text.startswith("✉️ Transmis.")
    relayed = next_message(api, marie, mark)
    assert relayed.text.startswith("💬 Demande n° 1") and "🙏" * 1000 in relayed.text
    assert u16(relayed.text) <= 4096
