"""The yearly report page: the activity report's indicators for a calendar year, as a page, XLSX and PDF.

Coordinators only; in the staff member's console language; every read and export is audited.
"""

from __future__ import annotations

from itertools import groupby

from starlette.responses import Response
from starlette.routing import Route

from dialogs.digits import plain_number
from faire_lien.surveys.report import Line, as_xlsx, rows, title
from faire_lien.surveys.report_pdf import as_pdf
from faire_lien.surveys.service import yearly_report
from faire_lien.surveys.years import report_years
from web.console.i18n import N_
from web.console.pages import NotFoundError, Page, page
from web.console.results import XLSX

NO_SUCH_YEAR = N_(
    "Il n'y a pas de rapport pour cette année : le rapport annuel couvre les années où le service a tenu ses "
    "chiffres dans faire-lien, de la première à l'année en cours. Choisissez une année dans la liste du rapport."
)


async def years(current: Page) -> list[int]:
    """The years one can ask for, this one first, back to the first year of the service's data."""
    return await report_years(current.session, current.now)


def chosen_year(current: Page, offered: list[int]) -> int:
    """The year asked for among those `offered` (this one by default); 404 saying so for any other text or a year out
    of range (before anything is read or audited)."""
    wanted = current.request.query_params.get("year", "").strip()
    if not wanted:
        return offered[0]
    year = plain_number(wanted, longest=4)
    if year is None or year not in offered:
        raise NotFoundError(NO_SUCH_YEAR)
    return year


async def _lines(current: Page, year: int) -> list[Line]:
    """The year's indicators (the service audits the read)."""
    return await yearly_report(current.console.db, year, current.console.flows, current.staff.label, current.now)


@page("report", report=True)
async def yearly_page(current: Page) -> Response:
    """The year's indicators, one table per section, with the XLSX and PDF downloads."""
    offered = await years(current)
    year = chosen_year(current, offered)
    written = rows(await _lines(current, year), current.t)
    sections = [(key, list(found)) for key, found in groupby(written, key=lambda row: row.section)]
    return current.render(
        "yearly_report.html", year=year, years=offered, heading=title(year, current.t), sections=sections
    )


@page("report", report=True)
async def yearly_xlsx(current: Page) -> Response:
    """The year's indicators as a workbook in the console's language (audited)."""
    year = chosen_year(current, await years(current))
    body = as_xlsx(year, await _lines(current, year), current.t)
    current.audit("export_yearly_report", year=year, format="xlsx")
    return _download(body, XLSX, f"rapport-annuel-{year}.xlsx")


@page("report", report=True)
async def yearly_pdf(current: Page) -> Response:
    """The year's indicators as an A4 PDF in the console's language (audited)."""
    year = chosen_year(current, await years(current))
    body = as_pdf(year, await _lines(current, year), current.t)
    current.audit("export_yearly_report", year=year, format="pdf")
    return _download(body, "application/pdf", f"rapport-annuel-{year}.pdf")


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


ROUTES = [
    Route("/report", yearly_page, methods=["GET"]),
    Route("/report.xlsx", yearly_xlsx, methods=["GET"]),
    Route("/report.pdf", yearly_pdf, methods=["GET"]),
]
