"""Issue 15, item 6: the real bot at LOG_LEVEL=DEBUG logs no typed answer, name, phone number, id or token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.signing import Signer
from tests.bot.conftest import TOKEN, BotProcess
from tests.bot.test_e2e_polling import press, say
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.logs import said

USER_ID = 7_311_529_604
FIRST_NAME, LAST_NAME, USERNAME = "Zéphyrine", "Quennevilles", "zephyrine_q86"
TYPED_ANSWER = "Pas de tél"
PHONE = "06 12 34 56 78"


@pytest.fixture
def debug_bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    """`faire-lien run` in polling mode with every library logging at DEBUG."""
    process = BotProcess(api, tmp_path)
    process.env["LOG_LEVEL"] = "DEBUG"
    process.start()
    yield process
    process.stop()


def test_item_6_debug_log_has_no_texts_names_or_token(api: FakeBotAPI, debug_bot: BotProcess) -> None:
    user = api.user(USER_ID, FIRST_NAME, "fr", last_name=LAST_NAME, username=USERNAME)
    (welcome,) = say(api, user, "/start")
    (consent,) = press(api, user, welcome, "Français")
    (menu,) = press(api, user, consent, "J'accepte")
    # The call-back request, as the 📞 button under a rights-check result opens it.
    mark = api.mark(user.chat_id)
    api.press(user, menu, Signer(TOKEN).sign(USER_ID, "go:callback"), force=True)
    (agree,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    (channel,) = press(api, user, agree, "Oui")
    (phone,) = press(api, user, channel, "Par téléphone")
    (refused,) = say(api, user, TYPED_ANSWER)
    assert refused.text.startswith("Écrivez un numéro de téléphone")  # typed, refused, never logged
    (moment,) = say(api, user, PHONE)
    assert "À quel moment" in moment.text
    mark = api.mark(user.chat_id)
    api.send_contact(user)  # a shared contact: +33612345678 and the first name
    api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    assert phone.text and "Quel est votre numéro" in phone.text
    debug_bot.stop()

    logs = debug_bot.output()
    assert "DEBUG telegram.ext.ExtBot: Calling Bot API endpoint `sendMessage`" in logs  # DEBUG really was on
    # DEBUG really was on for the libraries (SQLite statements no longer go through aiosqlite's logged thread:
    # storage/sqlite_inline.py; its redaction is tested in tests/cli/test_logs.py).
    assert "DEBUG httpcore" in logs and "DEBUG asyncio" in logs
    assert re.search(r"INFO httpx: HTTP Request: POST http://127\.0\.0\.1:\d+/bot<hidden>/getUpdates", logs)
    assert "update_id" in logs  # still useful: updates are named by their ids
    logged = said(logs)  # a port or a line's milliseconds may hold the same digits
    for secret in (TOKEN, TOKEN.split(":", 1)[1], FIRST_NAME, LAST_NAME, USERNAME, TYPED_ANSWER, PHONE):
        assert secret not in logged, secret
    for number in ("0612345678", "+33612345678", "12 34 56 78", str(USER_ID)):
        assert number not in logged, number
