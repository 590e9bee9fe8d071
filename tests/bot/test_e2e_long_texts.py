"""Over HTTP: the longest messages a person may send staff in a case reach them whole, or are refused whole."""

from __future__ import annotations

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_cases import act, in_a_case, next_message
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.methods import u16

LONGEST = "🙏" * 2048
"""4096 UTF-16 units: the longest text message Telegram lets a person send, in emoji."""


def test_a_person_s_longest_message_is_relayed_to_the_staff_member(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    """The relay to staff is cut to what Telegram takes, instead of being refused and never shown."""
    marie, received = in_a_case(api, bot, run_cli, 71301)
    amina = api.user(71302)
    mark = api.mark(marie.chat_id)
    shown = act(api, amina, [received], f"type:{LONGEST}")
    assert shown[0].text.startswith("✉️ Transmis.")
    relayed = next_message(api, marie, mark)
    assert relayed.text.startswith("💬 Demande n° 1") and "🙏" * 1000 in relayed.text
    assert u16(relayed.text) <= 4096


def test_a_message_too_long_to_relay_whole_is_refused_whole(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    """Over 3 500 characters: the person is told nothing was sent and to cut it in two, not told "sent" of a cut one."""
    marie, received = in_a_case(api, bot, run_cli, 71311)
    amina = api.user(71312)
    mark = api.mark(marie.chat_id)
    shown = act(api, amina, [received], "type:" + "abcdefghij" * 400 + " la fin")
    assert (
        shown[0].text
        == "Votre message est trop long (plus de 3 500 caractères) : rien n'a été envoyé. Coupez-le en deux."
    )
    assert shown[0].labels == ["↩️ Revenir au bot"]
    shown = act(api, amina, shown, "type:" + "abcdefghij" * 300 + " la fin")
    assert shown[0].text.startswith("✉️ Transmis.")
    (relayed,) = api.wait_for_messages(marie.chat_id, 1, after=mark, timeout=30)
    assert relayed.text.endswith(" la fin")
