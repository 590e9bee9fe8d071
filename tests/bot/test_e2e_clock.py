"""A facilitator publishing by chat at an hour the clock change skips, or already past, is told it is not published."""

from __future__ import annotations

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Meeting
from storage.people import Identity
from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_links import step
from tests.conftest import make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli
from tests.support.clock import Clock
from tests.support.db import rows
from tests.support.fake_bot_api import FakeBotAPI


def test_a_session_published_by_chat_at_a_skipped_hour_is_not_said_published(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    api.wait_until_polling(timeout=60)
    env = {"DATABASE_URL": bot.env["DATABASE_URL"]}
    run_cli("staff", "add-coordinator", "70401", env=env).check()
    staff = api.user(70401)
    shown = step(api, staff, "/start", "Français")
    shown = step(api, staff, "Français", "J'accepte", shown)
    step(api, staff, "J'accepte", "Que voulez-vous faire", shown)
    shown = step(api, staff, "/staff", "Publier une rencontre")
    shown = step(api, staff, "🛠 Publier une rencontre", "Réunion d'information", shown)
    shown = step(api, staff, "Réunion d'information", "titre", shown)
    shown = step(api, staff, "Réunion de nuit", "Quel jour")
    shown = step(api, staff, "28/03/2027", "heure")
    shown = step(api, staff, "2h30", "2 heures")
    shown = step(api, staff, "1 heure", "lieu", shown)
    shown = step(api, staff, "CPAM Poitiers", "adresse")
    shown = step(api, staff, "41 rue Touffenet, 86000 Poitiers", "places")
    shown = step(api, staff, "10", "Passer")
    shown = step(api, staff, "Passer", "Rencontre", shown)
    assert shown.text.startswith(
        "❌ Rencontre non publiée : cette heure n'existe pas ce jour-là (à 2 h, on avance les horloges à 3 h, "
        "passage à l'heure d'été). Recommencez avec une heure avant 2 h ou à partir de 3 h."
    )
    assert "Début : 02:30" in shown.text
    listed = run_cli("sessions", "list", env=env).check()
    assert "Réunion de nuit" not in listed


async def test_a_session_published_by_chat_for_an_hour_already_past_is_not_published(
    flows: dict[str, Flow], db: Database
) -> None:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=Clock())  # 22 November 2026, 11:00 in Paris
    staff = Talker(assistant, db, who=Identity(telegram_id=70501))
    await make_staff(db, 70501, "facilitator")
    for action in ["/start", "press:English", "press:I agree", "/staff", "press:Publish a session"]:
        await staff.do(action)
    for action in ["press:Information meeting", "type:Morning meeting", "type:22/11/2026", "type:9h", "press:1 hour"]:
        await staff.do(action)
    for action in ["type:CPAM Poitiers", "type:41 rue Touffenet, 86000 Poitiers", "type:10", "press:Skip"]:
        await staff.do(action)
    assert staff.screen[0].text.startswith(
        "❌ Session not published: this time has already passed. Start again with a time to come."
    )
    assert await rows(db, Meeting) == []


def test_a_session_published_by_chat_with_a_mistyped_year_is_not_published(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    api.wait_until_polling(timeout=60)
    env = {"DATABASE_URL": bot.env["DATABASE_URL"]}
    run_cli("staff", "add-coordinator", "70601", env=env).check()
    staff = api.user(70601)
    shown = step(api, staff, "/start", "Français")
    shown = step(api, staff, "Français", "J'accepte", shown)
    step(api, staff, "J'accepte", "Que voulez-vous faire", shown)
    shown = step(api, staff, "/staff", "Publier une rencontre")
    shown = step(api, staff, "🛠 Publier une rencontre", "Réunion d'information", shown)
    shown = step(api, staff, "Réunion d'information", "titre", shown)
    shown = step(api, staff, "Réunion de l'an 2062", "Quel jour")
    shown = step(api, staff, "12/01/2062", "heure")
    shown = step(api, staff, "14h", "2 heures")
    shown = step(api, staff, "2 heures", "lieu", shown)
    shown = step(api, staff, "CPAM Poitiers", "adresse")
    shown = step(api, staff, "41 rue Touffenet, 86000 Poitiers", "places")
    shown = step(api, staff, "10", "Passer")
    shown = step(api, staff, "Passer", "Rencontre", shown)
    assert shown.text.startswith(
        "❌ Rencontre non publiée : cette date est dans plus de deux ans. Vérifiez l'année, puis recommencez."
    )
    listed = run_cli("sessions", "list", env=env).check()
    assert "2062" not in listed


async def test_a_session_published_by_chat_years_ahead_is_refused_in_the_staff_members_language(
    flows: dict[str, Flow], db: Database
) -> None:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=Clock())  # 22 November 2026, 11:00 in Paris
    staff = Talker(assistant, db, who=Identity(telegram_id=70701))
    await make_staff(db, 70701, "facilitator")
    for action in ["/start", "press:English", "press:I agree", "/staff", "press:Publish a session"]:
        await staff.do(action)
    for action in ["press:Information meeting", "type:Far meeting", "type:23/11/2028", "type:9h", "press:1 hour"]:
        await staff.do(action)
    for action in ["type:CPAM Poitiers", "type:41 rue Touffenet, 86000 Poitiers", "type:10", "press:Skip"]:
        await staff.do(action)
    assert staff.screen[0].text.startswith(
        "❌ Session not published: this date is more than two years ahead. Check the year, then start again."
    )
    assert await rows(db, Meeting) == []
