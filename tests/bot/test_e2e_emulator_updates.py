"""A third-party Bot API emulator's getUpdates: unreadable or slow answers, odd updates, repeated or out-of-order ids.

Polling goes on (no crash), each person gets one answer to each message, and none is lost.
"""

from __future__ import annotations

import time

from tests.bot.conftest import TOKEN, BotProcess
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.model import ApiError, RawAnswer

HTML_PAGE = b"<html><body>Cannot POST /bot" + TOKEN.encode() + b"/getUpdates</body></html>"
"""An error page as a small web framework writes it, quoting the path: the token with it."""


def _answered(api: FakeBotAPI, user_id: int) -> None:
    """A newcomer's /start gets the language question."""
    user = api.user(user_id, first_name="Nour", language_code="fr")
    mark = api.mark(user.chat_id)
    api.send_text(user, "/start")
    (welcome,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    assert "Choisissez votre langue" in welcome.text


def test_unreadable_get_updates_answers_do_not_stop_polling(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    api.quirk_next("getUpdates", answer=RawAnswer(200, b"", "application/json"))
    api.quirk_next("getUpdates", answer=RawAnswer(200, HTML_PAGE))
    api.quirk_next("getUpdates", answer=RawAnswer(404, HTML_PAGE))
    api.quirk_next("getUpdates", answer=RawAnswer(502, HTML_PAGE))
    api.quirk_next("getUpdates", answer=RawAnswer(200, b'{"ok":false,"error_code":500}', "application/json"), times=2)
    _answered(api, 70601)
    api.wait_until(lambda: len(api.calls_of("getUpdates")) >= 7, timeout=40)  # every odd answer came, and one more
    _answered(api, 70602)
    bot.stop()
    logged = bot.output()
    assert "getUpdates failed: TelegramError (the Bot API server's answer is not JSON); retrying in 1 s" in logged
    assert "getUpdates failed: InvalidToken (the Bot API server refused the call); retrying in 3 s" in logged
    assert "getUpdates failed: NetworkError; retrying in 4 s" in logged
    no_list = "getUpdates failed: KeyError (the Bot API server's answer is not a list of updates); retrying in 5 s"
    assert no_list in logged  # {"ok": false} with a 200, twice: no result to read even update by update
    assert TOKEN.split(":")[1] not in logged


def _private(user_id: int, message_id: int, text: str, **extra: object) -> dict[str, object]:
    """A person's text in their private chat, as Bot API JSON."""
    person = {"id": user_id, "is_bot": False, "first_name": "Nour", "language_code": "fr"}
    message: dict[str, object] = {
        "message_id": message_id,
        "from": person,
        "chat": {"id": user_id, "type": "private", "first_name": "Nour"},
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    message.update(extra)
    return message


def test_a_repeated_update_in_one_answer_is_answered_once(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    user = api.user(70611, first_name="Nour", language_code="fr")
    start = {"update_id": api.new_update_id(), "message": _private(user.id, 1, "/start")}
    api.push_raw(start, start)
    api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
    _answered(api, 70612)  # a later update: everything before it was handled
    assert len(api.messages(user.chat_id)) == 1, api.messages(user.chat_id)


def test_update_ids_going_back_are_each_answered_once(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    first, second = api.user(70621, language_code="fr"), api.user(70622, language_code="fr")
    earlier, later = api.new_update_id(), api.new_update_id()
    api.push_raw(
        {"update_id": later, "message": _private(first.id, 1, "/start")},
        {"update_id": earlier, "message": _private(second.id, 1, "/start")},
    )
    api.wait_for_messages(first.chat_id, 1, after=0, timeout=30)
    api.wait_for_messages(second.chat_id, 1, after=0, timeout=30)
    _answered(api, 70623)
    _answered(api, 70624)
    assert len(api.messages(first.chat_id)) == 1, api.messages(first.chat_id)
    assert len(api.messages(second.chat_id)) == 1, api.messages(second.chat_id)


def _press(api: FakeBotAPI, user_id: int, message: dict[str, object], data: str | None) -> None:
    """A button press as an emulator may send it: with the message it gives (maybe inaccessible), maybe no data."""
    person = {"id": user_id, "is_bot": False, "first_name": "Nour", "language_code": "fr"}
    query: dict[str, object] = {"id": api.new_callback_id(), "from": person, "chat_instance": "1", "message": message}
    if data is not None:
        query["data"] = data
    api.push_raw({"update_id": api.new_update_id(), "callback_query": query})


def test_odd_updates_are_ignored_or_answered_and_polling_goes_on(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    user = api.user(70631, first_name="Nour", language_code="fr")
    uid = user.id
    no_sender = _private(uid, 11, "/start")
    del no_sender["from"]
    api.push_raw(
        {"update_id": api.new_update_id(), "message_reaction_count_v99": {"chat": {"id": uid}, "emoji": "👍"}},
        {"update_id": api.new_update_id(), "message": no_sender},  # channel-style: nobody to answer
    )
    _answered(api, 70632)  # both skipped, polling goes on
    assert api.messages(uid) == []
    future = int(time.time()) + 400 * 86400
    wrong = [{"type": "bot_command", "offset": 40, "length": 90}, {"type": "bold", "offset": -3, "length": 2}]
    chats = ({"chat": {"id": uid, "type": "direct"}}, {"chat": {"id": uid}})  # a type of its own, or none at all
    for odd in ({"date": 0}, {"date": future}, {"entities": wrong}, *chats):
        mark = api.mark(uid)
        api.push_raw({"update_id": api.new_update_id(), "message": _private(uid, 20, "/start", **odd)})
        (welcome,) = api.wait_for_messages(uid, 1, after=mark, timeout=30)
        assert "Choisissez votre langue" in welcome.text, odd
    # A press whose message is inaccessible (Bot API 7.0: date 0): the next screen comes as a new message.
    mark = api.mark(uid)
    gone = {"message_id": welcome.message_id, "chat": {"id": uid, "type": "private"}, "date": 0}
    api.quirk_next("answerCallbackQuery", answer=ApiError(400, "Bad Request: query is too old"))
    _press(api, uid, gone, welcome.button("Français"))
    (consent,) = api.wait_for_messages(uid, 1, after=mark, timeout=30)
    assert "Pour vous aider" in consent.text
    # A press without data: shown as a stale button, with the current screen.
    mark = api.mark(uid)
    shown = {"message_id": consent.message_id, "chat": {"id": uid, "type": "private"}, "date": int(time.time())}
    _press(api, uid, {**shown, "text": consent.text}, None)
    (again,) = api.wait_for_messages(uid, 1, after=mark, timeout=30)
    assert "Choisissez d'abord votre langue" in again.text or "Pour vous aider" in again.text, again.text
    bot.stop()
    assert "Traceback" not in bot.output()


def test_a_get_updates_answer_slower_than_the_read_timeout_is_waited_out(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    api.quirk_next("getUpdates", delay=9.0)  # POLL_TIMEOUT 1 s + python-telegram-bot's 5 s read timeout
    _answered(api, 70641)
    api.wait_until(lambda: len(api.calls_of("getUpdates")) >= 3, timeout=30)
    _answered(api, 70642)
    bot.stop()
    assert "getUpdates failed: TimedOut; retrying in 1 s" in bot.output()
