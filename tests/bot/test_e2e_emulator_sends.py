"""A third-party Bot API emulator's answers to the bot's sends: missing fields, refusals Telegram would not give.

The person still gets every screen of their answer, once, without an apology for a failure that did not happen.
"""

from __future__ import annotations

from pathlib import Path

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import press, say
from tests.bot.test_e2e_sessions import menu_of
from tests.support.cli import RunCli
from tests.support.drill import publish
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.fake_bot_api.model import ApiError, RawAnswer

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


def test_a_file_the_server_will_not_send_is_replaced_by_a_notice(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70703, first_name="Nour", language_code="fr")
    (screen,) = say(api, user, "/start")
    for label in ("Français", "J'accepte"):
        (screen,) = press(api, user, screen, label)
    for refusal in (RawAnswer(404, b"<html><body>404 Not Found</body></html>"), ApiError(400, "Bad Request: no")):
        api.quirk_next("sendDocument", answer=refusal)
        summary, notice, menu = say(api, user, "/mydata", count=3)
        assert summary.text.startswith("Voici tout ce qui est enregistré sur vous")
        assert notice.text.startswith("Le fichier avec le détail n'a pas pu être envoyé. Réessayez plus tard")
        assert menu.text == "Que voulez-vous faire ?"  # the way on
    api.wait_until(lambda: len(api.calls_of("sendDocument")) == 2, timeout=30)
    assert all(message.document is None for message in api.messages(user.chat_id))
    assert not any(SORRY in message.text for message in api.messages(user.chat_id))


def test_a_calendar_file_the_server_will_not_send_leaves_the_details_and_a_notice(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    api.wait_until_polling(timeout=60)
    publish(run_cli, bot.env["DATABASE_URL"], 1, "--title-in", "en=C2S information meeting")
    user = api.user(70704, "Amina", "en")
    (dates,) = press(api, user, menu_of(api, user), "Sessions")
    (detail,) = press(api, user, dates, "1 place left")
    api.quirk_next("sendDocument", answer=ApiError(400, "Bad Request: method not supported"))
    confirmation, notice, menu = press(api, user, detail, "Register", count=3)
    assert confirmation.text.startswith("✅ Done, you are registered.") and "CPAM Poitiers" in confirmation.text
    assert notice.text == "The file for your calendar could not be sent: note the date and place above."
    assert menu.text == "What would you like to do?"
    assert len(api.calls_of("sendDocument")) == 1  # refused for good: not tried again


def test_a_send_slower_than_the_read_timeout_is_shown_once(api: FakeBotAPI, bot: BotProcess) -> None:
    api.wait_until_polling(30)
    user = api.user(70705, first_name="Nour", language_code="fr")
    api.quirk_next("sendMessage", delay=6.5)  # python-telegram-bot's read timeout is 5 s
    api.send_text(user, "/start")
    (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
    (consent,) = press(api, user, welcome, "Français")
    assert "Pour vous aider" in consent.text
    assert [m.text[:7] for m in api.messages(user.chat_id)] == ["Bonjour", "Pour vo"]  # once each, no apology
    bot.stop()
    assert "given up after 1 attempt(s), uncertain" in bot.output()


def test_a_slow_server_is_waited_for_when_the_read_timeout_is_raised(api: FakeBotAPI, tmp_path: Path) -> None:
    bot = BotProcess(api, tmp_path)
    bot.env["TELEGRAM_READ_TIMEOUT"] = "15"
    bot.start()
    try:
        api.wait_until_polling(30)
        user = api.user(70707, first_name="Nour", language_code="fr")
        api.quirk_next("sendMessage", delay=6.5)  # later than the default 5 s, within the 15 s set
        api.send_text(user, "/start")
        (welcome,) = api.wait_for_messages(user.chat_id, 1, after=0, timeout=30)
        (consent,) = press(api, user, welcome, "Français")
        assert "Pour vous aider" in consent.text
        assert [m.text[:7] for m in api.messages(user.chat_id)] == ["Bonjour", "Pour vo"]
    finally:
        bot.stop()
    assert "uncertain" not in bot.output()  # the answer came within the time allowed: the send is known


def test_a_press_whose_screen_was_lost_gets_the_apology(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70706, first_name="Nour", language_code="fr")
    (welcome,) = say(api, user, "/start")
    api.quirk_next("sendMessage", answer=RawAnswer(502, b"<html>502 Bad Gateway</html>"), times=5)
    mark = api.mark(user.chat_id)
    api.press(user, welcome, welcome.button("Français"))
    (sorry,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    assert sorry.text.startswith(SORRY)
    assert api.unanswered_presses() == []
