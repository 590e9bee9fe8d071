"""Over HTTP: publish a session, register two people for one seat, cancel, the freed seat is offered and taken."""

from __future__ import annotations

import re

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
