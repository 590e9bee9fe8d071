"""Addresses and forms typed with digits other than 0-9 ("²", "١") or thousands of them: a page, never a crash."""

from __future__ import annotations

import pytest

from storage.models import Registration
from tests.support.db import rows
from tests.web.console.cases_scene import words
from tests.web.console.conftest import Desk
from tests.web.console.door import a_session

ODD_NUMBERS = ["²", "١٢", "³²", "9" * 5000]
"""Texts Python's `str.isdigit` calls digits although `int` refuses them (or refuses so many of them)."""
NAMES = ["superscript", "arabic", "superscripts", "5000 digits"]


@pytest.mark.parametrize("number", ODD_NUMBERS, ids=NAMES)
async def test_a_page_number_that_is_not_one_shows_the_first_page(desk: Desk, number: str) -> None:
    signed = await desk.sign_in(None)
    for path in ("/inbox", "/team/audit", "/grids/epices/results"):
        shown = await signed.get(path, params={"page": number})
        assert shown.status_code == 200, path


@pytest.mark.parametrize("number", ODD_NUMBERS, ids=NAMES)
async def test_a_period_that_is_not_one_lists_the_default_period(desk: Desk, number: str) -> None:
    signed = await desk.sign_in(None)
    shown = await signed.get("/sessions", params={"days": number})
    assert shown.status_code == 200
    assert "90 derniers jours" in words(shown)


@pytest.mark.parametrize("number", ODD_NUMBERS, ids=NAMES)
async def test_a_year_that_is_not_one_is_a_page_that_does_not_exist(desk: Desk, number: str) -> None:
    signed = await desk.sign_in(None)
    for path in ("/report", "/report.xlsx", "/report.pdf"):
        shown = await signed.get(path, params={"year": number})
        assert shown.status_code == 404, path
        assert "Il n'y a pas de rapport pour cette année" in words(shown), path


async def test_an_attendance_field_with_odd_digits_is_ignored(desk: Desk) -> None:
    booked = await a_session(desk.db, registered=1, waiting=0)
    ((seat, _),) = booked.registered
    desk.clock.advance(hours=2, minutes=30)
    signed = await desk.sign_in(None)
    form = {"att-²": "present", "att-١": "absent", f"att-{seat}": "present"}
    saved = await signed.post(f"/sessions/{booked.meeting_id}/roster/marks", form)
    assert saved.status_code == 303
    assert "1 présence enregistrée." in words(await signed.get(saved.headers["location"]))
    assert [r.attendance for r in await rows(desk.db, Registration)] == ["present"]


@pytest.mark.parametrize("digits", [4301, 20_000])
async def test_an_id_of_thousands_of_digits_is_a_page_that_does_not_exist(desk: Desk, digits: int) -> None:
    """Starlette's `int` convertor failed on 4 301 digits and more (Python's limit on converting text to int): a bare
    500 without the console's headers. An id is 1 to 10 digits: anything longer is the clear 404 page."""
    signed = await desk.sign_in(None)
    for path in (f"/sessions/{'9' * digits}", f"/inbox/{'9' * digits}", f"/sessions/{'9' * digits}/results"):
        shown = await signed.get(path)
        assert shown.status_code == 404, path
        assert "Cette page n'existe pas, ou plus." in words(shown), path
        assert shown.headers["X-Frame-Options"] == "DENY", path
