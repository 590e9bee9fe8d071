"""The source notes of the rule table: extracted, translated in every catalog with their legal references kept as the
official texts write them, read by staff in their language, never shown to the person."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from dialogs.digits import latin_digits
from dialogs.i18n import FSI, LOCALES_DIR, PDI, RLM, available_languages, translator
from dialogs.present import render_blocks
from dialogs.results.blocks import Card
from dialogs.results.rights import rights
from dialogs.rights.extract import extract_rules
from dialogs.rights.table import RULES_FILE, default_table
from dialogs.schema import Flow

FRESH_DAY = date(2025, 10, 15)
"""The décret of 28 June 2025 (family help not counted, R861-10 10° bis) is unconfirmed."""
SINGLE = {"residence": "national", "in_france": "more", "born": 1985, "household_size": 1, "territory": "metropole"}
NOTE = "Date d'effet supposée au lendemain de la publication ; numéro du décret non retrouvé"
REFERENCES = re.compile(
    r"«[^»]*»"  # a quotation of the official text
    r"|\b[LRD]\d{3,4}(?:-\d+)*\b"  # an article of a code: L861-1, R5131-15
    r"|\b[a-z-]+(?:\.[a-z-]+)*\.(?:fr|md)\b"  # a site or file: service-public.fr, rights-rules.md
    r"|\bF\d+\b"  # a service-public.fr page: F34308
    r"|\d+"  # a number: an article, a decree's number, a day, a year
)


def sources() -> set[str]:
    """Every source note of the rule table."""
    return {p.source for series in default_table().series.values() for p in series.periods}


def card(flows: dict[str, Flow], day: date, **answers: Any) -> Card:
    base: dict[str, Any] = {**SINGLE, "benefits": ["none"], "income_regular": "varies", "housing": "tenant"}
    return rights(flows["rights_check"], {**base, **answers}, day)


def shown(text: str) -> str:
    """The text without direction marks and isolates."""
    return text.replace(FSI, "").replace(PDI, "").replace(RLM, "")


def test_every_source_note_is_extracted_with_the_rules_context() -> None:
    with RULES_FILE.open("rb") as handle:
        found = list(extract_rules(handle, (), (), {}))
    extracted = {text for _line, _function, (context, text), _comments in found if context == "rules"}
    assert sources() <= extracted
    note = next(comments for _line, _function, (_context, text), comments in found if NOTE in text)
    assert note[0].startswith("source of rule c2s_resources_not_counted from 2025-06-30: keep article numbers")


def test_every_source_note_is_translated_and_keeps_its_legal_references() -> None:
    """Articles, decree numbers, dates, sites and quotations stay as written (in the reader's digits in Persian)."""
    for language in available_languages()[1:]:
        with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle)
        for note in sources():
            message = catalog.get(note, context="rules")
            assert message is not None and message.string and not message.fuzzy, (language, note)
            translated = latin_digits(str(message.string)).replace("\u202f", " ")
            missing = [r for r in REFERENCES.findall(note) if r not in translated]
            assert missing == [], (language, note, missing)


def test_staff_read_the_source_note_in_their_language(flows: dict[str, Flow]) -> None:
    """The unconfirmed décret of 28 June 2025: its note in English and Arabic, its date and articles as written."""
    c = card(flows, FRESH_DAY, income_year="9600")
    french = render_blocks(c.for_staff().blocks, translator("fr"))
    assert f"{NOTE} ; https://www.complementaire-sante-solidaire.gouv.fr)" in french
    english = shown(render_blocks(c.for_staff().blocks, translator("en")))
    assert "Décret du 28 juin 2025 (JO du 29 juin 2025) — R861-10 10° (help from legal entities)" in english
    assert "Effective date assumed to be the day after publication; number of the décret not found" in english
    assert "https://www.complementaire-sante-solidaire.gouv.fr" in english
    for language in available_languages()[1:]:
        text = latin_digits(shown(render_blocks(c.for_staff().blocks, translator(language))))  # Persian: its digits
        assert "Date d'effet" not in text and "R861-10 10°" in text, language


def test_the_person_never_sees_a_source_note(flows: dict[str, Flow]) -> None:
    c = card(flows, FRESH_DAY, income_year="9600")
    for language in available_languages():
        text = render_blocks(c.blocks, translator(language))
        assert "R861-10 10°" not in text and "28 juin 2025" not in text, language


def test_no_source_note_reads_as_a_format_string() -> None:
    """« 3 % en un an » would be flagged python-format (« % e ») and its translations refused by `pybabel compile`."""
    assert [note for note in sources() if Message(note, context="rules").python_format] == []
