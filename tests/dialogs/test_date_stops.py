"""A date that ends with its own abbreviation's stop ("2026 г.", "1er déc.") ends the sentence once: never "г..";
the other languages keep their full stop."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dialogs.bilingual import Bilingual
from dialogs.i18n import available_languages, translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.schema import Flow
from dialogs.text import Msg, msg

TODAY = date(2026, 11, 22)
ENDED = date(2026, 10, 15)
SINGLE = {"residence": "national", "in_france": "more", "born": 1985, "household_size": 1, "territory": "metropole"}
ENDED_SENTENCE = msg("Vos droits à {cover} ont pris fin le {end}.", "rights", cover="la C2S", end=ENDED)


def ended_card(flows: dict[str, Flow], language: str) -> str:
    """The person's rights card after a C2S that ended on 15 October 2026, in `language`."""
    answers: dict[str, Any] = {
        **SINGLE, "benefits": ["none"], "income_regular": "varies", "housing": "tenant", "income_year": "9600",
        "cover": "c2s", "cover_end": ENDED.isoformat(),
    }  # fmt: skip
    return render_blocks(rights(flows["rights_check"], answers, TODAY).blocks, translator(language))


@pytest.mark.parametrize(
    ("language", "ended"),
    [("ru", "15 октября 2026\u202fг."), ("uk", "15 жовтня 2026\u202fр.")],
)
def test_the_card_ends_a_sentence_on_a_russian_or_ukrainian_date_with_one_stop(
    flows: dict[str, Flow], language: str, ended: str
) -> None:
    text = ended_card(flows, language)
    line = next(line for line in text.splitlines() if ended in line)
    assert line.endswith(ended), line  # the date's own stop ends the sentence
    assert ".." not in text


@pytest.mark.parametrize("language", ["fr", "en", "es", "pt", "ro", "tr", "ar", "fa"])
def test_the_other_languages_keep_the_stop_after_the_date(flows: dict[str, Flow], language: str) -> None:
    t = translator(language)
    text = ended_card(flows, language)
    line = next(line for line in text.splitlines() if t.date(ENDED) in line)
    assert line.rstrip("\u2069").endswith("."), line
    assert ".." not in text


def test_every_language_writes_one_stop_after_a_date_ending_a_sentence() -> None:
    for language in available_languages():
        shown = translator(language)(ENDED_SENTENCE)
        assert shown.rstrip("\u2069").endswith("."), (language, shown)
        assert ".." not in shown, (language, shown)


def test_an_abbreviated_month_ending_a_sentence_keeps_one_stop() -> None:
    fr = translator("fr")
    said = msg("Inscriptions ouvertes jusqu'au {day}.", "x", day=fr.date(date(2026, 12, 1), "MMMd"))
    assert fr(said) == "Inscriptions ouvertes jusqu'au 1er déc."
    assert fr(msg("Né·e le {day}.", "x", day=date(2026, 12, 2))) == "Né·e le 2 décembre 2026."


def test_a_date_inside_a_nested_message_ends_the_outer_sentence_once() -> None:
    ru = translator("ru")
    inner = Msg("le {end}", "x", {"end": ENDED})
    assert ru(msg("Fin {when}.", "x", when=inner)) == "Fin le 15 октября 2026\u202fг."


def test_in_mediated_mode_both_languages_end_with_one_stop() -> None:
    both = Bilingual("uk")
    shown = both(ENDED_SENTENCE)
    theirs, ours = shown.split("\n")
    assert theirs.endswith("15 жовтня 2026\u202fр."), theirs
    assert ours == "🇫🇷 Vos droits à la C2S ont pris fin le 15 octobre 2026."


def test_a_wrapped_line_ending_with_a_date_has_one_stop() -> None:
    ru = translator("ru")
    shown = ru.line(msg("{line}.", "x"), msg("до {end}", "x", end=ENDED))
    assert shown == "до 15 октября 2026\u202fг."
