"""How complete each translation is: untranslated, fuzzy, exempt ("no translation needed") and broken entries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Message

from dialogs.i18n import DOMAIN, LOCALES_DIR
from dialogs.review import EXEMPT, Review, count_review, read_catalog, review_status

__all__ = ["EXEMPT", "Completeness", "check", "shipped_languages"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Completeness:
    """One language's catalog, counted."""

    language: str
    total: int = 0
    translated: int = 0
    exempt: int = 0
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    status: str = "draft"
    review: Review | None = None
    """Messages reviewed and still draft (a reviewed language is reviewed only for its flagged messages)."""

    @property
    def percent(self) -> float:
        """Translated share of the messages that need a translation."""
        needed = self.total - self.exempt
        return 100.0 if needed == 0 else round(100 * self.translated / needed, 1)

    @property
    def complete(self) -> bool:
        """Everything that needs a translation has one, not fuzzy, with the same placeholders."""
        return not (self.untranslated or self.fuzzy or self.broken)


def shipped_languages(locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Every language with a catalog in locales/."""
    return sorted(p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def check(language: str, locales_dir: Path = LOCALES_DIR) -> Completeness:
    """Count one catalog's messages and list the problems by "context | msgid"."""
    catalog = read_catalog(language, locales_dir)
    status = review_status().get(language, "draft")
    report = Completeness(language, status=status, review=count_review(language, catalog, status))
    for message in catalog:
        if not message.id:
            continue
        report.total += 1
        name = f"{message.context or ''} | {_first(message.id)[:70]}"
        if EXEMPT in message.flags:
            report.exempt += 1
        elif message.fuzzy:
            report.fuzzy.append(name)
        elif not _filled(message):
            report.untranslated.append(name)
        elif not _same_placeholders(message):
            report.broken.append(name)
        else:
            report.translated += 1
    return report


def _first(value: str | tuple[str, ...] | list[str]) -> str:
    return value if isinstance(value, str) else value[0]


def _filled(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings)


def _same_placeholders(message: Message) -> bool:
    sources = message.id if isinstance(message.id, tuple | list) else (message.id,)
    targets = message.string if isinstance(message.string, tuple | list) else (message.string,)
    expected = set().union(*(PLACEHOLDER.findall(s) for s in sources))
    found = [set(PLACEHOLDER.findall(t or "")) for t in targets]
    return all(f <= expected and expected - {"n"} <= f for f in found)
