"""Every shipped language is complete (the build fails otherwise), marked as a draft until reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from dialogs.completeness import EXEMPT, check, shipped_languages
from dialogs.i18n import LOCALES_DIR

LANGUAGES = shipped_languages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_language_is_complete(language: str) -> None:
    report = check(language)
    assert report.untranslated == [], f"run `faire-lien languages --details`: {language} has untranslated messages"
    assert report.fuzzy == [], f"{language} has fuzzy messages"
    assert report.broken == [], f"{language} has translations whose {{placeholders}} differ"


def test_every_shipped_language_has_a_review_status() -> None:
    review = yaml.safe_load((LOCALES_DIR / "review.yaml").read_text(encoding="utf-8"))
    assert set(LANGUAGES) <= set(review), "add the language to locales/review.yaml (status: draft)"
    assert {entry["status"] for entry in review.values()} <= {"draft", "reviewed"}


def test_completeness_counts_missing_fuzzy_broken_and_exempt(tmp_path: Path) -> None:
    catalog = Catalog(locale="de")
    catalog.add("Bonjour {name}", "Hallo {name}", context="screen")
    catalog.add("Au revoir", "", context="screen")
    catalog.add("Merci", "Danke", context="screen", flags=["fuzzy"])
    catalog.add("Total : {amount}", "Summe", context="rights")
    catalog.add("CPAM", "", context="rights", flags=[EXEMPT])
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    report = check("de", tmp_path)
    assert (report.total, report.translated, report.exempt) == (5, 1, 1)
    assert report.untranslated == ["screen | Au revoir"]
    assert report.fuzzy == ["screen | Merci"]
    assert report.broken == ["rights | Total : {amount}"]
    assert report.percent == 25.0 and not report.complete
