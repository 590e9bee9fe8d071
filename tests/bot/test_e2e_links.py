"""Over HTTP, brand-new people: a poster's link and a staff invitation survive the language and consent screens."""

from __future__ import annotations

import re

from tests.bot.conftest import BotProcess
from tests.support.cli import RunCli
from tests.support.drill import publish, until
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage


def step(api: FakeBotAPI, user: FakeUser, action: str, wanted: str, shown: SentMessage | None = None) -> SentMessage:
    """Type a text or press a button of `shown`, and wait for a message or button containing `wanted`."""
    mark = api.mark(user.chat_id)
    if shown is not None:
        api.press(user, shown, shown.button(action))
    else:
        api.send_text(user, action)
    return until(api, user, mark, wanted)


def test_a_newcomer_from_a_poster_lands_on_the_session(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    api.wait_until_polling(timeout=60)
    publish(run_cli, bot.env["DATABASE_URL"])
    user = api.user(70101, language_code="ar")
    shown = step(api, user, "/start s_1", "Français")
    shown = step(api, user, "Français", "J'accepte", shown)
    shown = step(api, user, "J'accepte", "M'inscrire", shown)
    assert "Réunion C2S" in shown.text and "CPAM Poitiers" in shown.text
    shown = step(api, user, "M'inscrire", "inscrit", shown)


def test_a_newcomer_with_an_invitation_joins_the_team(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    api.wait_until_polling(timeout=60)
    run_cli("staff", "add-coordinator", "70201", env={"DATABASE_URL": bot.env["DATABASE_URL"]}).check()
    coordinator = api.user(70201)
    shown = step(api, coordinator, "/start", "Français")
    shown = step(api, coordinator, "Français", "J'accepte", shown)
    step(api, coordinator, "J'accepte", "Que voulez-vous faire", shown)
    invitation = step(api, coordinator, "/invite facilitator", "inv_")
    code = re.search(r"inv_([A-Za-z0-9_-]+)", invitation.text)
    assert code is not None
    newcomer = api.user(70202)
    shown = step(api, newcomer, f"/start inv_{code.group(1)}", "Français")
    shown = step(api, newcomer, "Français", "J'accepte", shown)
    welcome = step(api, newcomer, "J'accepte", "Bienvenue", shown)
    assert "animat" in welcome.text.lower()
    menu = step(api, newcomer, "/staff", "Publier une rencontre")
    assert "Je ne connais pas cette commande" not in menu.text


def test_staff_commands_appear_in_staff_chats_only(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    api.wait_until_polling(timeout=60)
    env = {"DATABASE_URL": bot.env["DATABASE_URL"]}
    run_cli("staff", "add-coordinator", "70301", env=env).check()
    bot.stop()  # the menus are set at start-up, then every 30 s
    bot.start()
    api.wait_until(lambda: bool(api.commands(chat_id=70301)), timeout=60)
    names = [c["command"] for c in api.commands(chat_id=70301)]
    assert names[-3:] == ["staff", "invite", "console"] and "mydata" in names
    assert "staff" not in [c["command"] for c in api.commands()]  # everyone else's menu
    assert "staff" not in [c["command"] for c in api.commands("fr")]
