"""Over HTTP: publish a session, register two people for one seat, cancel, the freed seat is offered and taken; a
seat freed in the last hour taken from the waiting list; old cancel buttons pressed again."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from storage.types import PARIS
from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import press, say
from tests.support.cli import RunCli
from tests.support.drill import publish
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage


def menu_of(api: FakeBotAPI, user: FakeUser) -> SentMessage:
    (welcome,) = say(api, user, "/start")
    (consent,) = press(api, user, welcome, "English")
    (menu,) = press(api, user, consent, "I agree")
    return menu


def test_register_cancel_and_freed_seat_over_http(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    api.wait_until_polling(timeout=60)  # the bot has migrated the database and is running
    publish(run_cli, bot.env["DATABASE_URL"], 1, "--title-in", "en=C2S information meeting")
    amina, bruno = api.user(80001, "Amina", "en"), api.user(80002, "Bruno", "en")

    (dates,) = press(api, amina, menu_of(api, amina), "Sessions")
    assert dates.text.startswith("📅 Information meeting\n📍 CPAM Poitiers\n")  # the place once, above the dates
    (detail,) = press(api, amina, dates, "1 place left")
    assert "C2S information meeting" in detail.text and "1 place left" in detail.text
    confirmation, calendar, _menu = press(api, amina, detail, "Register", count=3)
    assert confirmation.text.startswith("✅ Done, you are registered.")
    code = re.search(r"🎫 Your booking code: (\w{6}) \(show it at the reception desk\)", confirmation.text)
    assert code is not None
    assert calendar.document is not None and calendar.document[0].endswith(".ics")
    assert b"SUMMARY:C2S information meeting" in calendar.document[1]
    assert f"DESCRIPTION:Your booking code: {code.group(1)}".encode() in calendar.document[1]

    (bruno_dates,) = press(api, bruno, menu_of(api, bruno), "Sessions")
    (bruno_detail,) = press(api, bruno, bruno_dates, "Waiting list")  # a full date's button
    assert "Full: waiting list" in bruno_detail.text
    waiting, _ = press(api, bruno, bruno_detail, "Register", count=2)
    assert waiting.text.startswith("It is full for now: you are number 1 on the waiting list.")

    mark = api.mark(bruno.chat_id)
    (mine,) = press(api, amina, _menu, "My sign-ups")
    (sure,) = press(api, amina, mine, "Cancel")
    (done,) = press(api, amina, sure, "Yes, cancel")
    assert done.text.startswith("Your registration is cancelled.")

    (offer,) = api.wait_for_messages(bruno.chat_id, 1, after=mark, timeout=30)  # sent by the outbox
    assert offer.text.startswith("🎉 A place has become free for “C2S information meeting”")
    taken, _calendar, _ = press(api, bruno, offer, "I take the place", count=3)
    assert taken.text.startswith("✅ The place is yours: you are registered.")
    assert "Amina" not in bot.output() and "Bruno" not in bot.output()


def publish_soon(run_cli: RunCli, database_url: str) -> None:
    """Staff publish a one-seat session starting in about 40 minutes: a seat freed now is offered to nobody."""
    start = (datetime.now(PARIS) + timedelta(minutes=40)).replace(second=0, microsecond=0)
    end = start + timedelta(hours=2)
    run_cli(
        "sessions",
        "add",
        "--kind",
        "info_meeting",
        "--title",
        "Réunion C2S",
        "--start",
        start.strftime("%Y-%m-%d %H:%M"),
        "--end",
        end.strftime("%Y-%m-%d %H:%M"),
        "--place",
        "CPAM Poitiers",
        "--address",
        "41 rue Touffenet, 86000 Poitiers",
        "--capacity",
        "1",
        env={"DATABASE_URL": database_url},
    ).check()


def test_a_seat_freed_in_the_last_hour_is_taken_from_the_waiting_list_over_http(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    api.wait_until_polling(timeout=60)
    publish_soon(run_cli, bot.env["DATABASE_URL"])
    xavier, yasmine = api.user(80011, "Xavier", "en"), api.user(80012, "Yasmine", "en")
    menu_of(api, xavier)
    (page,) = say(api, xavier, "/start s_1")
    _confirmation, _calendar, menu = press(api, xavier, page, "Register", count=3)
    menu_of(api, yasmine)
    (full,) = say(api, yasmine, "/start s_1")
    waiting, _ = press(api, yasmine, full, "Register", count=2)
    assert waiting.text.startswith("It is full for now: you are number 1 on the waiting list.")
    assert "booking code" not in waiting.text  # no code to show at the door without a seat

    (mine,) = press(api, xavier, menu, "My sign-ups")
    (sure,) = press(api, xavier, mine, "Cancel")
    (done,) = press(api, xavier, sure, "Yes, cancel")
    assert done.text.startswith("Your registration is cancelled.")

    (page,) = say(api, yasmine, "/start s_1")  # no offer was pushed: she finds the free seat on the page
    assert "👥 A place is free: you can take it (you are no. 1 on the waiting list)." in page.text
    assert page.labels == ["✅ I take the place", "✖ Leave the waiting list", "◀ Other dates", "☰ Menu"]
    taken, calendar, _ = press(api, yasmine, page, "I take the place", count=3)
    assert taken.text.startswith("✅ The place is yours: you are registered.")
    assert "🎫 Your booking code: " in taken.text and calendar.document is not None
    (mine,) = say(api, yasmine, "/start s_1")
    assert "👥 You are registered." in mine.text
    assert mine.labels == ["✖ Cancel my registration", "◀ Other dates", "☰ Menu"]
    again, menu = press(api, yasmine, page, "I take the place", count=2)  # the old page's button: no calendar file
    assert again.text.startswith("You are already registered for this session.") and again.document is None
    assert menu.document is None and "❓ Help" in menu.labels
    assert not [m for m in api.messages(yasmine.chat_id) if "A place has become free" in m.text]


def test_old_cancel_buttons_say_the_registration_is_already_cancelled_over_http(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    api.wait_until_polling(timeout=60)
    publish(run_cli, bot.env["DATABASE_URL"], 5)
    amina = api.user(80021, "Amina", "en")
    menu_of(api, amina)
    (page,) = say(api, amina, "/start s_1")
    confirmation, _calendar, _menu = press(api, amina, page, "Register", count=3)
    (sure,) = press(api, amina, confirmation, "✖ Cancel my registration")
    (done,) = press(api, amina, sure, "Yes, cancel")
    assert done.text.startswith("Your registration is cancelled.")
    for old, label in ((confirmation, "✖ Cancel my registration"), (sure, "Yes, cancel")):
        (said,) = press(api, amina, old, label)
        assert said.text.startswith("Your registration for “Réunion C2S” is already cancelled.\n\n"), said.text
        assert "no longer offered" not in said.text and "🗓 My sign-ups" in said.labels


def test_a_session_moved_then_cancelled_over_http(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    """Staff move a one-seat session, then cancel it: the person waiting reads they stay on the waiting list with
    their number (not that their registration is kept); both read the cancellation without a promise nobody keeps,
    with the other dates and « Talk to a social worker », which asks the call-back questions."""
    api.wait_until_polling(timeout=60)
    database = {"DATABASE_URL": bot.env["DATABASE_URL"]}
    publish(run_cli, database["DATABASE_URL"], 1, "--title-in", "en=C2S information meeting")
    amina, bruno = api.user(80011, "Amina", "en"), api.user(80012, "Bruno", "en")
    (dates,) = press(api, amina, menu_of(api, amina), "Sessions")
    press(api, amina, press(api, amina, dates, "1 place left")[0], "Register", count=3)
    (bruno_dates,) = press(api, bruno, menu_of(api, bruno), "Sessions")
    waiting, _ = press(api, bruno, press(api, bruno, bruno_dates, "Waiting list")[0], "Register", count=2)
    assert waiting.text.startswith("It is full for now: you are number 1 on the waiting list.")

    marks = {user.chat_id: api.mark(user.chat_id) for user in (amina, bruno)}
    day = (datetime.now(PARIS) + timedelta(days=61)).date().isoformat()
    run_cli("sessions", "move", "1", "--start", f"{day} 10:00", "--end", f"{day} 12:00", env=database).check()
    (kept,) = api.wait_for_messages(amina.chat_id, 1, after=marks[amina.chat_id], timeout=30)
    (still_waiting,) = api.wait_for_messages(bruno.chat_id, 1, after=marks[bruno.chat_id], timeout=30)
    assert kept.text.startswith("🔁 “C2S information meeting” has a new date: ")
    assert kept.text.endswith(", CPAM Poitiers. Your registration is kept.")
    assert still_waiting.text == kept.text.replace(
        "Your registration is kept.", "You stay no. 1 on the waiting list: if a place becomes free, I will tell you."
    )

    marks = {user.chat_id: api.mark(user.chat_id) for user in (amina, bruno)}
    run_cli("sessions", "cancel", "1", env=database).check()
    for user in (amina, bruno):
        (cancelled,) = api.wait_for_messages(user.chat_id, 1, after=marks[user.chat_id], timeout=30)
        assert cancelled.text.startswith("❌ “C2S information meeting”, planned for ")
        assert cancelled.text.endswith(
            "is cancelled. You can look at the other dates, or ask to talk to a social worker."
        )
        assert cancelled.labels == ["◀ Other dates", "📞 Talk to a social worker", "☰ Menu"]
    (question,) = press(api, bruno, cancelled, "📞 Talk to a social worker")
    assert "A social worker from the service will be able to read your answers and contact you. Do you agree?" in (
        question.text
    )
