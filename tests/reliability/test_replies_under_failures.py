"""Issue 15, item 11: with 35 % of sends failing (500, 502, 429), every interactive reply arrives, once, in order.

The real bot process (polling) talks to the fake Bot API, which refuses a random 35 % of sendMessage,
editMessageText, sendDocument and answerCallbackQuery calls before they take effect. A person walks
through the whole rights check (19 steps: commands, buttons, typed answers, ticked boxes edited in
place, a result card followed by the menu); every screen must arrive, exactly once, in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.conftest import TOKEN, BotProcess
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.logs import said

WAIT = 90.0
"""Seconds a step may take: each failed send is tried again after a pause (7.5 s at most per reply)."""


@pytest.fixture
def bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(api, tmp_path)
    process.start()
    yield process
    process.stop()


class Person:
    """One person talking to the bot; keeps every screen they received, in order."""

    def __init__(self, api: FakeBotAPI, user: FakeUser) -> None:
        self.api, self.user = api, user
        self.seen: list[SentMessage] = []

    def _expect(self, *wanted: str) -> list[SentMessage]:
        after = self.seen[-1].message_id if self.seen else 0
        new = self.api.wait_for_messages(self.user.chat_id, len(wanted), after=after, timeout=WAIT)
        for message, text in zip(new, wanted, strict=True):
            assert text in message.text, f"expected {text!r}, got {message.text[:120]!r}"
        self.seen.extend(new)
        return new

    def say(self, text: str, *wanted: str) -> SentMessage:
        """Type a text; the screens it brings, in order; the last one."""
        self.api.send_text(self.user, text)
        return self._expect(*wanted)[-1]

    def press(self, label: str, *wanted: str) -> SentMessage:
        """Press a button of the last screen; the screens it brings, in order; the last one."""
        self.api.press(self.user, self.seen[-1], self.seen[-1].button(label))
        return self._expect(*wanted)[-1]

    def tick(self, label: str) -> None:
        """Tick a box of the last screen: the bot edits that message in place, and sends nothing new."""
        shown = self.seen[-1]
        self.api.press(self.user, shown, shown.button(label))

        def edited() -> SentMessage:
            return next(m for m in self.api.messages(self.user.chat_id) if m.message_id == shown.message_id)

        self.api.wait_until(lambda: f"☑ {label}" in edited().labels, timeout=WAIT)
        self.seen[-1] = edited()


def test_item_11_every_interactive_reply_arrives_in_order_when_35_percent_of_sends_fail(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    api.wait_until_polling(timeout=60)
    api.fail_randomly(0.35)
    person = Person(api, api.user(71001, first_name="Amina", language_code="en"))

    person.say("/start", "Choose your language")
    person.press("English", "Do you agree to have your answers saved?")
    person.press("I agree", "What would you like to do?")
    person.press("Check my health rights", "What is your situation in France?")
    person.press("French or European", "Health rights check · question 2")
    person.press("More than 3 months", "In what year were you born?")
    person.say("61 ans", "Write the year with 4 digits, for example: 1985.")
    person.say("1965", "How many people are in your household")
    person.say("1", "Where do you live?")
    person.press("In mainland France", "Health rights check · question 6")
    person.tick("None of these benefits")
    person.press("Confirm", "Health rights check · question 7")
    person.press("Yes, about the same every month", "Health rights check · question 8")
    person.say("850", "Health rights check · question 9")
    person.tick("No, nobody")
    person.press("Confirm", "Health rights check · question 10")
    person.press("No", "Health rights check · question 11")
    person.press("Tenant, without housing benefit", "Health rights check · question 12")
    person.press("No", "Health rights check · question 13")
    person.tick("None of these situations")
    person.press("Confirm", "📋 Result of your health rights check", "What would you like to do?")
    person.say("/help", "Help")  # handled after everything above: a late duplicate would show before it

    assert api.injected >= 10, "the fake must have failed a good share of the sends"
    transcript = api.messages(person.user.chat_id)
    assert [m.message_id for m in transcript] == [m.message_id for m in person.seen]  # nothing twice, nothing extra
    assert [m.text for m in transcript] == [m.text for m in person.seen]  # in the order they were asked for
    assert len(transcript) == 20

    logs = said(bot.output())
    assert TOKEN not in logs and "850" not in logs and "Amina" not in logs
