"""Review status of each translation: a language is reviewed (locales/review.yaml), and so is each message it holds.

A professional reviewer sets the language's status in `locales/review.yaml` and flags each message they checked
with `#, reviewed` in the catalog (`pybabel update` keeps the flag). A reviewed language is reviewed only for its
flagged messages: a message added or changed since the review is a draft, and the person is told the language
may contain mistakes until every message is reviewed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from dialogs.i18n import DOMAIN, LOCALES_DIR, SOURCE_LANGUAGE

REVIEW_FILE = LOCALES_DIR / "review.yaml"
REVIEWED = "reviewed"
"""PO flag (`#, reviewed`) on each message a professional reviewer checked."""
EXEMPT = "no-translation-needed"
"""PO flag (`#, no-translation-needed`) for a message that stays as in French (a name, an acronym)."""


@cache
def review_status(path: Path = REVIEW_FILE) -> dict[str, str]:
    """Language → "draft" or "reviewed" (French, the source, is always reviewed)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    status = {str(lang): str((entry or {}).get("status", "draft")) for lang, entry in raw.items()}
    return {SOURCE_LANGUAGE: "reviewed", **status}


@dataclass(frozen=True)
class Review:
    """How much of one language a professional has reviewed."""

    language: str
    status: str
    reviewed: int
    draft: int

    @property
    def is_draft(self) -> bool:
        """Whether some message the person may read has not been reviewed."""
        return self.status != REVIEWED or self.draft > 0


def read_catalog(language: str, locales_dir: Path = LOCALES_DIR) -> Catalog:
    """One language's catalog."""
    with (locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        return read_po(handle)


def count_review(language: str, catalog: Catalog, status: str) -> Review:
    """Messages reviewed (flagged, not fuzzy, in a reviewed language) and the others that need a translation."""
    needed = [m for m in catalog if m.id and EXEMPT not in m.flags]
    done = sum(REVIEWED in m.flags and not m.fuzzy for m in needed) if status == REVIEWED else 0
    return Review(language, status, done, len(needed) - done)


@cache
def review(language: str, locales_dir: Path = LOCALES_DIR) -> Review:
    """The review of one language, read once per process (French is the reviewed source)."""
    status = review_status().get(language, "draft")
    if language == SOURCE_LANGUAGE:
        return Review(language, REVIEWED, 0, 0)
    if not (locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po").exists():
        return Review(language, status, 0, 0)
    return count_review(language, read_catalog(language, locales_dir), status)


def is_draft(language: str) -> bool:
    """Whether the person should be told that this translation may contain mistakes."""
    return review(language).is_draft


def drop_stale_reviews(locales_dir: Path = LOCALES_DIR) -> int:
    """Unflag fuzzy messages (`make i18n` runs it): a changed French text must be reviewed again; how many."""
    dropped = 0
    for path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        stale = [m for m in catalog if m.id and m.fuzzy and REVIEWED in m.flags]
        for message in stale:
            message.flags.discard(REVIEWED)
        if stale:
            with path.open("wb") as handle:
                write_po(handle, catalog, width=76, ignore_obsolete=True, include_previous=True)
        dropped += len(stale)
    return dropped
