"""A session's title (200 characters per language) and place (200) are limited by the console's server too, not only
by the form: a page posted by a tool gets the problem next to the field and nothing is stored. An old session whose
title or place is longer (stored before the limit, or written in the database) is still shown, edited, moved and
cancelled; only a text typed anew is held to the limit."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from storage.models import Meeting
from tests.support.console_sessions import a_followed_session, people_on
from tests.web.console.conftest import Desk
from tests.web.console.test_session_changes import EDIT, seen
from tests.web.console.test_session_import import upload
from tests.web.console.test_session_publishing import FORM

TOO_LONG = "Le titre ne doit pas dépasser 200 caractères."
PLACE = "Le lieu doit compter de 2 à 200 caractères."
OLD_TITLE = "Réunion d'information sur la complémentaire santé solidaire " * 5  # 300 characters
OLD_PLACE = "Maison des services au public, salle du rez-de-chaussée " * 5 + "côté parc"


def title(length: int) -> str:
    """A title of exactly `length` characters."""
    return ("Atelier " * 30)[: length - 1] + "!"


async def meetings(desk: Desk) -> list[Meeting]:
    async with desk.db.unit_of_work() as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


async def test_a_title_of_201_characters_posted_directly_is_refused_next_to_its_field(desk: Desk) -> None:
    signed = await desk.sign_in(8501, "facilitator")
    for action in ("preview", "publish"):
        page = await signed.post("/sessions/new", {**FORM, "title_fr": title(201), "action": action})
        assert page.status_code == 400
        assert f'<span class="field-error" id="f-title_fr-error">{TOO_LONG}</span>' in page.text
        assert f'<li><a href="#f-title_fr">{TOO_LONG}</a></li>' in page.text
        assert f'value="{title(201)}"' in page.text  # what was typed is kept, to shorten it
    english = await signed.post("/sessions/new", {**FORM, "title_en": title(201), "action": "publish"})
    assert english.status_code == 400
    assert f'<span class="field-error" id="f-title_en-error">{TOO_LONG}</span>' in english.text
    assert 'id="f-title_fr-error"' not in english.text
    place = await signed.post("/sessions/new", {**FORM, "place": "C" * 201, "action": "publish"})
    assert place.status_code == 400 and f'id="f-place-error">{PLACE}</span>' in place.text
    assert await meetings(desk) == []


async def test_a_title_of_200_characters_is_published(desk: Desk) -> None:
    signed = await desk.sign_in(8502, "facilitator")
    exact = {**FORM, "title_fr": title(200), "title_en": title(200), "place": "C" * 200}
    preview = await signed.post("/sessions/new", {**exact, "action": "preview"})
    assert preview.status_code == 200 and TOO_LONG not in preview.text
    published = await signed.post("/sessions/new", {**exact, "action": "publish"})
    assert published.status_code == 303
    (stored,) = await meetings(desk)
    assert stored.title["fr"] == title(200) and stored.title["en"] == title(200) and stored.place == "C" * 200


async def test_an_import_row_with_a_title_too_long_is_named_and_nothing_is_published(desk: Desk) -> None:
    signed = await desk.sign_in(8503, "facilitator")
    rows = (
        "kind,title_fr,title_en,start,end,place,address,capacity\n"
        'checkup,Examen de santé,Health check-up,2027-01-12 7:30,9:30,CES Poitiers,"2 rue de la Croix, Poitiers",8\n'
        f'info_meeting,Réunion C2S,{title(201)},2027-01-13 14:00,16:00,CPAM,"41 rue Touffenet, Poitiers",12\n'
    )
    page = await upload(signed, "rencontres.csv", rows.encode())
    assert page.startswith("400")
    assert f"Ligne 3 · title.en : {TOO_LONG}" in page
    assert "Ligne 2" not in page
    assert await meetings(desk) == []


async def test_an_old_session_with_a_long_title_and_place_is_shown_edited_moved_and_cancelled(desk: Desk) -> None:
    signed = await desk.sign_in(8504, "facilitator")
    meeting_id = await a_followed_session(
        desk.db, 8504, title={"fr": OLD_TITLE, "en": "C2S meeting"}, place=OLD_PLACE, capacity=2
    )
    await people_on(desk.db, meeting_id, 1)
    assert len(OLD_TITLE) == 300 and len(OLD_PLACE) > 200
    shown = await signed.get(f"/sessions/{meeting_id}")
    assert shown.status_code == 200 and OLD_TITLE.strip().replace("'", "&#39;") in shown.text
    form = await signed.get(f"/sessions/{meeting_id}/edit")
    assert form.status_code == 200 and "Ce titre dépasse 200 caractères : il est gardé tel quel" in form.text
    # The form sends the long title and place back untouched: the new seats are saved, the texts kept.
    unchanged = {**EDIT, "title_fr": OLD_TITLE, "place": OLD_PLACE, "capacity": "4", "seen": seen(form.text)}
    saved = await signed.post(f"/sessions/{meeting_id}/edit", unchanged)
    assert saved.status_code == 303
    (after,) = await meetings(desk)
    assert (after.capacity, after.title["fr"], after.place) == (4, OLD_TITLE.strip(), OLD_PLACE)
    # A title typed anew is held to the limit, even on an old session; nothing of that edit is saved.
    form = await signed.get(f"/sessions/{meeting_id}/edit")
    changed = {**unchanged, "title_fr": OLD_TITLE + "2027", "capacity": "5", "seen": seen(form.text)}
    refused = await signed.post(f"/sessions/{meeting_id}/edit", changed)
    assert refused.status_code == 400 and f'id="f-title_fr-error">{TOO_LONG}</span>' in refused.text
    moved_place = await signed.post(
        f"/sessions/{meeting_id}/edit", {**changed, "title_fr": OLD_TITLE, "place": OLD_PLACE + " (2)"}
    )
    assert moved_place.status_code == 400 and f'id="f-place-error">{PLACE}</span>' in moved_place.text
    (after,) = await meetings(desk)
    assert (after.capacity, after.title["fr"], after.place) == (4, OLD_TITLE.strip(), OLD_PLACE)
    moved = await signed.post(f"/sessions/{meeting_id}/move", {"day": "2026-12-10", "start": "14:00", "end": "16:00"})
    assert moved.status_code == 303
    (after,) = await meetings(desk)
    assert after.starts_at == datetime(2026, 12, 10, 13, 0, tzinfo=UTC) and after.title["fr"] == OLD_TITLE.strip()
    cancelled = await signed.post(f"/sessions/{meeting_id}/cancel", {})
    assert cancelled.status_code == 303
    (after,) = await meetings(desk)
    assert after.status == "cancelled"


async def test_a_title_shortened_on_an_old_session_is_saved(desk: Desk) -> None:
    signed = await desk.sign_in(8505, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8505, title={"fr": OLD_TITLE}, capacity=2)
    form = await signed.get(f"/sessions/{meeting_id}/edit")
    short: dict[str, Any] = {**EDIT, "title_fr": title(200), "title_en": "", "seen": seen(form.text)}
    saved = await signed.post(f"/sessions/{meeting_id}/edit", short)
    assert saved.status_code == 303
    (after,) = await meetings(desk)
    assert after.title == {"fr": title(200)}
