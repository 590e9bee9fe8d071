"""The first time a person reads an administrative word (C2S, AME, CPAM…), its plain explanation comes under it.

In mediated mode the person is the one a mediator answers for: the note is in their language with the mediator's
under it, as every other mediated text, and remembered on their record, not the mediator's.
"""

from __future__ import annotations

from dialogs.bilingual import Bilingual
from dialogs.glossary import explain, glossary
from dialogs.i18n import Translator, translator
from dialogs.reply import Reply
from faire_lien.core.runner import for_someone_else
from faire_lien.core.turn import Turn
from storage.models import Conversation, Person
from storage.people import get_person

Mediated = tuple[int, str]
"""The person a mediator answers for, and that person's language."""


def with_explanations(person: Person, replies: list[Reply], t: Translator | None = None) -> list[Reply]:
    """The replies with each word this person has not met yet explained once, in their language; remembered."""
    seen = person.glossary_seen or []
    if not person.consented or len(seen) >= len(glossary()):
        return replies
    shown, explained = explain(replies, t or translator(person.language), seen)
    if explained:
        person.glossary_seen = [*seen, *explained]
    return shown


def mediated(turn: Turn, current: Conversation | None) -> Mediated | None:
    """Whom a mediated conversation is for, in which language (None: the one talking reads for themselves)."""
    if current is None or current.mediated_language is None or current.on_behalf_of is None:
        return None
    if not for_someone_else(turn, current):
        return None
    return current.on_behalf_of, current.mediated_language


async def explained(turn: Turn, replies: list[Reply], reader: Mediated | None) -> list[Reply]:
    """The notes for whoever reads: the person a mediator answers for (both languages, remembered for them), else the
    one talking."""
    if reader is None:
        return with_explanations(turn.person, replies)
    person = await get_person(turn.session, reader[0])
    if person is None:
        return replies
    return with_explanations(person, replies, Bilingual.over(turn.t, reader[1]))
