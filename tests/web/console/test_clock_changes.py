"""A session at a time the clock change skips or repeats (Paris, 02:00–03:00): staff are told, nothing is published."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from storage.models import Meeting
from tests.web.console.conftest import Desk
from tests.web.console.test_session_import import upload
from tests.web.console.test_session_publishing import FORM

SKIPPED_FR = (
    "Cette heure n'existe pas ce jour-là : à 2 h, on avance les horloges à 3 h (passage à l'heure d'été). "
    "Choisissez une heure avant 2 h ou à partir de 3 h."
)
TWICE_FR = (
    "Cette heure a lieu deux fois ce jour-là : à 3 h, on recule les horloges à 2 h (passage à l'heure d'hiver). "
    "Choisissez une heure avant 2 h ou à partir de 3 h."
)
CSV_HEAD = "kind,title_fr,start,end,place,address,capacity\n"


async def meetings(desk: Desk) -> list[Meeting]:
    async with desk.db.unit_of_work() as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


async def test_a_session_at_a_skipped_or_repeated_hour_is_refused_with_the_reason(desk: Desk) -> None:
    signed = await desk.sign_in(8701, "facilitator")
    spring: dict[str, Any] = {**FORM, "day": "2027-03-28", "start": "02:30", "end": "03:00", "action": "preview"}
    page = await signed.post("/sessions/new", spring)
    assert page.status_code == 400
    assert f'<span class="field-error" id="f-start-error">{SKIPPED_FR}</span>' in html.unescape(page.text)
    autumn = await signed.post("/sessions/new", {**spring, "day": "2027-10-31", "start": "01:00", "end": "02:30"})
    assert autumn.status_code == 400
    assert f'<span class="field-error" id="f-end-error">{TWICE_FR}</span>' in html.unescape(autumn.text)
    await signed.post("/language", {"language": "en", "back": "/sessions"})
    english = await signed.post("/sessions/new", spring)
    assert "This time does not exist that day: at 2:00 the clocks go forward to 3:00 (summer time)." in html.unescape(
        english.text
    )
    assert await meetings(desk) == []


async def test_an_import_names_the_line_and_accepts_an_explicit_offset(desk: Desk) -> None:
    signed = await desk.sign_in(8702, "coordinator")
    rows = (
        "info_meeting,Réunion C2S,2027-03-28 02:30,03:30,CPAM,1 rue X 86000 Poitiers,10\n"
        "info_meeting,Réunion C2S,2027-10-31 02:30,03:30,CPAM,1 rue X 86000 Poitiers,10\n"
    )
    page = html.unescape(await upload(signed, "nuit.csv", (CSV_HEAD + rows).encode()))
    assert page.startswith("400")
    assert f"Ligne 2 · start : {SKIPPED_FR}" in page
    assert f"Ligne 3 · start : {TWICE_FR}" in page
    assert await meetings(desk) == []
    explicit = "info_meeting,Réunion C2S,2027-10-31T02:30+01:00,2027-10-31T03:30+01:00,CPAM,1 rue X 86000 Poitiers,10\n"
    preview = await upload(signed, "nuit.csv", (CSV_HEAD + explicit).encode())
    assert preview.startswith("200")


async def test_a_session_just_after_the_change_keeps_its_hour_and_length(desk: Desk) -> None:
    signed = await desk.sign_in(8703, "facilitator")
    preview = await signed.post(
        "/sessions/new", {**FORM, "day": "2027-03-28", "start": "03:00", "end": "04:00", "action": "publish"}
    )
    assert preview.status_code in (200, 303)
    (meeting,) = await meetings(desk)
    assert (meeting.starts_at, meeting.ends_at) == (
        datetime(2027, 3, 28, 1, 0, tzinfo=UTC),
        datetime(2027, 3, 28, 2, 0, tzinfo=UTC),
    )
