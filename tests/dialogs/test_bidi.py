"""Right-to-left readers: every line starts with a right-to-left mark, arrows point the reading way, Persian shows
Persian digits, and every language may type its numbers, dates, times and phone numbers in its own digits."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal

from babel.messages.pofile import read_po

from dialogs.bilingual import Bilingual
from dialogs.digits import latin_digits
from dialogs.i18n import FSI, LOCALES_DIR, PDI, RLM, translator
from dialogs.present import INFO, STEP, format_answer
from dialogs.schema import Flow, Step
from dialogs.steps import kind_of
from dialogs.steps.base import Refused
from dialogs.steps.date import parse_date
from dialogs.steps.number import parse_number
from dialogs.steps.text import parse_text
from dialogs.steps.time import parse_time
from dialogs.text import Figures, msg
from tests.support.digits import latin_numbers

HELP = msg("Comptez les prestations versées par la CAF : RSA, AAH, prime d'activité.\nLa C2S ne compte pas.", "fixture")
PHONE = Step(
    id="phone",
    kind="text",
    text="Numéro ?",
    pattern=r"(?:\+33|0)[1-9][0-9]{8}|\+[1-9][0-9]{7,14}",
    pattern_error="Écrivez un numéro de téléphone, par exemple : 06 12 34 56 78.",
)
AGE = Step(id="age", kind="number", text="Âge ?", min=0, max=120)
ARRIVED = Step(id="arrived", kind="date", text="Arrivée ?", past_only=True)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_every_line_of_a_right_to_left_message_starts_with_a_right_to_left_mark() -> None:
    for language in ("ar", "fa"):
        lines = translator(language)(HELP).split("\n")
        assert all(line.startswith(RLM) for line in lines), language
    assert RLM not in translator("fr")(HELP) and RLM not in translator("en")(HELP)


def test_a_help_line_starts_with_the_mark_before_its_emoji() -> None:
    line = translator("ar").line(INFO, HELP)
    assert line.startswith(f"{RLM}ℹ️ ")
    assert translator("fr").line(INFO, HELP).startswith("ℹ️ Comptez les prestations")


def test_arrows_point_the_reading_way_in_right_to_left_languages() -> None:
    back = msg("◀ Autres dates", "meeting")
    assert translator("ar")(back).startswith(f"{RLM}▶ ")
    assert translator("fa")(back).startswith(f"{RLM}▶ ")
    assert translator("fr")(back) == "◀ Autres dates"
    assert translator("en")(back).startswith("◀ ")
    step = translator("ar").line(STEP, msg("Prenez rendez-vous.", "fixture"))
    assert step.startswith(f"{RLM}← ")


def test_a_mediated_conversation_keeps_the_french_line_left_to_right() -> None:
    shown = Bilingual("ar")(msg("Vivez-vous en couple ?", "flow:epices"))
    theirs, french = shown.split("\n")
    assert theirs.startswith(RLM)
    assert french == "🇫🇷 Vivez-vous en couple ?"


def test_persian_shows_persian_digits_and_arabic_keeps_its_latin_digits() -> None:
    fa, ar = translator("fa"), translator("ar")
    assert fa.format(1234) == "۱٬۲۳۴"
    assert fa.format(Decimal("12.5")) == "۱۲٫۵"
    assert fa.date(date(2026, 4, 1)) == "۱ آوریل ۲۰۲۶"
    assert fa.time(time(14, 30)) == "۱۴:۳۰"
    assert "۱۰٬۳۳۹" in fa.money(Decimal("10339"))  # amounts grouped as other numbers are, cents after "٫"
    assert "۱۲٬۰۰۰٫۵۰" in fa.money(Decimal("12000.5"))
    shown = fa(msg("{n} place libre", "meeting", n=3)).replace(FSI, "").replace(PDI, "")
    assert "۳" in shown and "3" not in shown
    assert ar.format(1234) == "1,234"
    assert ar.money(Decimal("12000.5")) == f"{RLM}12,000.50\xa0€"


def test_eastern_arabic_and_persian_digits_are_read_in_every_language() -> None:
    assert latin_digits("٠٦ ١٢ ٣٤ ٥٦ ٧٨") == "06 12 34 56 78"
    assert latin_digits("۰۶۱۲۳۴۵۶۷۸") == "0612345678"
    assert parse_text(PHONE, "۰۶ ۱۲ ۳۴ ۵۶ ۷۸", "flow:callback") == "0612345678"
    assert parse_text(PHONE, "٠٦١٢٣٤٥٦٧٨", "flow:callback") == "0612345678"
    assert parse_number(AGE, "٤٢", translator("ar").locale) == 42
    assert parse_number(AGE, "۴۲", translator("fa").locale) == 42
    assert parse_date(ARRIVED, "۲۵/۰۳/۲۰۲۵", date(2026, 11, 22)) == "2025-03-25"
    assert parse_time("١٤:٣٠") == "14:30"
    assert parse_time("۹ h") == "09:00"


def test_a_year_or_a_phone_number_typed_comes_back_in_the_readers_digits(flows: dict[str, Flow]) -> None:
    """Stored with Latin digits whatever was typed; Persian reads its own, Arabic and French Latin ones; ungrouped."""
    rights, callback, survey = flows["rights_check"], flows["callback"], flows["hot_evaluation"]
    born, phone, comment = rights.step("born"), callback.step("phone"), survey.step("comment")
    fa, ar, fr = translator("fa"), translator("ar"), translator("fr")
    assert parse_text(born, "۱۹۷۶", rights.context) == "1976"
    assert format_answer(rights, born, "1976", fa) == "۱۹۷۶"
    assert format_answer(rights, born, "1976", ar) == format_answer(rights, born, "1976", fr) == "1976"
    assert format_answer(callback, phone, "+33612345678", fa) == "+۳۳۶۱۲۳۴۵۶۷۸"
    assert format_answer(survey, comment, "Salle 12, bien", fa) == "Salle 12, bien"  # free words stay as typed
    assert fa(msg("Né·e en {year}.", "x", year=Figures("1976"))) == f"{RLM}Né·e en {FSI}۱۹۷۶{PDI}."
    assert fr(msg("Né·e en {year}.", "x", year=Figures("1976"))) == "Né·e en 1976."


def test_examples_of_what_to_type_are_written_in_the_readers_digits() -> None:
    """Persian reads its examples as it writes numbers, dates and times, and may type them back; others their dates and
    times as typed in France, their amounts as they write numbers (`tests/dialogs/steps/test_number_examples.py`)."""
    today = date(2026, 11, 22)
    money = Step(
        id="income", kind="number", text="Combien ?", min=0, max=100000, money=True, decimals=True, example="1 250,50"
    )
    meeting = Step(id="meeting", kind="date", text="Quand ?", future_only=True)
    start = Step(id="start", kind="time", text="À quelle heure ?")
    refused = parse_number(money, "beaucoup", translator("fr").locale)
    assert isinstance(refused, Refused)

    def shown(language: str) -> list[str]:
        t = translator(language)
        hints = [kind_of(s).hint(s, t, today) or "" for s in (meeting, start)]
        return [*hints, t(refused.reason)]

    fa = [text.replace(FSI, "").replace(PDI, "") for text in shown("fa")]
    assert "۲۵/۰۳/۲۰۲۷" in fa[0] and "۱۴:۳۰" in fa[1] and "۱٬۲۵۰٫۵۰" in fa[2]
    assert all(latin_numbers(text) == [] for text in fa)
    assert parse_date(meeting, "۲۵/۰۳/۲۰۲۷", today) == "2027-03-25"  # each example is accepted as shown
    assert parse_time("۱۴:۳۰") == "14:30"
    assert parse_number(money, "۱٬۲۵۰٫۵۰", translator("fa").locale) == "1250.5"
    assert shown("fr") == [
        "Écrivez une date, par exemple 25/03/2027.",
        "Écrivez une heure, par exemple 14h30.",
        "Je n'ai pas compris ce nombre. Écrivez seulement des chiffres, par exemple : 1 250,50.",
    ]
    assert "25/03/2027" in shown("en")[0] and "14h30" in shown("en")[1] and "1,250.50" in shown("en")[2]
    ar = [text.replace(FSI, "").replace(PDI, "") for text in shown("ar")]  # CLDR's Arabic writes Latin digits
    assert "25/03/2027" in ar[0] and "14h30" in ar[1] and "1,250.50" in ar[2]


def test_the_persian_catalog_writes_no_latin_number() -> None:
    """Every Persian text writes its numbers in Persian digits and "٪" (CLDR's Persian percent sign); identifiers
    (C2S, L861-1) and placeholders aside."""
    with (LOCALES_DIR / "fa" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    found = {}
    for message in catalog:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        latin = [n for text in texts for n in latin_numbers(PLACEHOLDER.sub("", text or ""))]
        latin += ["%" for text in texts if "%" in (text or "")]
        if message.id and latin:
            found[message.id if isinstance(message.id, str) else message.id[0]] = latin
    assert found == {}
