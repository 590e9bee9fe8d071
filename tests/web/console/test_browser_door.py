"""In a real browser: check-in by code and from the one-screen form, then the poll; every page passes axe-core."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.browser import chromium, snapshot
from tests.support.clock import Clock
from tests.support.db import migrated
from tests.web.console.door import Booked, a_session
from tests.web.console.served import console_served, operator_link


async def _prepare(url: str) -> Booked:
    database = await migrated(url)
    try:
        return await a_session(database, registered=3, waiting=1)
    finally:
        await database.dispose()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str, Clock, Booked]]:
    """The console served on a free loopback port over a database with one session: address, URL, clock, session."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'door.db'}"
    booked = asyncio.run(_prepare(url))
    with console_served(url) as (address, clock):
        yield address, url, clock, booked


def test_check_in_and_poll_in_a_browser(served: tuple[str, str, Clock, Booked], tmp_path: Path) -> None:
    address, url, clock, booked = served
    shots = tmp_path / "screenshots"
    roster = f"{address}/sessions/{booked.meeting_id}/roster"
    (first, code), (second, _), _third = booked.registered
    with chromium() as browser:
        page = browser.new_page()

        def sign_in() -> None:  # again after each jump of the clock: the console signs out after 30 idle minutes
            with ThreadPoolExecutor(1) as pool:  # Playwright's own event loop runs in this thread
                page.goto(pool.submit(asyncio.run, operator_link(url, address, clock)).result())
            page.get_by_role("button", name="Ouvrir la console").click()
            page.wait_for_url(f"{address}/")

        sign_in()
        page.goto(roster)
        assert "Le pointage ouvre à 13:00" in page.content()
        snapshot(page, shots, "roster-read-only")

        clock.now += timedelta(hours=2)  # 13:00 in Paris: check-in opens
        sign_in()
        page.goto(roster)
        page.get_by_role("textbox", name="Code de réservation").fill(code.lower())
        page.get_by_role("button", name="Marquer présent·e").click()
        page.wait_for_url(roster)
        assert page.get_by_role("status").inner_text() == f"{code} : présent·e"
        assert page.locator(f"#att-{first}-present").is_checked()
        snapshot(page, shots, "roster-open")

        page.locator(f"#att-{second}-absent").check()
        page.get_by_role("button", name="Enregistrer les présences").click()
        page.wait_for_url(roster)
        assert page.get_by_role("status").inner_text() == "1 présence enregistrée."

        clock.now += timedelta(hours=3)  # 16:00: the session has ended
        sign_in()
        page.goto(roster)
        page.get_by_role("link", name="Avis de satisfaction de cette rencontre").click()
        page.get_by_role(
            "button", name="Envoyer l'avis de satisfaction (évaluation à chaud) aux personnes présentes"
        ).click()
        page.wait_for_url(f"{address}/sessions/{booked.meeting_id}/poll")
        queued = "Avis mis en file d'attente pour 1 personne présente, envoi en cours."
        assert page.get_by_role("status").inner_text() == queued
        snapshot(page, shots, "poll")
