"""Each way a real Telegram call fails, through python-telegram-bot over HTTP, gets the verdict of the table."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import httpx
import pytest
from telegram import Bot
from telegram.error import TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.delivery_errors import Failure, classify
from tests.bot.conftest import TOKEN
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.lossy_proxy import Fault, LossyProxy

CHAT = 601


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        server.user(CHAT)
        yield server


def a_bot(base_url: str, *, read_timeout: float = 0.5, pool_size: int = 1, pool_timeout: float = 1.0) -> Bot:
    """A plain Bot (no rate limiter) with a short read timeout."""
    request = HTTPXRequest(read_timeout=read_timeout, connection_pool_size=pool_size, pool_timeout=pool_timeout)
    return Bot(TOKEN, base_url=base_url, request=request)


async def failure_of(bot: Bot) -> Failure:
    """Send one message (after getMe, as a bot starts); the verdict on how it failed."""
    try:
        async with bot:
            await bot.send_message(CHAT, "coucou")
    except TelegramError as error:
        return classify(error)
    raise AssertionError("the message went out")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # nothing listens there any more: connections are refused


async def test_errors_proving_nothing_was_sent(api: FakeBotAPI) -> None:
    refused = await failure_of(a_bot(f"http://127.0.0.1:{closed_port()}/bot"))
    assert (refused.verdict, refused.reason) == ("not_sent", "Telegram not reached (ConnectError); nothing was sent")

    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    limited = await failure_of(a_bot(api.base_url))
    assert (limited.verdict, limited.wait and limited.wait.total_seconds()) == ("rate_limited", 7)
    assert api.messages(CHAT) == []


async def test_a_pool_timeout_never_sent_the_request(proxy: LossyProxy, api: FakeBotAPI) -> None:
    proxy.fail("sendMessage", "withhold")
    bot = a_bot(proxy.base_url, read_timeout=2, pool_timeout=0.1)
    async with bot:
        outcomes = await asyncio.gather(
            bot.send_message(CHAT, "first"), bot.send_message(CHAT, "second"), return_exceptions=True
        )
    verdicts = sorted(classify(o).verdict for o in outcomes if isinstance(o, TelegramError))
    assert verdicts == ["not_sent", "unknown"]  # the second never left: only the first reached Telegram
    assert [m.text for m in api.messages(CHAT)] == ["first"]


def test_a_connect_timeout_never_sent_the_request() -> None:
    with pytest.raises(TimedOut) as raised:
        raise TimedOut from httpx.ConnectTimeout("timed out")  # as HTTPXRequest.do_request raises it
    assert classify(raised.value).verdict == "not_sent"


@pytest.mark.parametrize(
    ("fault", "verdict", "reason"),
    [
        ("withhold", "unknown", "no answer from Telegram after the request was sent (ReadTimeout)"),
        ("reset", "unknown", "connection lost after the request was sent ("),
        ("bad_gateway", "server_error", "Telegram answered an error after receiving it: Bad Gateway (502)"),
    ],
)
async def test_errors_after_the_request_left_are_unknown(
    fault: Fault, verdict: str, reason: str, proxy: LossyProxy, api: FakeBotAPI
) -> None:
    proxy.fail("sendMessage", fault)
    failure = await failure_of(a_bot(proxy.base_url))
    assert failure.verdict == verdict and failure.reason.startswith(reason)
    assert len(api.messages(CHAT)) == 1  # it did arrive: sending it again would show it twice


async def test_telegram_refusals_are_final_and_5xx_answers_are_server_errors(api: FakeBotAPI) -> None:
    api.fail_next("sendMessage", 500, "Internal Server Error")
    assert (await failure_of(a_bot(api.base_url))).verdict == "server_error"
    api.block(CHAT)
    blocked = await failure_of(a_bot(api.base_url))
    assert (blocked.verdict, blocked.reason) == ("refused", "the person blocked the bot")
    async with a_bot(api.base_url) as bot:
        with pytest.raises(TelegramError) as raised:
            await bot.send_message(12345, "nobody")  # no such chat: 400
    assert classify(raised.value) == Failure("refused", "Telegram refused it: Chat not found")
