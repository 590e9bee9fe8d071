"""Comments typed with Arabic-Indic, Persian or full-width digits reach staff masked like Latin ones."""

from __future__ import annotations

import time

import pytest

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys import masking
from faire_lien.surveys.masking import mask
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import summarize
from storage.surveys import SessionAnswers

FR, AR, FA = translator("fr"), translator("ar"), translator("fa")
PHONE, NIR, ADDRESS = "[téléphone masqué]", "[n° de sécurité sociale masqué]", "[adresse masquée]"


@pytest.mark.parametrize(
    "number",
    [
        "٠٦١٢٣٤٥٦٧٨",
        "٠٦ ١٢ ٣٤ ٥٦ ٧٨",
        "٠٦.١٢.٣٤.٥٦.٧٨",
        "٠٦-١٢-٣٤-٥٦-٧٨",
        "۰۶۱۲۳۴۵۶۷۸",
        "۰۶ ۱۲ ۳۴ ۵۶ ۷۸",
        "+٣٣ ٦ ١٢ ٣٤ ٥٦ ٧٨",
        "+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹",
        "٠٠٩٦٣ ٩٤٤ ١٢٣ ٤٥٦",
        "０６１２３４５６７８",
        "０６ １２ ３４ ５６ ７８",
        "＋３３ ６ １２ ３４ ５６ ７８",
        "06 ١٢ ۳۴ 56 ７８",
        "٠٦－١٢－٣٤－٥٦－٧٨",
    ],
)
def test_phone_numbers_in_other_digits_are_masked(number: str) -> None:
    assert mask(f"Appelez-moi au {number} svp", FR) == f"Appelez-moi au {PHONE} svp"


def test_an_arabic_comment_keeps_its_words_and_loses_the_number() -> None:
    comment = "الورشة كانت مفيدة جدا، اتصلوا بي على ٠٦ ١٢ ٣٤ ٥٦ ٧٨ شكرا"
    hidden = AR(masking.PHONE)
    assert "رقم الهاتف مخفي" in hidden
    assert mask(comment, AR) == f"الورشة كانت مفيدة جدا، اتصلوا بي على {hidden} شكرا"


def test_a_persian_comment_keeps_its_words_and_loses_the_number() -> None:
    comment = "خیلی خوب بود. شماره من ۰۶۱۲۳۴۵۶۷۸ است، لطفا تماس بگیرید"
    hidden = FA(masking.PHONE)
    assert "شماره تلفن پنهان شد" in hidden
    assert mask(comment, FA) == f"خیلی خوب بود. شماره من {hidden} است، لطفا تماس بگیرید"


def test_social_security_number_and_address_in_arabic_digits_are_masked() -> None:
    assert mask("رقمي ١ ٨٥ ٠٥ ٧٨ ٠٠٦ ٠٨٤ ٣٦", FR) == f"رقمي {NIR}"
    assert mask("أسكن في ١٢ rue de la Paix", FR) == f"أسكن في {ADDRESS}"


@pytest.mark.parametrize(
    "comment",
    [
        "ورشة ٣ أيام ممتازة، ١٠ من ١٠",
        "جلسه ۲ ساعت طول کشید، ۵ نفر بودیم",
        "Note ١٠/١٠, merci pour les ٣ séances",
        "٢٠٢٦-١٢-٠٣",
    ],
)
def test_numbers_that_are_not_personal_stay_as_typed(comment: str) -> None:
    assert mask(comment, FR) == comment


def test_long_native_digit_text_does_not_make_the_patterns_backtrack() -> None:
    started = time.perf_counter()
    mask("٠ " * 25_000 + "۰" * 50_000, FR)
    assert time.perf_counter() - started < 1.0


def test_the_bots_results_show_an_arabic_number_masked(flows: dict[str, Flow]) -> None:
    comments = [{"comment": "اتصلوا على ٠٦١٢٣٤٥٦٧٨"}, {}, {}, {}, {}]
    report = summarize(flows["hot_evaluation"], [SessionAnswers(1, 5, comments)])
    text = report_text(report, "📊", FR)
    assert f"اتصلوا على {PHONE}" in text and "٠٦١٢" not in text
