"""The whole desk journey in Chromium, against the real bot process and the fake Telegram.

A coordinator signs in with the link `make run` prints and invites a facilitator; the facilitator joins
through Telegram, asks /console for a one-time link, publishes a session with an Arabic title, five people
register through the bot, the facilitator checks them in by booking code, sends the poll, the people answer,
the facilitator reads the chart and downloads the CSV; a used link and a non-staff /console are refused.
Every page is photographed under the test's folder (and into CONSOLE_SCREENSHOTS when set, for the README)
and must pass axe-core.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import press, say
from tests.support.browser import chromium, console_of, snapshot
from tests.support.drill import until
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

PARIS = ZoneInfo("Europe/Paris")
CODE = re.compile(r"booking code: ([A-Z0-9]{6})")
LINK = re.compile(r"(http://127\.0\.0\.1:\d+/login/[\w-]+)")
ARABIC_TITLE = "ورشة الحقوق الصحية"


def test_a_facilitator_runs_a_session_from_the_console(api: FakeBotAPI, bot: BotProcess, tmp_path: Path) -> None:
    api.wait_until_polling(timeout=60)
    address, operator_link = console_of(bot.output)
    shots = tmp_path / "screenshots"
    database = bot.env["DATABASE_URL"].removeprefix("sqlite+aiosqlite:///")
    with chromium() as browser:
        coordinator = browser.new_page()
        _sign_in(coordinator, operator_link, address)
        coordinator.get_by_role("link", name="Équipe").first.click()
        snapshot(coordinator, shots, "team")
        coordinator.get_by_label("Rôle de la personne invitée").select_option("facilitator")
        coordinator.get_by_role("button", name="Créer l'invitation").click()
        snapshot(coordinator, shots, "invite")
        invite = re.search(r"t\.me/FaireLienTestBot\?start=(inv_[\w-]+)", coordinator.content())
        assert invite is not None
        assert coordinator.get_by_role("img", name="QR code du lien d'invitation").is_visible()

        facilitator_user = api.user(91001, "Farida", "fr")
        joined = _newcomer(api, facilitator_user, f"/start {invite.group(1)}", "Français", "J'accepte", "équipe")
        assert "Bienvenue dans l'équipe : vous êtes animatrice ou animateur" in joined.text
        (answer,) = say(api, facilitator_user, "/console")
        link = LINK.search(answer.text)
        assert link is not None, answer.text
        facilitator = browser.new_page()
        _sign_in(facilitator, link.group(1), address)
        assert "animation de rencontres" in facilitator.content()

        meeting_id = _publish(facilitator, shots, address)
        people = [api.user(92000 + n, f"Person{n}", "en") for n in range(5)]
        codes = [_register(api, person, meeting_id) for person in people]

        _session_day_comes(database, meeting_id, starts_in=timedelta(minutes=30))
        facilitator.goto(f"{address}/sessions/{meeting_id}/roster")
        for code in codes:
            facilitator.get_by_role("textbox", name="Code de réservation").fill(code.lower())
            facilitator.get_by_role("button", name="Marquer présent·e").click()
            assert facilitator.get_by_role("status").inner_text() == f"{code} : présent·e"
        snapshot(facilitator, shots, "roster")

        _session_day_comes(database, meeting_id, starts_in=timedelta(hours=-3))
        facilitator.goto(f"{address}/sessions/{meeting_id}/poll")
        facilitator.get_by_role("button", name=re.compile("Envoyer l'avis de satisfaction")).click()
        assert "5 personnes" in facilitator.get_by_role("status").inner_text()
        snapshot(facilitator, shots, "poll")
        for index, person in enumerate(people):
            _answer_poll(api, person, index)

        facilitator.goto(f"{address}/sessions/{meeting_id}/results")
        chart = facilitator.locator("svg[role=img]").first
        assert chart.is_visible()
        assert facilitator.locator("table.data caption").first.is_visible()  # the chart's text alternative
        assert "[téléphone masqué]" in facilitator.content() and "06 12 34 56 78" not in facilitator.content()
        snapshot(facilitator, shots, "results")
        with facilitator.expect_download() as download:
            facilitator.get_by_role("link", name=re.compile("en CSV")).first.click()
        csv_bytes = Path(download.value.path()).read_bytes()
        assert csv_bytes.startswith(b"\xef\xbb\xbf") and b";" in csv_bytes
        assert download.value.suggested_filename.endswith(".csv")

        refused = browser.new_page()
        response = refused.goto(link.group(1))  # already used
        assert response is not None and response.status == 403
        snapshot(refused, shots, "refused")

    stranger = api.user(93001, "Nadia", "fr")
    _newcomer(api, stranger, "/start", "Français", "J'accepte", "Merci")
    (unknown,) = say(api, stranger, "/console")
    assert "Je ne connais pas cette commande" in unknown.text and "/login/" not in unknown.text
    if os.environ.get("CONSOLE_SCREENSHOTS"):
        for picture in shots.glob("*.png"):
            shutil.copy(picture, Path(os.environ["CONSOLE_SCREENSHOTS"]) / picture.name)


def _sign_in(page: Page, link: str, address: str) -> None:
    page.goto(link)
    page.get_by_role("button", name="Ouvrir la console").click()
    page.wait_for_url(f"{address}/")


def _newcomer(api: FakeBotAPI, user: FakeUser, first: str, language: str, agree: str, wanted: str) -> SentMessage:
    """Someone new: the first message, the language, the consent; the screen showing `wanted` they land on."""
    (welcome,) = say(api, user, first)
    (consent,) = press(api, user, welcome, language)
    mark = api.mark(user.chat_id)
    api.press(user, consent, consent.button(agree))
    return until(api, user, mark, wanted)


def _publish(page: Page, shots: Path, address: str) -> int:
    """Publish tomorrow's session from the form, through the preview; its number."""
    page.get_by_role("link", name="Rencontres").first.click()
    snapshot(page, shots, "sessions")
    page.get_by_role("link", name=re.compile("Publier une rencontre|Nouvelle rencontre")).first.click()
    tomorrow = (datetime.now(PARIS) + timedelta(days=1)).date()
    page.get_by_label("Type de rencontre").select_option("info_meeting")
    page.get_by_label("Titre (Français)").fill("Atelier droits santé")
    page.get_by_label("Titre (العربية)").fill(ARABIC_TITLE)
    page.get_by_label("Jour").fill(tomorrow.isoformat())
    page.get_by_label("Heure de début").fill("10:00")
    page.get_by_label("Heure de fin").fill("12:00")
    page.locator("#f-place").fill("CCAS de Poitiers")
    page.locator("#f-address").fill("12 rue Carnot, 86000 Poitiers")
    page.locator("#f-capacity").fill("8")
    page.locator("#f-languages-ar").check()
    snapshot(page, shots, "session-form")
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.get_by_label("Langue de l'aperçu").select_option("ar")
    page.get_by_role("button", name="Voir dans cette langue").click()
    assert ARABIC_TITLE in page.content()
    snapshot(page, shots, "session-preview")
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url(re.compile(rf"{address}/sessions/\d+$"))
    snapshot(page, shots, "session")
    return int(page.url.rsplit("/", 1)[1])


def _register(api: FakeBotAPI, person: FakeUser, meeting_id: int) -> str:
    """Someone arriving from the poster's link registers; their booking code."""
    details = _newcomer(api, person, f"/start s_{meeting_id}", "English", "I agree", "Register")
    assert "Register" in " ".join(details.labels), details.text
    confirmation, _calendar, _menu = press(api, person, details, "Register", count=3)
    found = CODE.search(confirmation.text)
    assert found is not None, confirmation.text
    return found.group(1)


def _session_day_comes(database: str, meeting_id: int, starts_in: timedelta) -> None:
    """Time passes: the session now starts `starts_in` from now (negative: it is over), for two hours at most."""
    start = datetime.now(UTC) + starts_in
    end = start + timedelta(hours=1) if starts_in > timedelta(0) else datetime.now(UTC) - timedelta(hours=1)
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE meetings SET starts_at = ?, ends_at = ? WHERE id = ?",
            (start.strftime("%Y-%m-%d %H:%M:%S.%f"), end.strftime("%Y-%m-%d %H:%M:%S.%f"), meeting_id),
        )


def _answer_poll(api: FakeBotAPI, person: FakeUser, index: int) -> None:
    """The poll arrives from the outbox; the person answers every question (choices vary, a typed comment)."""
    invitation = until(api, person, 0, "Answer")
    (question,) = press(api, person, invitation, "Answer")
    for _ in range(12):
        if "Thank" in question.text and not question.labels:
            return
        choices = [label for label in question.labels if not label.startswith(("◀", "🤔", "↺", "☰", "⏭"))]
        choices = [label for label in choices if "Skip" not in label]
        if choices:
            replies = press(api, person, question, choices[-1 - (index * 7) % min(3, len(choices))])
        else:
            replies = say(api, person, "Very clear, call me at 06 12 34 56 78" if index == 0 else "Thank you")
        question = replies[-1]
        if "Thank" in question.text:
            return
    raise AssertionError(f"the poll did not end: {question.text}")
