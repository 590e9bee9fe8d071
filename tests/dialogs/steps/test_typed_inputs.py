"""Typed answers: any text gives either a value within bounds or a reason, never an exception."""

from __future__ import annotations

from datetime import date, time

from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from dialogs.schema import Flow, Step
from dialogs.steps.base import Refused
from dialogs.steps.date import parse_date
from dialogs.steps.number import parse_number
from dialogs.steps.text import parse_text
from dialogs.steps.time import parse_time

AGE = Step(id="age", kind="number", text="Âge ?", min=0, max=120)
AMOUNT = Step(id="amount", kind="number", text="Montant ?", min=0, max=100000, decimals=True)
WHEN = Step(id="when", kind="date", text="Quand ?", past_only=True)
CODE = Step(id="code", kind="text", text="Code ?", pattern="[0-9]{5}", max_length=12)
FRENCH = Locale("fr")


@given(st.text(max_size=200))
def test_number_parsing_never_raises_and_respects_bounds(text: str) -> None:
    for step in (AGE, AMOUNT):
        value = parse_number(step, text, FRENCH)
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
    assert parse_number(AMOUNT, "1 200,50", FRENCH) == "1200.5"
    assert parse_number(AMOUNT, "1\u202f200", FRENCH) == 1200
    assert parse_number(AMOUNT, "12.0", FRENCH) == 12
    assert isinstance(parse_number(AGE, "12,5", FRENCH), Refused)
    assert isinstance(parse_number(AMOUNT, "1 20", FRENCH), Refused)


EUROS = Step(
    id="euros", kind="number", text="Combien ?", min=0, max=1000000, decimals=True, money=True, example="1 250,50"
)


def refusal(step: Step, text: str) -> str:
    from dialogs.i18n import translator

    value = parse_number(step, text, FRENCH)
    assert isinstance(value, Refused), (text, value)
    return translator("fr")(value.reason)


def test_amounts_in_euros_accept_the_ways_people_write_them() -> None:
    for text, expected in [
        ("1 200,50 €", "1200.5"),
        ("1200 euros", 1200),
        ("€ 850", 850),
        ("1\u202f200", 1200),
        ("1200e", 1200),
    ]:
        assert parse_number(EUROS, text, FRENCH) == expected, text


def test_bad_amounts_get_a_reason_with_an_example() -> None:
    assert refusal(EUROS, "1.200").startswith("Je ne sais pas si le point sépare les milliers ou les centimes.")
    assert "1 250,50" in refusal(EUROS, "1.200")
    assert refusal(EUROS, "1200 F").startswith("Je n'ai pas compris ce nombre.")
    assert refusal(EUROS, "-5").startswith("Le nombre doit être compris entre 0 et 1\u202f000\u202f000")
    assert refusal(EUROS, "10 000 000").startswith("Le nombre doit être compris entre 0 et")
    assert refusal(EUROS, "mille deux cents").startswith("Je n'ai pas compris ce nombre.")
    assert parse_number(AMOUNT, "1.200", FRENCH) == "1.2"  # without `money`, a dot is a decimal point


@given(st.text(max_size=40))
def test_time_parsing_never_raises_and_gives_a_real_time(text: str) -> None:
    value = parse_time(text)
    if not isinstance(value, Refused):
        assert time.fromisoformat(value).strftime("%H:%M") == value


def test_an_amount_in_euros_has_at_most_cents() -> None:
    """ "1 200,505 €" or "0,0000001": asked again with why (before: kept, and shown back as "1 200,505" or "0")."""
    from dialogs.i18n import translator

    money = Step(
        id="income", kind="number", text="Montant ?", min=0, max=100000, decimals=True, money=True, example="1 250,50"
    )
    for typed in ("1 200,505 €", "0,0000001", "12,3456789"):
        refused = parse_number(money, typed, FRENCH)
        assert isinstance(refused, Refused), typed
        assert translator("fr")(refused.reason) == (
            "Écrivez le montant avec au plus 2 chiffres après la virgule (les centimes), par exemple : 1 250,50."
        )
        assert translator("en")(refused.reason).startswith("Write the amount with at most 2 digits after the")
    assert parse_number(money, "1 200,50 €", FRENCH) == "1200.5"


def test_a_decimal_is_stored_without_an_exponent() -> None:
    """A tiny decimal is kept as typed ("0.0000001"), never in scientific notation ("1E-7")."""
    assert parse_number(AMOUNT, "0,0000001", FRENCH) == "0.0000001"
    assert parse_number(AMOUNT, "0,000000000000000000001", FRENCH) == "0.000000000000000000001"


def test_a_text_of_invisible_marks_only_is_an_empty_answer(flows: dict[str, Flow]) -> None:
    """A comment of zero-width spaces and direction marks: "your answer is empty" (before: kept as a blank comment)."""
    from dialogs.i18n import translator

    survey = flows["hot_evaluation"]
    comment = survey.step("comment")
    refused = parse_text(comment, "\u200b \u200f\u2068\u2069\ufeff", survey.context)
    assert isinstance(refused, Refused)
    assert translator("fr")(refused.reason) == "Votre réponse est vide."
    assert parse_text(comment, "\u200fشكرًا", survey.context) == "\u200fشكرًا"  # words keep their marks


def test_a_comment_too_long_says_how_long_it_is_and_the_most_it_may_be(flows: dict[str, Flow]) -> None:
    """The survey's last comment (500 characters at most) typed with 617: both counts, the way the language writes
    numbers and agrees its noun with them, and what to do."""
    from dialogs.i18n import FSI, PDI, RLM, translator

    survey = flows["hot_evaluation"]
    refused = parse_text(survey.step("comment"), "Très bien. " * 55 + "Merci à tous", survey.context)
    assert isinstance(refused, Refused)
    assert translator("fr")(refused.reason) == (
        "Votre réponse compte 617 caractères, c'est trop : 500 caractères au plus. "
        "Raccourcissez-la, puis envoyez-la de nouveau."
    )
    assert translator("en")(refused.reason).startswith("Your answer has 617 characters, which is too long: 500 ")
    assert "617 символов" in translator("ru")(refused.reason) and "максимум 500 символов" in translator("ru")(
        refused.reason
    )
    persian = "".join(c for c in translator("fa")(refused.reason) if c not in (FSI, PDI, RLM))
    assert "۶۱۷ نویسه" in persian and "حداکثر ۵۰۰ نویسه" in persian
    one = Step(id="initial", kind="text", text="Initiale ?", max_length=1)
    short = parse_text(one, "AB", "flow:x")
    assert isinstance(short, Refused)
    assert translator("fr")(short.reason).startswith(
        "Votre réponse compte 2 caractères, c'est trop : 1 caractère au plus."
    )
    assert "2 символа" in translator("ru")(short.reason) and "максимум 1 символ." in translator("ru")(short.reason)
