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
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter

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
            [InlineKeyboardButton("Site", url="https://example.org")],
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


def test_send_message_with_inline_keyboard(server: FakeBotAPI) -> None:
    """sendMessage stores buttons and returns a Message PTB can de-json."""
    alice = server.user(42, "Alice")

    async def body(bot: Bot) -> None:
        message = await bot.send_message(alice.id, "Bonjour <b>Alice</b> !", parse_mode="HTML", reply_markup=keyboard())
        assert message.chat.id == 42
        assert message.text == "Bonjour Alice !"
        assert message.from_user is not None and message.from_user.id == BOT_USER_ID
        assert message.reply_markup is not None
        assert message.reply_markup.inline_keyboard[0][1].callback_data == "no"
        assert message.entities and message.entities[0].type == "bold"

    run_with_bot(server, body)
    [sent] = server.messages(42)
    assert sent.text == "Bonjour Alice !"
    assert sent.raw_text == "Bonjour <b>Alice</b> !"
    assert sent.buttons == [[("Oui", "yes"), ("Non", "no")], [("Site", "https://example.org")]]
    assert sent.button("Non") == "no"
    call = server.calls_of("sendMessage")[0]
    assert call.params["chat_id"] == 42
    assert isinstance(call.params["reply_markup"], dict)


def test_bad_markup_and_unknown_chat_rejected(server: FakeBotAPI) -> None:
    """Telegram's 400 errors for bad HTML, long callback data and unknown chats."""
    server.user(42)

    async def body(bot: Bot) -> None:
        with pytest.raises(BadRequest, match=r"(?i)unsupported start tag"):
            await bot.send_message(42, "a <br> b", parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)reserved"):
            await bot.send_message(42, "Merci.", parse_mode="MarkdownV2")
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
        limited = await bot.get_updates(offset=first + 1, limit=1, timeout=0)
        assert [u.update_id for u in limited] == [second]
        assert server.pending_updates() == 1
        third = server.send_text(alice, "trois")
        rest = await bot.get_updates(offset=0, timeout=0)
        assert [u.update_id for u in rest] == [second, third]
        assert await bot.get_updates(offset=third + 1, timeout=0) == ()
        assert await bot.get_updates(timeout=0) == ()

    run_with_bot(server, body)
    assert server.pending_updates() == 0


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


def test_send_document_and_download(server: FakeBotAPI) -> None:
    """sendDocument stores the uploaded bytes and filename; getFile serves them back."""
    server.user(42)
    payload = bytes(range(256)) * 4 + b"\r\n--end\r\n"

    async def body(bot: Bot) -> None:
        message = await bot.send_document(42, payload, filename="récap.pdf", caption="Votre récap")
        assert message.document is not None
        assert message.document.file_name == "récap.pdf"
        assert message.caption == "Votre récap"
        file = await bot.get_file(message.document.file_id)
        assert bytes(await file.download_as_bytearray()) == payload

    run_with_bot(server, body)
    [sent] = server.messages(42)
    assert sent.document == ("récap.pdf", payload)
    assert sent.text == "Votre récap"


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

    run_with_bot(server, body)
    [sent] = server.wait_for_messages(42, 1, after=mark, timeout=1)
    assert sent.text == "Réponse : oui"
    assert sent.edited
    assert sent.buttons == []


def test_set_my_commands_per_language(server: FakeBotAPI) -> None:
    """Commands are stored per (scope, language_code)."""

    async def body(bot: Bot) -> None:
        await bot.set_my_commands([BotCommand("start", "Commencer")], language_code="fr")
        await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
        fr = await bot.get_my_commands(language_code="fr")
        default = await bot.get_my_commands()
        assert [c.description for c in fr] == ["Commencer"]
        assert [c.command for c in default] == ["start", "help"]
        await bot.delete_my_commands(language_code="fr")
        assert await bot.get_my_commands(language_code="fr") == ()

    run_with_bot(server, body)
    assert [c["command"] for c in server.commands()] == ["start", "help"]
    assert server.commands(language_code="fr") == []


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
        server.unblock(alice)
        server.fail_next("sendmessage", 502, "Bad Gateway")
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(42, "coucou")
        await bot.send_message(42, "coucou")

    run_with_bot(server, body)
    assert [c.status for c in server.calls_of("sendMessage")] == [403, 502, 200]
    assert [m.text for m in server.messages(42)] == ["coucou"]


def test_press_and_answer_callback(server: FakeBotAPI) -> None:
    """press() builds a callback_query; unknown data is refused unless forced."""
    alice = server.user(42)

    async def send(bot: Bot) -> None:
        await bot.send_message(42, "Question ?", reply_markup=keyboard())

    run_with_bot(server, send)
    message = server.last_message(42)
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
