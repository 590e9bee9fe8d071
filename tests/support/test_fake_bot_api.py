"""Tests of the fake Bot API server, driven by a real ``telegram.Bot`` over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError

from tests.support.fake_bot_api import BOT_USER_ID, FakeBotAPI

T = TypeVar("T")
TOKEN = "123456:TEST"


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    """A started fake server."""
    with FakeBotAPI() as api:
        yield api


def run_with_bot(server: FakeBotAPI, body: Callable[[Bot], Awaitable[T]]) -> T:
    """Run ``body(bot)`` with an initialized real Bot pointed at the fake server."""

    async def main() -> T:
        bot = Bot(token=TOKEN, base_url=server.base_url, base_file_url=server.base_file_url)
        async with bot:
            return await body(bot)

    return asyncio.run(main())


def keyboard() -> InlineKeyboardMarkup:
    """A two-row inline keyboard."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Oui", callback_data="yes"), InlineKeyboardButton("Non", callback_data="no")],
            [InlineKeyboardButton("Plus tard", callback_data="later")],
        ]
    )


def test_get_me(server: FakeBotAPI) -> None:
    """getMe returns the fake bot user."""

    async def body(bot: Bot) -> None:
        me = await bot.get_me()
        assert me.id == BOT_USER_ID
        assert me.is_bot
        assert me.username == "faire_lien_test_bot"

    run_with_bot(server, body)
    assert server.calls_of("getme")  # case-insensitive lookup
    assert server.port > 0
    assert server.base_url == f"http://127.0.0.1:{server.port}/bot"


def test_a_method_the_bot_does_not_call_is_not_found(server: FakeBotAPI) -> None:
    """A method the fake does not implement answers 404 naming the file to extend."""

    async def body(bot: Bot) -> None:
        with pytest.raises(InvalidToken, match=r"getChat is not implemented in tests/support/fake_bot_api/methods\.py"):
            await bot.get_chat(42)

    run_with_bot(server, body)
    assert [call.status for call in server.calls_of("getChat")] == [404]


def test_send_message_with_inline_keyboard(server: FakeBotAPI) -> None:
    """sendMessage stores buttons and returns a Message PTB can de-json."""
    alice = server.user(42, "Alice")

    async def body(bot: Bot) -> None:
        message = await bot.send_message(alice.id, "Bonjour Alice ! 34", reply_markup=keyboard())
        assert message.chat.id == 42
        assert message.text == "Bonjour Alice ! 34"
        assert message.from_user is not None and message.from_user.id == BOT_USER_ID
        assert message.reply_markup is not None
        assert message.reply_markup.inline_keyboard[0][1].callback_data == "no"

    run_with_bot(server, body)
    [sent] = server.messages(42)
    assert sent.text == "Bonjour Alice ! 34"
    assert sent.buttons == [[("Oui", "yes"), ("Non", "no")], [("Plus tard", "later")]]
    assert sent.labels == ["Oui", "Non", "Plus tard"]
    assert sent.button("Non") == "no"
    assert sent.button("tard") == "later"
    with pytest.raises(LookupError, match="no button"):
        sent.button("Peut-être")
    call = server.calls_of("sendMessage")[0]
    assert call.params["chat_id"] == 42
    assert isinstance(call.params["reply_markup"], dict)


def test_bad_requests_rejected(server: FakeBotAPI) -> None:
    """Telegram's 400 errors for empty or too long texts, long callback data, URL buttons and unknown chats."""
    server.user(42)

    async def body(bot: Bot) -> None:
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(42, " ")
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(42, "😀" * 2049)  # 4 098 UTF-16 units
        with pytest.raises(BadRequest, match=r"(?i)inline callback buttons only"):
            await bot.send_message(
                42, "hi", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", url="https://example.org")]])
            )
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x" * 65)]])
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(42, "hi", reply_markup=too_long)
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(4242, "hi")

    run_with_bot(server, body)
    assert server.messages(42) == []


def test_long_poll_returns_when_update_queued(server: FakeBotAPI) -> None:
    """A pending getUpdates wakes up as soon as the test queues an update."""
    alice = server.user(42)
    timer = threading.Timer(0.3, server.send_text, args=(alice, "/start now"))

    async def body(bot: Bot) -> float:
        started = time.monotonic()
        timer.start()
        updates = await bot.get_updates(timeout=10)
        elapsed = time.monotonic() - started
        assert len(updates) == 1
        message = updates[0].message
        assert message is not None and message.text == "/start now"
        assert message.entities[0].type == "bot_command"
        assert message.entities[0].length == len("/start")
        return elapsed

    elapsed = run_with_bot(server, body)
    assert 0.2 < elapsed < 3


def test_offset_semantics(server: FakeBotAPI) -> None:
    """Unconfirmed updates are re-delivered; confirmed ones never come back."""
    alice = server.user(42)
    first = server.send_text(alice, "un")
    second = server.send_text(alice, "deux")

    async def body(bot: Bot) -> None:
        got = await bot.get_updates(timeout=0)
        assert [u.update_id for u in got] == [first, second]
        # The "bot" dies before confirming: a new poller gets the same updates.
        again = await bot.get_updates(timeout=0)
        assert [u.update_id for u in again] == [first, second]
        confirmed = await bot.get_updates(offset=first + 1, timeout=0)
        assert [u.update_id for u in confirmed] == [second]
        third = server.send_text(alice, "trois")
        rest = await bot.get_updates(offset=0, timeout=0)
        assert [u.update_id for u in rest] == [second, third]
        assert await bot.get_updates(offset=third + 1, timeout=0) == ()
        assert await bot.get_updates(timeout=0) == ()

    run_with_bot(server, body)


def test_newer_poll_terminates_older_one(server: FakeBotAPI) -> None:
    """Two concurrent pollers: the older gets 409 Conflict, like a second bot instance."""

    async def body(bot: Bot) -> None:
        old = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        other = Bot(token=TOKEN, base_url=server.base_url, base_file_url=server.base_file_url)
        async with other:
            assert await other.get_updates(timeout=0) == ()
        with pytest.raises(Conflict):
            await old

    run_with_bot(server, body)


def test_send_document(server: FakeBotAPI) -> None:
    """sendDocument keeps the uploaded bytes and filename, as the bot sends a calendar file."""
    server.user(42)
    payload = bytes(range(256)) * 4 + b"\r\n--end\r\n"

    async def body(bot: Bot) -> None:
        message = await bot.send_document(42, InputFile(payload, filename="récap.ics"))
        assert message.document is not None
        assert message.document.file_name == "récap.ics"
        assert message.document.file_size == len(payload)

    run_with_bot(server, body)
    [sent] = server.messages(42)
    assert sent.document == ("récap.ics", payload)
    assert sent.text == ""


def test_edit_message_text(server: FakeBotAPI) -> None:
    """Edits update the stored message; no reply_markup removes the keyboard."""
    server.user(42)
    mark = server.mark(42)

    async def body(bot: Bot) -> None:
        message = await bot.send_message(42, "Question ?", reply_markup=keyboard())
        edited = await bot.edit_message_text("Réponse : oui", chat_id=42, message_id=message.message_id)
        assert isinstance(edited, type(message))
        assert edited.text == "Réponse : oui"
        assert edited.edit_date is not None
        with pytest.raises(BadRequest, match=r"(?i)not modified"):
            await bot.edit_message_text("Réponse : oui", chat_id=42, message_id=message.message_id)
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("Autre", chat_id=42, message_id=message.message_id + 1)

    run_with_bot(server, body)
    [sent] = server.wait_for_messages(42, 1, after=mark, timeout=1)
    assert sent.text == "Réponse : oui"
    assert sent.edited
    assert sent.buttons == []


def test_set_my_commands_per_language(server: FakeBotAPI) -> None:
    """Commands are stored per language_code; invalid command names are refused."""

    async def body(bot: Bot) -> None:
        await bot.set_my_commands([BotCommand("start", "Commencer")], language_code="fr")
        await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
        with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
            await bot.set_my_commands([BotCommand("Start-Now", "Go")])

    run_with_bot(server, body)
    assert [c["command"] for c in server.commands()] == ["start", "help"]
    assert [c["description"] for c in server.commands(language_code="fr")] == ["Commencer"]
    assert server.commands(language_code="en") == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_global_rate_limit_answers_429() -> None:
    """Exceeding the global rate limit raises RetryAfter with retry_after >= 1."""
    with FakeBotAPI(global_rate_limit=2) as server:
        server.user(1)
        server.user(2)

        async def body(bot: Bot) -> None:
            await bot.send_message(1, "a")
            await bot.send_message(2, "b")
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(1, "c")
            retry = caught.value.retry_after
            seconds = retry.total_seconds() if isinstance(retry, dtm.timedelta) else retry
            assert seconds >= 1

        run_with_bot(server, body)
        assert server.rejected_429 == 1
        call = server.calls_of("sendMessage")[-1]
        assert call.status == 429
        assert call.description == "Too Many Requests: retry after 1"
        assert len(server.messages(1)) == 1


def test_blocked_user_and_fail_next(server: FakeBotAPI) -> None:
    """block() answers 403; fail_next() injects a one-off error."""
    alice = server.user(42)
    server.block(alice)

    async def body(bot: Bot) -> None:
        with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
            await bot.send_message(42, "coucou")

    run_with_bot(server, body)
    bob = server.user(43)

    async def injected(bot: Bot) -> None:
        server.fail_next("sendmessage", 502, "Bad Gateway")
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(bob.id, "coucou")
        await bot.send_message(bob.id, "coucou")

    run_with_bot(server, injected)
    assert [c.status for c in server.calls_of("sendMessage")] == [403, 502, 200]
    assert server.messages(alice.id) == []
    assert [m.text for m in server.messages(bob.id)] == ["coucou"]


def test_fail_randomly_refuses_a_share_of_sends_before_they_take_effect(server: FakeBotAPI) -> None:
    """fail_randomly() answers about the share asked with 500, 502 or 429, and a refused send posts nothing."""
    server.user(44)
    server.fail_randomly(0.35, seed=3)
    outcomes: list[str] = []

    async def body(bot: Bot) -> None:
        for n in range(200):
            try:
                await bot.send_message(44, f"n{n}")
            except TelegramError as error:
                outcomes.append(type(error).__name__)
            else:
                outcomes.append("ok")
        await bot.get_me()  # not a send: never failed

    run_with_bot(server, body)
    assert 50 <= server.injected <= 90 and outcomes.count("ok") == 200 - server.injected
    assert {c.status for c in server.calls_of("sendMessage")} == {200, 429, 500, 502}
    assert set(outcomes) == {"ok", "RetryAfter", "NetworkError"}
    assert len(server.messages(44)) == outcomes.count("ok")
    server.fail_randomly(0)
    assert server.injected == 0


def test_press_and_answer_callback(server: FakeBotAPI) -> None:
    """press() builds a callback_query; unknown data is refused unless forced."""
    alice = server.user(42)

    async def send(bot: Bot) -> None:
        await bot.send_message(42, "Question ?", reply_markup=keyboard())

    run_with_bot(server, send)
    [message] = server.messages(42)
    with pytest.raises(ValueError, match="not on message"):
        server.press(alice, message, "Oui")
    with pytest.raises(ValueError, match="not on message"):
        server.press(alice, message, "maybe")
    forged = server.press(alice, message, "maybe", force=True)
    update_id = server.press(alice, message, message.button("Oui"))

    async def poll(bot: Bot) -> None:
        updates = await bot.get_updates(timeout=0)
        assert [u.update_id for u in updates] == [forged, update_id]
        query = updates[1].callback_query
        assert query is not None and query.data == "yes"
        assert query.message is not None and query.message.message_id == message.message_id
        await query.get_bot().answer_callback_query(query.id, text="ok")
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(query.id)

    run_with_bot(server, poll)


def test_wait_for_messages_timeout_dump(server: FakeBotAPI) -> None:
    """The TimeoutError shows what the chat received."""
    alice = server.user(42)
    server.send_text(alice, "bonjour")
    with pytest.raises(TimeoutError, match="bonjour"):
        server.wait_for_messages(42, 1, after=server.mark(42), timeout=0.1)


def test_dead_poller_is_noticed(server: FakeBotAPI) -> None:
    """A long poll whose client vanished (SIGKILLed bot) stops counting as polling."""
    request = (
        f"POST /bot{TOKEN}/getUpdates HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\ntimeout=10"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        client.sendall(request)
        server.wait_until_polling(timeout=2)
    started = time.monotonic()
    server.wait_until(lambda: not server.is_polling(), timeout=2)
    assert time.monotonic() - started < 1
    [call] = server.calls_of("getUpdates")
    assert call.params == {"timeout": 10}
