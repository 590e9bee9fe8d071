"""In mediated mode the offers' screens explain the administrative words the person meets there, as the questionnaire
does: once, in the person's language with the mediator's under it, remembered for the person."""

from __future__ import annotations

import pytest

from dialogs.bilingual import Bilingual
from dialogs.glossary import CONTEXT, NOTE, glossary
from dialogs.text import Msg
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Person
from tests.faire_lien.staff.test_mediated_offers import MEDIATOR, a_mediator, mediated_check, published, the_person
from tests.support.db import rows


def note(term_id: str, language: str) -> str:
    """The explanation of a word as a mediated screen shows it: the person's language, then the mediator's."""
    (term,) = [term for term in glossary() if term.id == term_id]
    return Bilingual(language).line(NOTE, Msg(term.explanation, CONTEXT))


@pytest.mark.parametrize(("kind", "offer"), [("information", "📅"), ("checkup", "🩺")])
async def test_the_dates_of_an_offer_explain_a_new_word_to_the_person(
    assistant: Assistant, db: Database, kind: str, offer: str
) -> None:
    await published(db, kind=kind, title={"fr": "Réunion AME", "ar": "اجتماع AME"}, place="PASS Poitiers")
    mediator = await a_mediator(assistant, db)
    await mediated_check(mediator, "ar")
    seen_before = (await the_person(db)).glossary_seen or []
    assert "ame" in seen_before and "pass" not in seen_before  # the card explained the AME, not the PASS

    await mediator.do(f"press:{offer}")
    dates = mediator.screen[0].text
    assert "PASS Poitiers" in dates
    assert note("pass", "ar") in dates  # in Arabic, the French under it
    assert note("pass", "ar").startswith("\u200f📖 ") and "\n🇫🇷 📖 PASS (permanence d'accès" in note("pass", "ar")
    assert "📖 AME" not in dates  # the person read it on their card already
    assert (await the_person(db)).glossary_seen == [*seen_before, "pass"]
    (staff,) = [p for p in await rows(db, Person) if p.telegram_id == MEDIATOR]
    assert not staff.glossary_seen  # the mediator was not the reader

    await mediator.do("press:PASS Poitiers")
    assert "📖" not in mediator.screen[0].text  # explained once
