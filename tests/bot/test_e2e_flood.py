"""Button presses beyond the flood limit, over HTTP: each is answered (no spinner left), none is applied."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import press, say
from tests.support.fake_bot_api import FakeBotAPI

LIMIT = 6
"""Updates a person may send per window here; the window outlasts the test, so nothing slides out of it."""
WARNING = "Vous envoyez beaucoup de messages"


@pytest.fixture
def bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    """The bot with a small flood limit over a long window."""
    process = BotProcess(api, tmp_path)
    process.env.update({"FLOOD_LIMIT": str(LIMIT), "FLOOD_WINDOW": "600"})
    process.start()
    yield process
    process.stop()


def settled(api: FakeBotAPI) -> None:
    """Wait until the bot has handled and confirmed every update sent so far."""
    api.wait_until(lambda: api.pending_updates() == 0, timeout=30)


def test_presses_beyond_the_limit_are_answered_and_change_nothing(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(81101, "Rapide", "fr")
    (welcome,) = say(api, user, "/start")
    (consent,) = press(api, user, welcome, "Français")
    (menu,) = press(api, user, consent, "J'accepte")
    (q1,) = press(api, user, menu, "Bilan")
    assert "Bilan de droits santé · question 1" in q1.text
    for _ in range(LIMIT - 4):  # the limit used up by words the question does not take
        (again,) = say(api, user, "bonjour")
        assert again.text.startswith("Merci de répondre avec les boutons")
    settled(api)
    api.wait_until(lambda: api.unanswered_presses() == [], timeout=30)
    mark = api.mark(user.chat_id)

    button = q1.button("française ou européenne")
    for _ in range(LIMIT + 1):  # one warned, then LIMIT dropped quietly: each one's spinner stopped
        api.press(user, q1, button)
    settled(api)
    api.wait_until(lambda: api.unanswered_presses() == [], timeout=30)
    (warning,) = [m for m in api.messages(user.chat_id) if m.message_id > mark]  # said once, nothing else shown
    assert warning.text.startswith(WARNING)
    answers = api.calls_of("answerCallbackQuery")[-(LIMIT + 1) :]
    assert all(call.status == 200 and "text" not in call.params for call in answers)  # no toast besides the warning

    for _ in range(3):  # past that many dropped presses, no call at all until the next warning
        api.press(user, q1, button)
    settled(api)
    time.sleep(0.5)  # an answer would be on its way by now
    assert len(api.unanswered_presses()) == 3
    assert [m.message_id for m in api.messages(user.chat_id) if m.message_id > mark] == [warning.message_id]

    bot.stop()
    bot.start()  # a new process: its flood limit starts afresh
    (q2,) = press(api, user, q1, "française ou européenne")  # never applied above: the button is still current
    assert "Bilan de droits santé · question 2" in q2.text
    assert "Depuis combien de temps" in q2.text
