"""A sign-in link may open a given console page ("Open in the console" → the case), never another site."""

from __future__ import annotations

import pytest

from faire_lien.core.roles import Staff
from faire_lien.staff.console_links import case_link
from storage.staff import active_member
from tests.web.console.cases_scene import a_case, words
from tests.web.console.conftest import Desk
from web.console.login import local_path

BASE = "http://127.0.0.1:8080"


async def _case_link(desk: Desk, telegram_id: int, case_id: int) -> str:
    async with desk.db.unit_of_work() as session:
        member = await active_member(session, telegram_id)
        assert member is not None
        staff = Staff(member.role, member.id, f"telegram:{telegram_id}")
        return await case_link(session, staff, BASE, case_id, desk.clock())


async def test_a_case_link_signs_in_and_opens_the_case(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback")
    await desk.sign_in(8301, "mediator")
    url = await _case_link(desk, 8301, opened.case_id)
    assert url.startswith(f"{BASE}/login/") and url.endswith(f"?next=/inbox/{opened.case_id}")
    browser = desk.browser()
    shown = await browser.get(url.removeprefix(BASE))
    assert f'<input type="hidden" name="next" value="/inbox/{opened.case_id}">' in shown.text
    path = url.removeprefix(BASE).split("?")[0]
    signed = await browser.post(path, data={"next": f"/inbox/{opened.case_id}"})
    assert signed.status_code == 303 and signed.headers["location"] == f"/inbox/{opened.case_id}"
    page = await browser.get(signed.headers["location"])
    assert page.status_code == 200 and f"Demande n° {opened.case_id} : Demande de rappel" in words(page)


@pytest.mark.parametrize(
    "wanted",
    [
        "//evil.example/inbox",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "inbox/12",
        "",
    ],
)
async def test_a_next_that_leaves_the_console_goes_home(desk: Desk, wanted: str) -> None:
    await desk.sign_in(8311, "coordinator")
    path = await desk.link(8311)
    browser = desk.browser()
    shown = await browser.get(path, params={"next": wanted})
    assert shown.status_code == 200 and 'name="next"' not in shown.text
    signed = await browser.post(path, data={"next": wanted})
    assert signed.status_code == 303 and signed.headers["location"] == "/"


def test_local_paths_are_kept_as_they_are() -> None:
    assert local_path("/inbox/12") == "/inbox/12"
    assert local_path("/inbox?kind=help&page=2") == "/inbox?kind=help&page=2"
    assert local_path("/" + "a" * 600) == "/"
    assert local_path("/inbox/12\r\nSet-Cookie: x") == "/"
