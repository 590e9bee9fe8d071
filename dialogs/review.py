"""Review status of each translation (locales/review.yaml): every language is a draft until reviewed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from dialogs.i18n import LOCALES_DIR, SOURCE_LANGUAGE

REVIEW_FILE = LOCALES_DIR / "review.yaml"


@cache
def review_status(path: Path = REVIEW_FILE) -> dict[str, str]:
    """Language → "draft" or "reviewed" (French, the source, is always reviewed)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    status = {str(lang): str((entry or {}).get("status", "draft")) for lang, entry in raw.items()}
    return {SOURCE_LANGUAGE: "reviewed", **status}


def is_draft(language: str) -> bool:
    """Whether the person should be told that this translation may contain mistakes."""
    return review_status().get(language, "draft") != "reviewed"
