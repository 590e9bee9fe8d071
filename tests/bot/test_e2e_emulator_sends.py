"""A third-party Bot API emulator's answers to the bot's sends: missing fields, refusals Telegram would not give.

The person still gets every screen of their answer, once, without an apology for a failure that did not happen.
"""

from __future__ import annotations

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import press, say
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.fake_bot_api.model import ApiError

SORRY = "Désolé, un problème technique"


def _without_message_id(message: dict[str, object]) -> dict[str, object]:
    """The sent message as an emulator answers it: no message_id."""
    message.pop("message_id", None)
    return message


def test_sends_answered_without_a_readable_message_count_as_sent(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    user = api.user(70701, first_name="Nour", language_code="fr")
    api.quirk_next("sendMessage", change=_without_message_id)
    api.send_text(user, "/start")
    (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
    assert "Choisissez votre langue" in welcome.text
    api.press(user, welcome, welcome.button("Français"))
    api.wait_until(lambda: "Pour vous aider" in api.messages(user.chat_id)[-1].text, timeout=30)
    mark = api.mark(user.chat_id)
    api.quirk_next("sendMessage", change=lambda message: {**message, "message_id": 1, "chat": {"id": 5}})
    api.send_text(user, "/start")
    api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    bot.stop()
    shown = [message.text for message in api.messages(user.chat_id)]
    assert not any(SORRY in text for text in shown), shown
    assert "sendMessage: the Bot API server's answer is not a readable message; taken as sent" in bot.output()


def _benefits_question(api: FakeBotAPI, user: FakeUser) -> SentMessage:
    """From /start to the rights check's first multi-choice question, whose boxes are ticked by editing it."""
    (screen,) = say(api, user, "/start")
    for label in ("English", "I agree", "Check my health rights", "French or European", "More than 3 months"):
        (screen,) = press(api, user, screen, label)
    say(api, user, "1965")
    (screen,) = say(api, user, "1")
    (benefits,) = press(api, user, screen, "In mainland France")
    return benefits


def test_an_edit_refused_shows_the_screen_as_a_new_message(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70702, first_name="Nour", language_code="en")
    benefits = _benefits_question(api, user)
    for refusal in ("message can't be edited", "message to edit not found"):
        api.quirk_next("editMessageText", answer=ApiError(400, f"Bad Request: {refusal}"))
        (ticked,) = press(api, user, benefits, "None of these benefits")
        assert "☑ None of these benefits" in ticked.labels or "☐ None of these benefits" in ticked.labels
        benefits = ticked
    api.quirk_next("editMessageText", answer=ApiError(400, "Bad Request: message is not modified"))
    mark = api.mark(user.chat_id)
    api.press(user, benefits, benefits.button("None of these benefits"))
    api.wait_until(lambda: not api.unanswered_presses(), timeout=30)
    (income,) = press(api, user, api.messages(user.chat_id)[-1], "Confirm")
    assert api.mark(user.chat_id) == income.message_id == mark + 1  # "not modified" sent nothing new
