"""Issue 15, item 6: the root handlers' filter takes texts, names, phone numbers, ids and secrets out of records."""

from __future__ import annotations

import asyncio
import functools
import io
import logging
import sqlite3

import pytest
from telegram import Bot

from cli.logs import HIDDEN, Redact, redact_text, secrets_of
from faire_lien.config import Settings
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.logs import TOKEN


def test_update_payloads_lose_texts_names_phone_numbers_and_ids() -> None:
    as_json = (
        '{"update_id": 100004, "message": {"message_id": 12, "from": {"id": 7311529604, "is_bot": false, '
        '"first_name": "Zéphyrine", "last_name": "Quennevilles", "username": "zeph86"}, "chat": {"id": 7311529604}, '
        '"text": "j\'ai \\"mal\\" au dos", "contact": {"phone_number": "+33612345678", "user_id": 7311529604}}}'
    )
    as_repr = (
        "{'update_id': 100004, 'message': {'from': {'id': 7311529604, 'first_name': 'Zéphyrine'}, "
        "'text': \"j'ai mal au dos, Zéphyrine\", 'caption': 'photo de l\\'ordonnance'}, 'data': 'reg:12~abc'}"
    )
    as_object = (
        "Update(message=Message(chat=Chat(first_name='Zéphyrine', id=7311529604, type=<ChatType.PRIVATE>), "
        "from_user=User(id=7311529604, is_bot=False, username='zeph86'), message_id=12, text='1965'), update_id=100004)"
    )
    for payload in (as_json, as_repr, as_object):
        clean = redact_text(payload)
        for personal in ("Zéphyrine", "Quennevilles", "zeph86", "mal au dos", "ordonnance", "612345678", "1965"):
            assert personal not in clean, (personal, clean)
        assert "7311529604" not in clean
        assert "'update_id': 100004" in clean or '"update_id": 100004' in clean or "update_id=100004" in clean
    assert redact_text('{"chat_id": -100123, "text": "x"}') == f'{{"chat_id": {HIDDEN}, "text": \'{HIDDEN}\'}}'


@pytest.mark.parametrize(
    "phone",
    ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78", "+33612345678",
     "0033612345678", "+33 (0)6 12 34 56 78", "+4915112345678", "+1 415 555 0132"],
)  # fmt: skip
def test_phone_numbers_are_hidden_in_free_text(phone: str) -> None:
    assert redact_text(f"rappelez-moi au {phone}, merci") == f"rappelez-moi au {HIDDEN}, merci"


def test_useful_figures_are_kept() -> None:
    for line in (
        "update 100004 failed: OverflowError at core.py:63 _connection_worker_thread",
        "[generated in 0.00015s] took 0.0123 s at 2026-11-29 19:52:40,123",
        "Getting updates: [100001, 100002]",
        "outbox message 12 not sent: Forbidden",
        "Call to Bot API endpoint `sendMessage` finished with return value `True`",
    ):
        assert redact_text(line) == line


def test_the_token_goes_exactly_and_by_its_shape() -> None:
    url = "POST http://127.0.0.1:8081/bot7312345678:AAHk2-secretSECRETsecret_0123456789abc/getUpdates"
    assert redact_text(url) == f"POST http://127.0.0.1:8081/bot{HIDDEN}/getUpdates"
    assert redact_text("token=7312345678:AAHk2-secretSECRETsecret_0123456789abc") == f"token={HIDDEN}"
    assert TOKEN not in redact_text(f"quoted {TOKEN.replace(':', '%3A')}", [TOKEN])
    assert "short-one" not in redact_text("the secret short-one leaked", ["short-one"])


def test_secrets_of_settings() -> None:
    settings = Settings(
        telegram_bot_token=TOKEN,
        webhook_secret="webhook-secret-value",
        database_url="postgresql+asyncpg://faire:db-password@127.0.0.1/faire",
    )
    assert set(secrets_of(settings)) == {
        TOKEN,
        TOKEN.split(":", 1)[1],
        "webhook-secret-value",
        "db-password",
    }


def test_item_6_debug_log_has_no_texts_names_or_token_in_any_library(root_log: io.StringIO) -> None:
    """Records of child loggers reach the root handler's filter, whichever library logs them."""
    logging.getLogger("httpx").info('HTTP Request: POST http://h/bot%s/sendMessage "HTTP/1.1 200 OK"', TOKEN)
    logging.getLogger("telegram.ext.ExtBot").debug(
        "Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage", {"chat_id": 7311529604, "text": "Zoé"}
    )
    cursor = sqlite3.connect(":memory:").cursor()
    logging.getLogger("aiosqlite").debug("executing %s", functools.partial(cursor.execute, "INSERT", ("Zoé", 86000)))
    engine = logging.getLogger("sqlalchemy.engine.Engine")
    engine.setLevel(logging.DEBUG)  # as SQLAlchemy's echo="debug" does
    try:
        engine.info("[%s] %r", "generated in 0.0001s", ("Zoé", "06 12 34 56 78"))
        engine.debug("Row %r", (1, "Zoé"))
    finally:
        engine.setLevel(logging.NOTSET)
    try:
        raise ValueError(str({"text": "Zoé", "chat_id": 7311529604, "contact": "06 12 34 56 78"}))
    except ValueError:
        logging.getLogger("faire_lien").exception("update %s failed", 100004)
    logged = root_log.getvalue()
    for personal in ("Zoé", "7311529604", "06 12 34 56 78", "86000", TOKEN):
        assert personal not in logged, personal
    assert "sendMessage" in logged and "executing execute(<hidden>)" in logged
    assert "[generated in 0.0001s] '<hidden>'" in logged and "Row '<hidden>'" in logged
    assert "update 100004 failed" in logged and "ValueError: {'text': '<hidden>', 'chat_id': <hidden>" in logged


def test_an_update_python_telegram_bot_cannot_parse_is_not_logged_whole(root_log: io.StringIO) -> None:
    async def fetch(api: FakeBotAPI) -> None:
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            with pytest.raises(TypeError):
                await bot.get_updates(timeout=0)

    with FakeBotAPI() as api:
        user = api.user(7311529604, "Zéphyrine")
        message = {"message_id": 1, "from": user.to_dict(), "chat": {"id": user.id, "type": "private"}, "date": "x"}
        update_id = api._state.enqueue("message", {**message, "text": "mon secret 06 12 34 56 78"})
        asyncio.run(fetch(api))
    logged = root_log.getvalue()
    read_again = (
        f"WARNING telegram.Bot: Error while parsing updates! Update ids: [{update_id}] (TypeError); read one by one"
    )
    assert read_again in logged  # the reason stays, on one line: polling reads the batch again update by update
    assert "Traceback" not in logged
    for personal in ("Zéphyrine", "mon secret", "06 12 34 56 78", "7311529604", TOKEN):
        assert personal not in logged, personal


def test_the_filter_keeps_every_record_and_drops_exception_objects() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "bad %s %d", ("Zoé", 3), None)
    assert Redact().filter(record) is True
    assert record.getMessage() == "bad Zoé 3"  # a name alone, without a key, is not recognisable: keys matter
    broken = logging.LogRecord("x", logging.ERROR, __file__, 1, "two %s %s", ("only one",), None)
    Redact().filter(broken)
    assert broken.getMessage() == f"two %s %s ({HIDDEN} arguments)"
