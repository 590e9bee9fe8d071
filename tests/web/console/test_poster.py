"""A session's poster from the console: an A4 PDF download, or a clear page when the bot's username is unknown."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pydantic import ValidationError

from faire_lien.config import Settings
from storage.meetings import cancel_meeting, get_meeting
from tests.conftest import NOW
from tests.support.console_sessions import a_followed_session
from tests.web.console.conftest import Desk

PAGE = re.compile(rb"/Type /Page\b(?!s)")


def with_bot_username(desk: Desk, username: str | None) -> None:
    """Configure the console as TELEGRAM_BOT_USERNAME would."""
    console = desk.app.state.console
    settings = Settings(database_url=desk.db.url, telegram_bot_token=None, telegram_bot_username=username)
    desk.app.state.console = replace(console, settings=settings)


async def test_the_poster_is_an_a4_pdf_of_one_page(desk: Desk) -> None:
    with_bot_username(desk, "@FaireLienBot")
    signed = await desk.sign_in(8501, "facilitator")
    meeting_id = await a_followed_session(
        desk.db,
        8501,
        title={"fr": "Réunion C2S", "ar": "اجتماع حول التغطية الصحية", "fa": "جلسه اطلاع رسانی", "uk": "Зустріч"},
        access_notes="Ascenseur",
        languages=["fr", "ar", "fa", "uk"],
    )
    page = await signed.get(f"/sessions/{meeting_id}")
    assert f'href="/sessions/{meeting_id}/poster.pdf"' in page.text
    poster = await signed.get(f"/sessions/{meeting_id}/poster.pdf")
    assert poster.status_code == 200
    assert poster.headers["content-type"] == "application/pdf"
    assert poster.headers["content-disposition"] == f'attachment; filename="affiche-rencontre-{meeting_id}.pdf"'
    document = poster.content
    assert document.startswith(b"%PDF-") and len(PAGE.findall(document)) == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in document and b"/Subtype /Image" in document
    assert b"DejaVuSans" in document


async def test_without_the_bot_username_the_page_says_what_is_missing(desk: Desk) -> None:
    with_bot_username(desk, None)
    signed = await desk.sign_in(8502, "coordinator")
    meeting_id = await a_followed_session(desk.db)
    missing = await signed.get(f"/sessions/{meeting_id}/poster.pdf")
    assert missing.status_code == 409 and missing.headers["content-type"].startswith("text/html")
    assert "Le nom du bot n'est pas configuré" in missing.text
    assert "TELEGRAM_BOT_USERNAME" in missing.text


async def test_a_cancelled_session_has_no_poster(desk: Desk) -> None:
    with_bot_username(desk, "FaireLienBot")
    signed = await desk.sign_in(8503, "coordinator")
    meeting_id = await a_followed_session(desk.db)
    async with desk.db.unit_of_work() as session:
        meeting = await get_meeting(session, meeting_id)
        assert meeting is not None
        await cancel_meeting(session, meeting, NOW)
    refused = await signed.get(f"/sessions/{meeting_id}/poster.pdf")
    assert refused.status_code == 409 and "elle n'a plus d'affiche" in refused.text


def test_the_bot_username_setting_is_checked() -> None:
    assert Settings(telegram_bot_username="").telegram_bot_username is None
    with pytest.raises(ValidationError):
        Settings(telegram_bot_username="not a name!")
