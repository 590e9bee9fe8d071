"""Every link of a form's error summary leads to an element of the page it is on (new, edit and move a session)."""

from __future__ import annotations

import html
import re
from typing import Any

from httpx import AsyncClient, Response

from tests.support.console_sessions import a_followed_session, people_on
from tests.web.console.conftest import Desk
from tests.web.console.test_session_changes import EDIT, seen

SUMMARY = re.compile(r'<div class="errors" role="alert">(.*?)</div>', re.S)
LINK = re.compile(r'<a href="#([^"]*)">([^<]*)</a>')
NEW: dict[str, Any] = {
    "kind": "info_meeting",
    "title_fr": "Réunion C2S",
    "day": "2026-12-01",
    "start": "14:00",
    "end": "16:00",
    "place": "CPAM Poitiers",
    "address": "41 rue Touffenet, 86000 Poitiers",
    "capacity": "12",
    "languages": ["fr"],
}
NEW_PROBLEMS: list[dict[str, Any]] = [
    {"kind": "atelier", "title_fr": "", "day": "2020-01-01", "end": "x", "place": "a", "address": "b"},
    {"capacity": "0", "min_size": "x", "access_notes": "a" * 501, "series": "s" * 65, "title_en": "t" * 201},
    {"start": "16:00", "end": "14:00", "min_size": "20"},
    {"day": "2026-03-29", "start": "02:30", "end": "04:00", "description_fr": "d"},
]
"""Every field wrong at least once, alone or with others, and the problems of the whole session."""


def summary_links(page: Response) -> dict[str, str]:
    """The summary's links: target → problem (the summary must be there, with at least one link)."""
    summary = SUMMARY.search(page.text)
    assert summary is not None, page.text
    found = {target: html.unescape(text) for target, text in LINK.findall(summary.group(1))}
    assert found
    return found


def dead(page: Response) -> list[str]:
    """The targets of the summary's links that no element of the page has."""
    return [target for target in summary_links(page) if f'id="{target}"' not in page.text]


async def edit(signed: AsyncClient, meeting_id: int, **typed: Any) -> Response:
    """The edit form opened and saved with these values."""
    opened = seen((await signed.get(f"/sessions/{meeting_id}/edit")).text)
    return await signed.post(f"/sessions/{meeting_id}/edit", {**EDIT, "seen": opened, **typed})


async def test_every_summary_link_of_the_new_session_form_leads_to_the_page(desk: Desk) -> None:
    """Each mistake on the new session form lists a problem whose link leads to its field on the page."""
    signed = await desk.sign_in(8701, "coordinator")
    for typed in NEW_PROBLEMS:
        page = await signed.post("/sessions/new", {**NEW, **typed, "action": "preview"})
        assert page.status_code == 400, typed
        assert dead(page) == [], typed
    assert "f-kind" in summary_links(await signed.post("/sessions/new", {**NEW, "kind": "x", "action": "preview"}))


async def test_every_summary_link_of_the_edit_and_move_forms_leads_to_the_page(desk: Desk) -> None:
    """A session of a kind no longer offered (a deploy retired it) cannot be saved: before, the summary's
    « Choisissez un type de rencontre dans la liste. » linked to `#f-kind`, which the edit form does not have, so
    following it went nowhere; now it leads to the form. Every other problem of the edit and move forms (seats
    taken, fields changed meanwhile, a date passed…) leads to its field."""
    signed = await desk.sign_in(8702, "coordinator")
    retired = await a_followed_session(desk.db, capacity=2, kind="atelier")
    page = await edit(signed, retired, capacity="3")
    assert page.status_code == 400
    assert summary_links(page) == {"f-form": "Choisissez un type de rencontre dans la liste."}
    assert '<form id="f-form" method="post"' in page.text

    meeting_id = await a_followed_session(desk.db, capacity=2)
    await people_on(desk.db, meeting_id, 2)
    pages = [
        await edit(signed, meeting_id, capacity="1"),
        await edit(signed, meeting_id, title_fr="", place="a", address="b", min_size="5", access_notes="n" * 501),
        await edit(signed, meeting_id, title_en="t" * 201, capacity="x"),
        await signed.post(f"/sessions/{meeting_id}/edit", {**EDIT, "seen": "{}", "place": "Mairie"}),
        await signed.post(f"/sessions/{meeting_id}/move", {"day": "2020-01-01", "start": "14:00", "end": "16:00"}),
        await signed.post(f"/sessions/{meeting_id}/move", {"day": "2026-12-10", "start": "16:00", "end": "14:00"}),
        await signed.post(f"/sessions/{meeting_id}/move", {"day": "", "start": "x", "end": ""}),
    ]
    for n, page in enumerate(pages):
        assert page.status_code in (400, 409), n
        assert dead(page) == [], n
        assert "f-form" not in summary_links(page), n


async def test_every_refusal_of_the_move_form_is_in_its_summary(desk: Desk) -> None:
    """A move refused for something else than its date (a kind no longer offered, a place stored before today's
    rules) lists that problem, linked to the form; before, the page answered 400 with an empty summary."""
    signed = await desk.sign_in(8703, "coordinator")
    moved = {"day": "2026-12-10", "start": "14:00", "end": "16:00"}
    retired = await a_followed_session(desk.db, kind="atelier")
    page = await signed.post(f"/sessions/{retired}/move", moved)
    assert page.status_code == 400
    assert summary_links(page) == {"f-form": "Choisissez un type de rencontre dans la liste."}
    short = await a_followed_session(desk.db, place="", address="b")
    page = await signed.post(f"/sessions/{short}/move", moved)
    assert page.status_code == 400 and dead(page) == []
    summary = SUMMARY.search(page.text)
    assert summary is not None
    problems = [html.unescape(text) for _, text in LINK.findall(summary.group(1))]
    assert problems == ["Le lieu doit compter de 2 à 200 caractères.", "L'adresse doit compter de 5 à 300 caractères."]
