"""In a real browser: "Open in the console" signs a mediator in on the case; take, write, read the answer, close.

Every page is photographed under the test's folder and must pass axe-core.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from faire_lien.core.roles import Staff
from faire_lien.staff.console_links import case_link
from storage.db import Database
from storage.staff import active_member
from tests.conftest import make_staff
from tests.support.browser import chromium, snapshot
from tests.support.clock import Clock
from tests.support.db import migrated
from tests.web.console.cases_scene import a_case, name_staff, the_person_writes
from tests.web.console.served import console_served

MEDIATOR = 8401


@dataclass(frozen=True)
class Served:
    """The console on a loopback port: its address, its database, its clock, the case waiting in it."""

    address: str
    url: str
    clock: Clock
    case_id: int


async def _prepare(url: str) -> int:
    database = await migrated(url)
    try:
        await make_staff(database, MEDIATOR, "mediator")
        await name_staff(database, MEDIATOR, "Samira")
        return (await a_case(database, "callback", language="en")).case_id
    finally:
        await database.dispose()


async def _open_in_console(url: str, base: str, clock: Clock, case_id: int) -> str:
    database = Database(url)
    try:
        async with database.unit_of_work() as session:
            member = await active_member(session, MEDIATOR)
            assert member is not None
            staff = Staff(member.role, member.id, f"telegram:{MEDIATOR}")
            return await case_link(session, staff, base, case_id, clock())
    finally:
        await database.dispose()


async def _answer(url: str, case_id: int, clock: Clock) -> None:
    database = Database(url)
    try:
        await the_person_writes(database, case_id, "Thank you, after 10 please.", clock())
    finally:
        await database.dispose()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The console served on a free loopback port over a database with one call-back request."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'inbox.db'}"
    case_id = asyncio.run(_prepare(url))
    with console_served(url) as (address, clock):
        yield Served(address, url, clock, case_id)


def test_a_mediator_answers_a_case_from_the_link_in_telegram(served: Served, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    case_page = f"{served.address}/inbox/{served.case_id}"
    with ThreadPoolExecutor(1) as pool:  # Playwright's own event loop runs in this thread
        link = pool.submit(asyncio.run, _open_in_console(served.url, served.address, served.clock, served.case_id))
        opening = link.result()
    with chromium() as browser:
        page = browser.new_page()
        page.goto(opening)
        snapshot(page, shots, "case-sign-in")
        page.get_by_role("button", name="Ouvrir la console").click()
        page.wait_for_url(case_page)
        assert page.get_by_role("heading", level=1).inner_text() == f"Demande n° {served.case_id} : Demande de rappel"
        snapshot(page, shots, "case-new")

        page.get_by_role("button", name="Prendre la demande").click()
        page.wait_for_url(case_page)
        assert page.get_by_role("status").inner_text().startswith(f"Vous avez pris la demande n° {served.case_id}")
        page.get_by_label("Écrire à la personne").fill("Hello, I will call you tomorrow morning.")
        page.get_by_role("button", name="Envoyer le message").click()
        page.wait_for_url(case_page)
        sent = "Message envoyé : le bot le transmet à la personne dans Telegram."
        assert page.get_by_role("status").inner_text() == sent
        assert "En attente de la personne" in page.content()
        snapshot(page, shots, "case-written")

        served.clock.now += timedelta(minutes=5)
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, _answer(served.url, served.case_id, served.clock)).result()
        page.reload()
        conversation = page.get_by_role("list").filter(has_text="Thank you, after 10 please.")
        assert "La personne" in conversation.inner_text() and "Samira" in conversation.inner_text()
        snapshot(page, shots, "case-answered")

        page.get_by_label("Issue de la demande").select_option("helped")
        page.get_by_role("button", name="Clore la demande").click()
        page.wait_for_url(case_page)
        closed = f"Demande n° {served.case_id} close : la personne a été aidée."
        assert page.get_by_role("status").inner_text() == closed
        assert page.get_by_role("button", name="Clore la demande").count() == 0
        snapshot(page, shots, "case-closed")

        page.get_by_role("link", name="Demandes").first.click()
        page.get_by_role("link", name="Closes").click()
        page.wait_for_url(f"{served.address}/inbox/closed")
        assert page.get_by_role("link", name=f"Demande n° {served.case_id}").is_visible()
        snapshot(page, shots, "inbox-closed")
