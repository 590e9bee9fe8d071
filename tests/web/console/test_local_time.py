"""Months as staff read them: written in the page's language, never YYYY-MM nor English on a French page."""

from __future__ import annotations

from faire_lien.core.months import Month
from web.console.local_time import month


def test_a_month_is_written_as_the_pages_language_writes_it() -> None:
    assert month(Month(2026, 3), "fr") == "mars 2026"
    assert month("2026-08", "fr") == "août 2026"
    assert month(Month(2026, 3), "en") == "March 2026"
    assert month(Month(2026, 3), "en", short=True) == "Mar 2026"
    assert month(Month(2026, 12), "fr", short=True) == "déc. 2026"


def test_a_text_that_is_not_a_month_is_shown_as_it_is() -> None:
    assert month("…", "fr") == "…"
    assert month("2026-13", "en") == "2026-13"
