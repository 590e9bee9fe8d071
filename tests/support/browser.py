"""Debian's Chromium driven by Playwright (sync API), and the accessibility check run on every console page.

`scripts/ensure-chromium.sh` (run by `make test`) installs the browser; `playwright install` is never used.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ADDRESS = re.compile(r"Staff console: (http://127\.0\.0\.1:\d+)/")
OPERATOR_LINK = re.compile(r"local coordinator \(10 minutes\): (http://\S+/login/[\w-]+)")
SERIOUS = {"serious", "critical"}


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium, closed after the block."""
    assert CHROMIUM.exists(), "Chromium is missing: run ./scripts/ensure-chromium.sh (make test does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def console_of(output: Callable[[], str], timeout: float = 60.0) -> tuple[str, str]:
    """The console's address and the local coordinator's one-time link, as `make run` prints them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        printed = output()
        address, link = ADDRESS.search(printed), OPERATOR_LINK.search(printed)
        if address is not None and link is not None:
            return address.group(1), link.group(1)
        time.sleep(0.2)
    raise AssertionError(f"the console's address was never printed:\n{output()[-2000:]}")


def accessibility_problems(page: Page) -> list[str]:
    """Serious or critical axe-core violations of the page (missing labels, contrast, names of buttons…)."""
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}×)"
        for violation in results.response["violations"]
        if violation.get("impact") in SERIOUS
    ]


def snapshot(page: Page, folder: Path, name: str) -> None:
    """A full-page screenshot of this page, and the accessibility check that must find nothing serious."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    problems = accessibility_problems(page)
    assert problems == [], f"{name}: {problems}"
