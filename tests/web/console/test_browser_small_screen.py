"""In a real browser 375 px wide (a phone): a long title typed without spaces wraps, and a wide data table scrolls
sideways in its own box, named by its caption and reachable with the keyboard, never the whole page."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.browser import chromium, snapshot
from tests.support.clock import Clock
from tests.support.db import migrated
from tests.web.console.cases_scene import a_case
from tests.web.console.door import Booked, a_session
from tests.web.console.served import console_served, operator_link

TITLE = "Atelier " + "https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/" * 2
"""A title with a pasted address: one word far wider than a phone's screen."""
PHONE_WIDTH = 375


async def _prepare(url: str) -> Booked:
    database = await migrated(url)
    try:
        await a_case(database, "callback")
        return await a_session(database, registered=3, waiting=1, title=TITLE)
    finally:
        await database.dispose()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str, Clock, Booked]]:
    """The console on a free loopback port over a session with a long title and a case: address, URL, clock, session."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'phone.db'}"
    booked = asyncio.run(_prepare(url))
    with console_served(url) as (address, clock):
        yield address, url, clock, booked


def test_pages_fit_a_phone_and_their_tables_scroll_in_place(
    served: tuple[str, str, Clock, Booked], tmp_path: Path
) -> None:
    address, url, clock, booked = served
    with ThreadPoolExecutor(1) as pool:  # Playwright's own event loop runs in this thread
        link = pool.submit(asyncio.run, operator_link(url, address, clock)).result()
    with chromium() as browser:
        page = browser.new_page(viewport={"width": PHONE_WIDTH, "height": 800})
        page.goto(link)
        page.get_by_role("button", name="Ouvrir la console").click()
        page.wait_for_url(f"{address}/")
        pages = ["/sessions", f"/sessions/{booked.meeting_id}", f"/sessions/{booked.meeting_id}/roster", "/inbox"]
        for path in pages:
            page.goto(address + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width == PHONE_WIDTH, f"{path} is {width} px wide on a {PHONE_WIDTH} px screen"
            snapshot(page, tmp_path / "screenshots", path.strip("/").replace("/", "-"))
        page.goto(f"{address}/sessions")
        caption = "Rencontres à venir et en cours, la plus proche en premier"
        assert page.get_by_role("table", name=caption).get_by_role("link", name=TITLE).is_visible()
        box = page.get_by_role("region", name=caption)
        assert box.evaluate("element => element.scrollWidth > element.clientWidth")  # wider than the screen
        box.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")  # the keyboard scrolls the table's box, not the page
        # Chromium scrolls smoothly: the box moves over a few frames after the key presses, slower on a busy machine.
        page.wait_for_function("element => element.scrollLeft > 0", arg=box.element_handle(), timeout=10_000)
        assert page.evaluate("window.scrollX") == 0
