"""The first time a person reads an administrative word (C2S, AME, CPAM…), its plain explanation comes under it."""

from __future__ import annotations

from dialogs.glossary import explain, glossary
from dialogs.i18n import translator
from dialogs.reply import Reply
from storage.models import Person


def with_explanations(person: Person, replies: list[Reply]) -> list[Reply]:
    """The replies with each word this person has not met yet explained once, in their language; remembered."""
    seen = person.glossary_seen or []
    if not person.consented or len(seen) >= len(glossary()):
        return replies
    shown, explained = explain(replies, translator(person.language), seen)
    if explained:
        person.glossary_seen = [*seen, *explained]
    return shown
