"""The console's English catalog is complete, with the same placeholders as the French source."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from dialogs.i18n import LOCALES_DIR

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def test_the_english_console_catalog_is_complete() -> None:
    with (LOCALES_DIR / "en" / "LC_MESSAGES" / "console.po").open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(targets) or message.fuzzy:
            problems.append(f"untranslated: {sources[0]}")
            continue
        wanted = set(PLACEHOLDER.findall(sources[-1]))
        if any(set(PLACEHOLDER.findall(target)) - wanted - {"{n}"} for target in targets):
            problems.append(f"placeholders differ: {sources[0]}")
    assert problems == [], "run `make i18n` and translate locales/en/LC_MESSAGES/console.po"
