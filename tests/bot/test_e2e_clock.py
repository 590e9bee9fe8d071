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
from tests.support.fake_bot_api import FakeBotAPI, SentMessage


def test_a_session_published_by_chat_at_a_skipped_hour_is_not_said_published(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    env = {"DATABASE_URL": bot.env["DATABASE_URL"]}
    shown = publish_by_chat(api, run_cli, env, 70401, ("Réunion de nuit", "28/03/2027", "2h30", "1 heure"))
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
    shown = await publish_in_english(flows, db, 70501, "Morning meeting", "22/11/2026")
    assert shown.startswith("❌ Session not published: this time has already passed. Start again with a time to come.")
    assert await rows(db, Meeting) == []


def test_a_session_published_by_chat_with_a_mistyped_year_is_not_published(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    env = {"DATABASE_URL": bot.env["DATABASE_URL"]}
    shown = publish_by_chat(api, run_cli, env, 70601, ("Réunion de l'an 2062", "12/01/2062", "14h", "2 heures"))
    assert shown.text.startswith(
        "❌ Rencontre non publiée : cette date est dans plus de deux ans. Vérifiez l'année, puis recommencez."
    )
    listed = run_cli("sessions", "list", env=env).check()
    assert "2062" not in listed


async def test_a_session_published_by_chat_years_ahead_is_refused_in_the_staff_members_language(
    flows: dict[str, Flow], db: Database
) -> None:
    shown = await publish_in_english(flows, db, 70701, "Far meeting", "23/11/2028")
    assert shown.startswith(
        "❌ Session not published: this date is more than two years ahead. Check the year, then start again."
    )
    assert await rows(db, Meeting) == []


def publish_by_chat(
    api: FakeBotAPI, run_cli: RunCli, env: dict[str, str], telegram_id: int, session: tuple[str, str, str, str]
) -> SentMessage:
    """A new coordinator publishes an information meeting by chat (title, day, hour, length as typed or pressed),
    at CPAM Poitiers for 10 people; the last screen they read."""
    api.wait_until_polling(timeout=60)
    run_cli("staff", "add-coordinator", str(telegram_id), env=env).check()
    staff = api.user(telegram_id)
    title, day, hour, length = session
    shown = step(api, staff, "/start", "Français")
    shown = step(api, staff, "Français", "J'accepte", shown)
    step(api, staff, "J'accepte", "Que voulez-vous faire", shown)
    shown = step(api, staff, "/staff", "Publier une rencontre")
    shown = step(api, staff, "🛠 Publier une rencontre", "Réunion d'information", shown)
    shown = step(api, staff, "Réunion d'information", "titre", shown)
    step(api, staff, title, "Quel jour")
    step(api, staff, day, "heure")
    shown = step(api, staff, hour, "2 heures")
    step(api, staff, length, "lieu", shown)
    step(api, staff, "CPAM Poitiers", "adresse")
    step(api, staff, "41 rue Touffenet, 86000 Poitiers", "places")
    shown = step(api, staff, "10", "Passer")
    return step(api, staff, "Passer", "Rencontre", shown)


async def publish_in_english(flows: dict[str, Flow], db: Database, telegram_id: int, title: str, day: str) -> str:
    """A facilitator publishes by chat, in English, on 22 November 2026 at 11:00 in Paris, an information meeting on
    `day` at 9:00 for an hour, at CPAM Poitiers for 10 people; the last screen's text."""
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=Clock())
    staff = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    await make_staff(db, telegram_id, "facilitator")
    for action in ["/start", "press:English", "press:I agree", "/staff", "press:Publish a session"]:
        await staff.do(action)
    for action in ["press:Information meeting", f"type:{title}", f"type:{day}", "type:9h", "press:1 hour"]:
        await staff.do(action)
    for action in ["type:CPAM Poitiers", "type:41 rue Touffenet, 86000 Poitiers", "type:10", "press:Skip"]:
        await staff.do(action)
    return staff.screen[0].text
