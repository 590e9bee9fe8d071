"""The yearly report written in the reader's language: text, workbook and PDF, in every shipped language."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from dialogs.i18n import available_languages, translator
from dialogs.schema import Flow
from dialogs.text import Msg
from faire_lien.sessions.texts import kind_name
from faire_lien.surveys.present import HIDDEN
from faire_lien.surveys.report import (
    ATTENDANCE,
    FEWER,
    MET,
    PEOPLE,
    PERCENT,
    PRESENT,
    RATE,
    RESULTS,
    SESSIONS,
    Line,
    as_text,
    as_xlsx,
    rows,
)
from faire_lien.surveys.report_pdf import as_pdf


def lines(flows: dict[str, Flow]) -> list[Line]:
    hot = flows["hot_evaluation"]
    heading = Msg(hot.title, hot.context)
    return [
        Line("people", PEOPLE, MET, 1234),
        Line("sessions", SESSIONS, kind_name("info_meeting"), 12),
        Line("attendance", ATTENDANCE, PRESENT, FEWER),
        Line("hot_evaluation", heading, RATE, PERCENT.bind(percent=Decimal("84.6")), "11/13"),
        Line("hot_evaluation", heading, RESULTS, HIDDEN),
    ]


def test_the_report_reads_in_french_and_in_english(flows: dict[str, Flow]) -> None:
    french = as_text(2026, lines(flows), translator("fr"))
    assert french.splitlines()[:3] == ["faire-lien — indicateurs 2026", "", "[Personnes]"]
    assert "Personnes venues aux rencontres collectives : 1\u202f234" in french
    assert "[Votre avis sur la rencontre]\nTaux de réponse : 84,6 % (n = 11/13)" in french
    english = as_text(2026, lines(flows), translator("en"))
    assert "People who came to collective sessions: 1,234" in english
    assert "Information meeting: 12" in english and "Response rate: 84.6% (n = 11/13)" in english
    assert [r.value for r in rows(lines(flows), translator("en"))][2] == "< 5"


@pytest.mark.parametrize("language", available_languages())
def test_every_language_writes_a_workbook_and_a_pdf(flows: dict[str, Flow], language: str) -> None:
    t = translator(language)
    sheet = load_workbook(BytesIO(as_xlsx(2026, lines(flows), t)))["2026"]
    assert sheet.max_row == 6 and sheet["B2"].value == rows(lines(flows), t)[0].label
    pdf = as_pdf(2026, lines(flows), t)
    assert pdf.startswith(b"%PDF-") and b"/Count 1" in pdf
