"""Publishing a session from the console: the form, its problems in plain words, the preview, then publish."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from storage.models import Meeting
from tests.web.console.conftest import Desk

FORM: dict[str, Any] = {
    "kind": "caregivers",
    "title_fr": "Groupe des aidants",
    "title_ar": "مجموعة دعم مقدّمي الرعاية",
    "description_fr": "Parler de ce que l'on vit.",
    "day": "2026-12-03",
    "start": "14:00",
    "end": "16:00",
    "place": "CCAS",
    "address": "1 place du Marché, 86000 Poitiers",
    "access_notes": "Ascenseur",
    "capacity": "8",
    "min_size": "",
    "languages": ["fr", "ar"],
    "series": "",
}
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


async def meetings(desk: Desk) -> list[Meeting]:
    async with desk.db.unit_of_work() as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


def carried(html: str) -> dict[str, Any]:
    """The values a preview page carries in hidden fields, as the browser would send them back."""
    values: dict[str, Any] = {}
    for name, value in HIDDEN.findall(html):
        if name == "csrf":
            continue
        value = value.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"')
        if name == "languages":
            values.setdefault("languages", []).append(value)
        else:
            values[name] = value
    return values


async def test_the_form_has_a_title_per_language_written_its_own_way(desk: Desk) -> None:
    signed = await desk.sign_in(8201, "facilitator")
    page = await signed.get("/sessions/new")
    assert page.status_code == 200
    text = page.text
    assert '<label for="f-title_ar">Titre (العربية)</label>' in text
    assert 'id="f-title_ar" name="title_ar" value="" lang="ar" dir="rtl"' in text
    assert 'id="f-title_fa" name="title_fa" value="" lang="fa" dir="rtl"' in text
    assert 'id="f-title_fr" name="title_fr" value="" required lang="fr" dir="ltr"' in text
    assert 'type="date" id="f-day"' in text and 'type="time" id="f-start"' in text
    assert '<option value="checkup">Examen de prévention en santé</option>' in text
    assert 'type="checkbox" name="languages" value="uk"' in text
    assert 'name="csrf"' in text


async def test_problems_are_shown_next_to_their_field_and_nothing_typed_is_lost(desk: Desk) -> None:
    signed = await desk.sign_in(8202, "facilitator")
    wrong = {**FORM, "title_fr": "", "place": "C", "capacity": "beaucoup", "action": "preview"}
    page = await signed.post("/sessions/new", wrong)
    assert page.status_code == 400
    text = page.text
    assert '<span class="field-error" id="f-title_fr-error">Le titre en français est obligatoire.</span>' in text
    assert "Le lieu doit compter de 2 à 200 caractères." in text
    assert "Le nombre de places doit être un nombre entier de 1 à 1000." in text
    assert 'aria-describedby="f-capacity-error" aria-invalid="true"' in text
    assert 'value="beaucoup"' in text and 'value="مجموعة دعم مقدّمي الرعاية"' in text
    assert "Parler de ce que l&#39;on vit." in text
    assert 'value="ar" id="f-languages-ar" checked' in text
    late = await signed.post("/sessions/new", {**FORM, "end": "13:00", "min_size": "20"})
    assert "L&#39;heure de fin doit être après l&#39;heure de début." in late.text
    too_many = await signed.post("/sessions/new", {**FORM, "min_size": "20"})
    assert "Le groupe minimum ne peut pas dépasser le nombre de places." in too_many.text
    past = await signed.post("/sessions/new", {**FORM, "day": "2026-11-01"})
    assert past.status_code == 400 and "Cette date est passée" in past.text
    assert await meetings(desk) == []


async def test_the_preview_shows_the_bot_card_in_the_chosen_language(desk: Desk) -> None:
    signed = await desk.sign_in(8203, "facilitator")
    french = await signed.post("/sessions/new", FORM)
    assert french.status_code == 200
    assert "📅 Groupe d&#39;aide aux aidants — Groupe des aidants" in french.text
    assert "jeudi 3 décembre 2026, 14:00–16:00" in french.text
    assert "👥 8 places libres" in french.text
    arabic = await signed.post("/sessions/new", {**carried(french.text), "preview_language": "ar", "action": "preview"})
    assert 'lang="ar" dir="rtl"' in arabic.text and "مجموعة دعم مقدّمي الرعاية" in arabic.text
    assert '<option value="ar" lang="ar" selected>' in arabic.text
    back = await signed.post("/sessions/new", {**carried(arabic.text), "action": "edit"})
    assert (
        back.status_code == 200
        and 'value="Groupe des aidants"' in back.text
        and "<h1>Publier une rencontre" in back.text
    )
    assert await meetings(desk) == []


async def test_publishing_from_the_preview_creates_the_session_in_paris_time(desk: Desk) -> None:
    signed = await desk.sign_in(8204, "facilitator")
    preview = await signed.post("/sessions/new", FORM)
    published = await signed.post("/sessions/new", {**carried(preview.text), "action": "publish"})
    assert published.status_code == 303
    (meeting,) = await meetings(desk)
    assert published.headers["location"] == f"/sessions/{meeting.id}"
    assert meeting.starts_at == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)  # 14:00 in Paris in winter
    assert meeting.ends_at == datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    assert meeting.title == {"fr": "Groupe des aidants", "ar": "مجموعة دعم مقدّمي الرعاية"}
    assert meeting.description == {"fr": "Parler de ce que l'on vit."}
    assert (meeting.languages, meeting.capacity, meeting.min_size, meeting.series) == (["fr", "ar"], 8, None, None)
    assert meeting.created_by == "telegram:8204"
    page = await signed.get(published.headers["location"])
    assert "La rencontre est publiée" in page.text and "Telegram 8204" in page.text
    assert "Groupe des aidants" in (await signed.get("/sessions")).text  # the publisher follows it


async def test_publishing_needs_the_publish_right(desk: Desk) -> None:
    mediator = await desk.sign_in(8205, "mediator")
    refused = await mediator.post("/sessions/new", {**FORM, "action": "publish"})
    assert refused.status_code == 403
    assert await meetings(desk) == []


async def test_publishing_the_same_preview_twice_publishes_one_session(desk: Desk) -> None:
    signed = await desk.sign_in(8206, "facilitator")
    preview = await signed.post("/sessions/new", FORM)
    first = await signed.post("/sessions/new", {**carried(preview.text), "action": "publish"})
    again = await signed.post("/sessions/new", {**carried(preview.text), "action": "publish"})
    (meeting,) = await meetings(desk)
    assert first.headers["location"] == again.headers["location"] == f"/sessions/{meeting.id}"
    page = await signed.get(again.headers["location"])
    assert "Cette rencontre était déjà publiée (même titre, même lieu, mêmes heures)" in page.text.replace("&#39;", "'")
    other_day = await signed.post("/sessions/new", {**carried(preview.text), "day": "2026-12-10", "action": "publish"})
    assert other_day.status_code == 303 and len(await meetings(desk)) == 2
