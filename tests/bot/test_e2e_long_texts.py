"""Over HTTP: the longest messages a person may send staff in a case reach them whole, or are refused whole."""

from __future__ import annotations

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_cases import act, in_a_case, next_message
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.methods import u16

TELEGRAM_LONGEST = "🙏" * 2048
"""4096 UTF-16 units: the longest text message Telegram lets a person send, in emoji."""
CASE_LONGEST = "🙏" * 1750
"""3 500 units: the longest message a case passes on (1 750 characters to Python)."""
GROUP = "\u202f"
"""How French groups the thousands of a count."""


def test_a_person_s_longest_emoji_message_is_relayed_whole_to_the_staff_member(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    """3 500 units of emoji, with the relay's header: one message, nothing cut."""
    marie, received = in_a_case(api, bot, run_cli, 71301)
    amina = api.user(71302)
    mark = api.mark(marie.chat_id)
    shown = act(api, amina, [received], f"type:{CASE_LONGEST}")
    assert shown[0].text.startswith("✉️ Transmis.")
    relayed = next_message(api, marie, mark)
    assert relayed.text.startswith("💬 Demande n° 1") and relayed.text.endswith(CASE_LONGEST)
    assert u16(relayed.text) <= 4096


def test_a_message_too_long_to_relay_whole_is_refused_whole(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    """Telegram's longest emoji message, and 4 007 letters: the person reads both counts, that nothing was sent and
    to cut it in two, never "sent" of a cut one."""
    marie, received = in_a_case(api, bot, run_cli, 71311)
    amina = api.user(71312)
    mark = api.mark(marie.chat_id)
    shown = act(api, amina, [received], f"type:{TELEGRAM_LONGEST}")
    assert shown[0].text == (
        f"Votre message compte 4{GROUP}096 caractères, c'est trop : 3{GROUP}500 caractères au plus (un emoji compte "
        "pour deux). Rien n'a été envoyé : coupez-le en deux messages, puis envoyez-les l'un après l'autre."
    )
    assert shown[0].labels == ["↩️ Revenir au bot"]
    shown = act(api, amina, shown, "type:" + "abcdefghij" * 400 + " la fin")
    assert shown[0].text.startswith(f"Votre message compte 4{GROUP}007 caractères, c'est trop")
    shown = act(api, amina, shown, "type:" + "abcdefghij" * 300 + " la fin")
    assert shown[0].text.startswith("✉️ Transmis.")
    (relayed,) = api.wait_for_messages(marie.chat_id, 1, after=mark, timeout=30)
    assert relayed.text.endswith(" la fin")
