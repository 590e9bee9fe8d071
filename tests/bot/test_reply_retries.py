"""Issue 15, item 11: an interactive reply is tried again when Telegram did not take it, never when it may have."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from prometheus_client import REGISTRY
from telegram import Bot, Message
from telegram.request import HTTPXRequest

from bot.render import edit_in_place
from bot.replies import ATTEMPTS, BACKOFF, MAX_WAIT, deliver
from dialogs.reply import Reply
from tests.bot.conftest import TOKEN
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.lossy_proxy import LossyProxy

CHAT = 602


class Pauses:
    """Records the waits instead of sleeping them."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        server.user(CHAT)
        yield server


@pytest.fixture
async def bot(proxy: LossyProxy) -> AsyncIterator[Bot]:
    """A plain Bot (no rate limiter: a 429 reaches `deliver`) through the proxy, with a short read timeout."""
    async with Bot(TOKEN, base_url=proxy.base_url, request=HTTPXRequest(read_timeout=0.5)) as telegram:
        yield telegram


def replies(result: str) -> float:
    return REGISTRY.get_sample_value("faire_lien_sends_total", {"kind": "reply", "result": result}) or 0.0


async def test_item_11_reply_retried_on_5xx_and_429_until_it_arrives_once(api: FakeBotAPI, bot: Bot) -> None:
    api.fail_next("sendMessage", 500, "Internal Server Error")
    api.fail_next("sendMessage", 502, "Bad Gateway")
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    pauses, retried, sent = Pauses(), replies("retried"), replies("sent")
    message = await deliver(lambda: bot.send_message(CHAT, "Question 2"), "sendMessage", sleep=pauses)
    assert isinstance(message, Message)
    assert [m.text for m in api.messages(CHAT)] == ["Question 2"]
    assert pauses.seconds == [BACKOFF[0], BACKOFF[1], 3.0]  # backoff, then Telegram's retry_after
    assert (replies("retried") - retried, replies("sent") - sent) == (3, 1)


async def test_item_11_reply_given_up_after_bounded_tries(api: FakeBotAPI, bot: Bot) -> None:
    for _ in range(ATTEMPTS):
        api.fail_next("sendMessage", 503, "Service Unavailable")
    pauses, failed = Pauses(), replies("failed")
    assert await deliver(lambda: bot.send_message(CHAT, "Question 2"), "sendMessage", sleep=pauses) is None
    assert len(api.calls_of("sendMessage")) == ATTEMPTS and api.messages(CHAT) == []
    assert len(pauses.seconds) == ATTEMPTS - 1 and sum(pauses.seconds) <= MAX_WAIT
    assert replies("failed") - failed == 1

    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 60", retry_after=60)
    too_long = Pauses()
    assert await deliver(lambda: bot.send_message(CHAT, "Question 2"), "sendMessage", sleep=too_long) is None
    assert too_long.seconds == []  # a wait past the budget: given up at once, not 60 s of silence

    api.block(CHAT)
    refused = Pauses()
    assert await deliver(lambda: bot.send_message(CHAT, "Question 2"), "sendMessage", sleep=refused) is None
    assert refused.seconds == [] and api.calls_of("sendMessage")[-1].status == 403  # a refusal is final


async def test_item_11_reply_whose_answer_was_lost_is_not_sent_again(
    api: FakeBotAPI, proxy: LossyProxy, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    proxy.fail("sendMessage", "withhold")
    uncertain = replies("uncertain")
    assert await deliver(lambda: bot.send_message(CHAT, "Secret answer"), "sendMessage of update 7") is None
    assert [m.text for m in api.messages(CHAT)] == ["Secret answer"]  # shown once, not twice
    assert replies("uncertain") - uncertain == 1
    assert "sendMessage of update 7 given up after 1 attempt(s), uncertain" in caplog.text
    assert "Secret" not in caplog.text


async def test_item_11_an_edit_is_repeated_safely(api: FakeBotAPI, proxy: LossyProxy, bot: Bot) -> None:
    shown = await bot.send_message(CHAT, "☐ A")
    proxy.fail("editMessageText", "withhold")  # the edit arrives, its answer is lost: tried again, "not modified"
    assert await deliver(lambda: edit_in_place(shown, Reply("☑ A"), None), "editMessageText", repeatable=True) is True
    assert [(m.text, m.edited) for m in api.messages(CHAT)] == [("☑ A", True)]
    assert proxy.forwarded.count("editMessageText") == 2
