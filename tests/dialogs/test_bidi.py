"""Right-to-left readers: every line starts with a right-to-left mark, arrows point the reading way, Persian shows
Persian digits, and every language may type its numbers, dates, times and phone numbers in its own digits."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from dialogs.bilingual import Bilingual
from dialogs.digits import latin_digits
from dialogs.i18n import FSI, PDI, RLM, translator
from dialogs.present import INFO, STEP, format_answer
from dialogs.schema import Flow, Step
from dialogs.steps.date import parse_date
from dialogs.steps.number import parse_number
from dialogs.steps.text import parse_text
from dialogs.steps.time import parse_time
from dialogs.text import Figures, msg

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
    assert parse_number(AGE, "٤٢") == 42
    assert parse_number(AGE, "۴۲") == 42
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
