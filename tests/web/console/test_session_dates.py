"""A session start that has passed or is over two years ahead (a mistyped year): refused next to the start, on the
import's line, and on the move form; nothing published or moved, nobody told."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from storage.models import Meeting, OutboxMessage
from tests.support.console_sessions import a_followed_session, people_on
from tests.web.console.conftest import Desk
from tests.web.console.test_session_import import CONTENT, upload
from tests.web.console.test_session_publishing import FORM

PASSED_FR = "Cette date est passée : choisissez une date et une heure à venir."
TOO_FAR_FR = "Cette date est dans plus de deux ans : vérifiez l'année."
TOO_FAR_EN = "This date is more than two years ahead: check the year."
CSV_HEAD = "kind,title_fr,start,end,place,address,capacity\n"
ROW = "info_meeting,Réunion C2S,{start},16:00,CPAM,1 rue X 86000 Poitiers,10\n"


async def meetings(desk: Desk) -> list[Meeting]:
    async with desk.db.unit_of_work() as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


async def queued(desk: Desk) -> int:
    async with desk.db.unit_of_work() as session:
        return len((await session.execute(select(OutboxMessage.id))).all())


async def test_the_form_refuses_a_mistyped_year_next_to_the_start(desk: Desk) -> None:
    signed = await desk.sign_in(8801, "facilitator")  # the console's clock: 22 November 2026
    typo: dict[str, Any] = {**FORM, "day": "2062-12-03", "action": "publish"}
    page = await signed.post("/sessions/new", typo)
    assert page.status_code == 400
    assert f'<span class="field-error" id="f-start-error">{TOO_FAR_FR}</span>' in html.unescape(page.text)
    far = await signed.post("/sessions/new", {**typo, "day": "9999-12-03"})
    assert far.status_code == 400 and TOO_FAR_FR in html.unescape(far.text)
    await signed.post("/language", {"language": "en", "back": "/sessions"})
    english = await signed.post("/sessions/new", {**typo, "action": "preview"})
    assert english.status_code == 400 and TOO_FAR_EN in html.unescape(english.text)
    assert await meetings(desk) == []
    within = await signed.post("/sessions/new", {**typo, "day": "2028-11-21"})
    assert within.status_code == 303
    assert [m.starts_at for m in await meetings(desk)] == [datetime(2028, 11, 21, 13, 0, tzinfo=UTC)]


async def test_an_import_with_one_start_passed_or_too_far_publishes_none(desk: Desk) -> None:
    signed = await desk.sign_in(8802, "coordinator")
    rows = ROW.format(start="2027-01-05 14:00") + ROW.format(start="2026-11-21 14:00")
    rows += ROW.format(start="2062-01-05 14:00")
    page = html.unescape(await upload(signed, "rencontres.csv", (CSV_HEAD + rows).encode()))
    assert page.startswith("400")
    assert f"Ligne 3 · start : {PASSED_FR}" in page
    assert f"Ligne 4 · start : {TOO_FAR_FR}" in page
    assert "Ligne 2" not in page
    yaml = "- kind: info_meeting\n  title: {fr: Réunion}\n  start: 2062-01-05 14:00\n  end: '16:00'\n"
    yaml += "  place: CPAM\n  address: 1 rue X 86000 Poitiers\n  capacity: 10\n"
    from_yaml = html.unescape(await upload(signed, "rencontres.yaml", yaml.encode()))
    assert from_yaml.startswith("400") and f"Ligne 3 · start : {TOO_FAR_FR}" in from_yaml
    assert await meetings(desk) == []


async def test_an_import_checked_then_published_once_a_start_has_passed_publishes_none(desk: Desk) -> None:
    signed = await desk.sign_in(8803, "coordinator")
    rows = ROW.format(start="2026-11-22 11:20") + ROW.format(start="2027-01-05 14:00")
    preview = await upload(signed, "rencontres.csv", (CSV_HEAD + rows).encode())
    assert preview.startswith("200")
    carried = CONTENT.search(preview)
    assert carried is not None
    desk.clock.advance(minutes=25)  # 11:25 in Paris: the first session has begun
    published = await signed.post(
        "/sessions/import/publish", {"name": "rencontres.csv", "content": html.unescape(carried.group(1))}
    )
    assert published.status_code == 400
    assert f"Ligne 2 · start : {PASSED_FR}" in html.unescape(published.text)
    assert await meetings(desk) == []


async def test_a_move_to_a_mistyped_year_is_refused_and_nobody_is_told(desk: Desk) -> None:
    signed = await desk.sign_in(8804, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8804)
    await people_on(desk.db, meeting_id, 2)
    (before,) = await meetings(desk)
    told = await queued(desk)
    moved = await signed.post(f"/sessions/{meeting_id}/move", {"day": "2062-11-25", "start": "11:00", "end": "12:00"})
    assert moved.status_code == 400
    assert f'<span class="field-error" id="f-start-error">{TOO_FAR_FR}</span>' in html.unescape(moved.text)
    (after,) = await meetings(desk)
    assert (after.starts_at, after.ends_at) == (before.starts_at, before.ends_at)
    assert await queued(desk) == told
