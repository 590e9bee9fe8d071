"""In a real browser: `make run` prints a one-time link; it signs the coordinator in once; the pages pass axe-core."""

from __future__ import annotations

from pathlib import Path

from tests.bot.conftest import BotProcess
from tests.support.browser import chromium, console_of, snapshot
from tests.support.fake_bot_api import FakeBotAPI


def test_the_printed_link_signs_in_once_and_the_page_is_accessible(
    api: FakeBotAPI, bot: BotProcess, tmp_path: Path
) -> None:
    address, link = console_of(bot.output)
    shots = tmp_path / "screenshots"
    with chromium() as browser:
        page = browser.new_page()
        page.goto(link)
        snapshot(page, shots, "login")
        page.get_by_role("button", name="Ouvrir la console").click()
        page.wait_for_url(f"{address}/")
        assert page.get_by_role("heading", name="Bonjour").is_visible()
        snapshot(page, shots, "home")
        page.keyboard.press("Tab")  # the first Tab reaches the skip link
        assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"

        again = browser.new_page()
        response = again.goto(link)
        assert response is not None and response.status == 403
        assert "n'est plus valable" in again.content()
        snapshot(again, shots, "refused")
