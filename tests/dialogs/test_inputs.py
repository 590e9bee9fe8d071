"""Typed answers: any text gives either a value within bounds or a reason, never an exception."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dialogs.inputs import Refused, parse_date, parse_number, parse_text
from dialogs.schema import Step

AGE = Step(id="age", kind="number", text="Âge ?", min=0, max=120)
AMOUNT = Step(id="amount", kind="number", text="Montant ?", min=0, max=100000, decimals=True)
WHEN = Step(id="when", kind="date", text="Quand ?", past_only=True)
CODE = Step(id="code", kind="text", text="Code ?", pattern="[0-9]{5}", max_length=12)


@given(st.text(max_size=200))
def test_number_parsing_never_raises_and_respects_bounds(text: str) -> None:
    for step in (AGE, AMOUNT):
        value = parse_number(step, text)
        if not isinstance(value, Refused):
            assert step.min is not None
            assert step.max is not None
            assert step.min <= float(value) <= step.max


@given(st.text(max_size=100))
def test_date_parsing_never_raises_and_is_never_in_the_future(text: str) -> None:
    value = parse_date(WHEN, text, date(2026, 11, 22))
    if not isinstance(value, Refused):
        assert date.fromisoformat(value) <= date(2026, 11, 22)


@given(st.text(max_size=300))
def test_text_parsing_never_raises(text: str) -> None:
    value = parse_text(CODE, text, "flow:x")
    if not isinstance(value, Refused):
        assert len(value) == 5
        assert value.isdigit()


def test_codes_typed_with_spaces_are_compacted() -> None:
    assert parse_text(CODE, " 86 000 ", "flow:x") == "86000"
    assert isinstance(parse_text(CODE, "86 00", "flow:x"), Refused)


def test_grouped_and_decimal_numbers() -> None:
    assert parse_number(AMOUNT, "1 200,50") == "1200.5"
    assert parse_number(AMOUNT, "1\u202f200") == 1200
    assert parse_number(AMOUNT, "12.0") == 12
    assert isinstance(parse_number(AGE, "12,5"), Refused)
    assert isinstance(parse_number(AMOUNT, "1 20"), Refused)
