"""The example of a refused amount is written as the reader's language writes numbers, and typed back it is accepted."""

from __future__ import annotations

from babel import Locale

from dialogs.i18n import FSI, PDI, available_languages, translator
from dialogs.schema import Flow, Step
from dialogs.steps.base import Refused
from dialogs.steps.number import parse_number
from dialogs.text import TypedNumber

FRENCH = Locale("fr")
EUROS = Step(
    id="euros", kind="number", text="Combien ?", min=0, max=1000000, decimals=True, money=True, example="1 250,50"
)
THOUSANDS = Step(id="big", kind="number", text="Combien ?", min=0, max=1000000, money=True, example="15 000")
COUNT = Step(id="count", kind="number", text="Combien ?", min=0, max=100000, example="1 000")
SHOWN = {
    "fr": "1 250,50",
    "en": "1,250.50",
    "ar": "1,250.50",
    "fa": "۱٬۲۵۰٫۵۰",
    "es": "1.250,50",
    "pt": "1.250,50",
    "ro": "1.250,50",
    "ru": "1\u00a0250,50",
    "uk": "1\u00a0250,50",
    "tr": "1.250,50",
}


def refusal(step: Step, language: str) -> str:
    """The refusal of « beaucoup » in `language`, direction marks and isolates dropped."""
    t = translator(language)
    refused = parse_number(step, "beaucoup", t.locale)
    assert isinstance(refused, Refused)
    return t(refused.reason).replace(FSI, "").replace(PDI, "").replace("\u200f", "")


def test_the_example_is_written_the_readers_way_and_french_is_unchanged() -> None:
    assert set(available_languages()) == set(SHOWN)
    for language, example in SHOWN.items():
        text = refusal(EUROS, language)
        assert example in text, (language, text)
    assert refusal(EUROS, "fr") == (
        "Je n'ai pas compris ce nombre. Écrivez seulement des chiffres, par exemple : 1 250,50."
    )
    assert "1 250,50" not in refusal(EUROS, "en")


def test_every_example_typed_back_is_accepted_in_every_language(flows: dict[str, Flow]) -> None:
    """Each number step of the shipped flows, and amounts with thousands and cents, in the ten languages."""
    steps = [s for flow in flows.values() for s in flow.steps if s.kind == "number" and s.example]
    assert any(s.money and " " in (s.example or "") for s in steps)  # « 15 000 », « 1 250,50 » are among them
    for step in [*steps, EUROS, THOUSANDS, COUNT]:
        assert step.example is not None
        expected = parse_number(step, step.example, FRENCH)
        assert not isinstance(expected, Refused), step.id
        for language in available_languages():
            t = translator(language)
            written = t.format(TypedNumber(step.example, grouped=step.money))
            assert written in refusal(step, language), (step.id, language, written)
            assert parse_number(step, written, t.locale) == expected, (step.id, language, written)


def test_thousands_of_euros_are_grouped_the_readers_way() -> None:
    """« 15 000 » is « 15,000 » in English, « 15.000 » in Portuguese (`WRITTEN_GROUP`) and Turkish."""
    assert "15,000" in refusal(THOUSANDS, "en")
    assert "15.000" in refusal(THOUSANDS, "pt")
    assert "15.000" in refusal(THOUSANDS, "tr")
    assert "۱۵٬۰۰۰" in refusal(THOUSANDS, "fa")
    assert parse_number(THOUSANDS, "15.000", translator("pt").locale) == 15000


def test_a_count_is_not_grouped_where_a_comma_or_a_point_would_read_as_decimals() -> None:
    """A number that is no amount reads « 1,000 » as one: its example is written « 1000 » outside French."""
    assert "1000" in refusal(COUNT, "en")
    assert "1 000" in refusal(COUNT, "fr")


def test_an_amount_refused_for_its_point_is_not_shown_one_with_a_point() -> None:
    """« 1.200 » refused in English or Arabic (the point: cents or thousands?) asks for no point: « e.g. 1,250 »."""
    for language in ("en", "ar"):
        t = translator(language)
        refused = parse_number(EUROS, "1.200", t.locale)
        assert isinstance(refused, Refused)
        text = t(refused.reason).replace(FSI, "").replace(PDI, "")
        assert text.endswith(": 1,250."), text
        assert parse_number(EUROS, "1,250", t.locale) == 1250
    refused = parse_number(EUROS, "1.200", FRENCH)
    assert isinstance(refused, Refused)
    assert translator("fr")(refused.reason).endswith("sans point, par exemple : 1 250,50.")
