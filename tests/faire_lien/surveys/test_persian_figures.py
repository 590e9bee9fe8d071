"""Survey results and the yearly report read by a Persian reader: Persian digits and ٪; Arabic keeps Latin digits."""

from __future__ import annotations

import warnings
from decimal import Decimal

from dialogs.i18n import translator
from dialogs.schema import Flow
from dialogs.text import Msg
from faire_lien.surveys.present import chart, chart_figure, report_text
from faire_lien.surveys.report import ATTENDANCE, FEWER, PERCENT, PRESENT, RATE, Line, as_text, rows
from faire_lien.surveys.results import summarize
from storage.surveys import SessionAnswers


def plain(text: str) -> str:
    """The text without its direction marks and isolates."""
    return text.translate(str.maketrans("", "", "\u2068\u2069\u200f"))


def report_lines(flows: dict[str, Flow]) -> list[Line]:
    hot = flows["hot_evaluation"]
    heading = Msg(hot.title, hot.context)
    return [
        Line("attendance", ATTENDANCE, PRESENT, FEWER),
        Line("hot_evaluation", heading, RATE, PERCENT.bind(percent=Decimal("84.6")), "11/13"),
    ]


def test_the_bot_results_write_persian_digits_and_percent_sign(flows: dict[str, Flow]) -> None:
    answers = [{"overall": 5}] * 3 + [{"overall": 4}] * 2
    report = summarize(flows["hot_evaluation"], [SessionAnswers(1, 8, answers)])
    persian = plain(report_text(report, "📊", translator("fa")))
    assert "%" not in persian and "🙂 ۴۰٪ · 😀 ۶۰٪" in persian
    assert not any(c.isascii() and c.isdigit() for c in persian)
    arabic = plain(report_text(report, "📊", translator("ar")))
    assert "🙂 40 % · 😀 60 %" in arabic


def test_the_yearly_report_n_column_and_small_counts_in_persian_digits(flows: dict[str, Flow]) -> None:
    persian = rows(report_lines(flows), translator("fa"))
    assert persian[0].value == "< ۵" and persian[1].n == "۱۱/۱۳"
    assert "n = ۱۱/۱۳" in as_text(2026, report_lines(flows), translator("fa"))
    arabic = rows(report_lines(flows), translator("ar"))
    assert arabic[0].value == "< 5" and arabic[1].n == "11/13"


def chart_texts(flows: dict[str, Flow], language: str) -> list[str]:
    """Every text drawn on the results chart: title, shares under the bars, axis labels."""
    answers = [{"overall": 5}] * 3 + [{"overall": 4}] * 2
    figure = chart_figure(summarize(flows["hot_evaluation"], [SessionAnswers(1, 8, answers)]), translator(language))
    assert figure is not None
    (axes,) = figure.axes
    ticks = [label.get_text() for label in axes.get_xticklabels()]
    return [axes.get_title(), axes.get_xlabel(), *ticks]


def test_the_results_chart_marks_shares_in_persian_digits_and_percent_sign(flows: dict[str, Flow]) -> None:
    persian = chart_texts(flows, "fa")
    assert persian[2:] == ["۰٪", "۲۰٪", "۴۰٪", "۶۰٪", "۸۰٪", "۱۰۰٪"]
    assert not any("%" in text or any(c.isascii() and c.isdigit() for c in text) for text in persian)
    assert "n = ۵" in persian[0]
    assert chart_texts(flows, "ar")[2:] == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]
    assert chart_texts(flows, "fr")[2:] == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]


def test_the_persian_chart_draws_every_sign_in_its_font(flows: dict[str, Flow]) -> None:
    answers = [{"overall": 5}] * 3 + [{"overall": 4}] * 2
    report = summarize(flows["hot_evaluation"], [SessionAnswers(1, 8, answers)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of a glyph missing from the font (an empty box)
        image = chart(report, translator("fa"))
    assert image is not None and image.content.startswith(b"\x89PNG")


def joined(text: str) -> bool:
    """Whether the text holds Arabic letters in their joined (presentation) forms, as a chart must draw them."""
    return any("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" for c in text)


def test_persian_and_arabic_words_on_the_chart_are_joined_and_read_from_the_right(flows: dict[str, Flow]) -> None:
    """matplotlib draws letters one by one: the title reaches it shaped and in display order."""
    for language in ("fa", "ar"):
        title = chart_texts(flows, language)[0]
        assert joined(title)
        words = plain(translator(language)(Msg(flows["hot_evaluation"].title, flows["hot_evaluation"].context)))
        assert title.startswith("n = ")  # the right-to-left title's end is drawn on the left
        assert len(title) <= len(words) + len(" — n = ۵")
    french = chart_texts(flows, "fr")[0]
    assert not joined(french) and french.startswith(plain(translator("fr")(Msg(flows["hot_evaluation"].title))))
