"""The inbox: the cases of the kinds my role handles (open, mine, closed), filtered by kind and language, paged.

The list shows no personal data (no phone, no message): number, kind, language, dates, status, holder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from dialogs.i18n import language_name
from faire_lien.cases.kinds import kinds_for
from faire_lien.cases.service import holder_name, inbox, unattended_kinds
from storage.cases import Listing, answered
from storage.models import Case
from storage.statuses import CaseKind
from web.console.case_words import NOBODY, STATUS_WORDS, Due, due, kind_name, outcome_name, when
from web.console.i18n import N_
from web.console.pages import Page, page
from web.console.paging import Paging, asked

PER_PAGE = 50


@dataclass(frozen=True)
class Tab:
    """One of the inbox's three lists."""

    key: str
    path: str
    label: str
    """Console msgid."""


TABS = (
    Tab("open", "/inbox", N_("Ouvertes")),
    Tab("mine", "/inbox/mine", N_("Les miennes")),
    Tab("closed", "/inbox/closed", N_("Closes")),
)


@dataclass(frozen=True)
class Row:
    """One case in the list, without personal data."""

    number: int
    kind: str
    language: str
    language_code: str
    received: str
    status: str
    holder: str
    due: Due
    closed: str
    outcome: str


def _listing(current: Page, tab: Tab, kind: str, language: str, offset: int) -> Listing:
    kinds: tuple[CaseKind, ...] = kinds_for(current.staff.role)
    chosen = tuple(k for k in kinds if k == kind) or kinds
    mine = tab.key == "mine"
    return Listing(
        kinds=chosen,
        closed=tab.key == "closed",
        holder_id=current.staff.member_id if mine else None,
        holder=current.staff.label if mine and current.staff.member_id is None else None,
        language=language or None,
        limit=PER_PAGE,
        offset=offset,
    )


async def _rows(current: Page, cases: list[Case]) -> list[Row]:
    written = await answered(current.session, [case.id for case in cases])
    return [
        Row(
            number=case.id,
            kind=kind_name(current, case.kind),
            language=language_name(case.language),
            language_code=case.language,
            received=when(current, case.created_at),
            status=current.text(STATUS_WORDS[case.status]),
            holder=await holder_name(current.session, case) or current.text(NOBODY),
            due=due(current, case, case.id in written),
            closed=when(current, case.closed_at),
            outcome=outcome_name(current, case.outcome),
        )
        for case in cases
    ]


async def _inbox(current: Page, tab: Tab) -> Response:
    query = current.request.query_params
    kinds = kinds_for(current.staff.role)
    kind = query.get("kind", "")
    kind = kind if kind in kinds else ""
    language = query.get("language", "")
    language = language if language in current.console.languages else ""
    number = asked(current.request)
    cases, total = await inbox(
        current.session, current.staff, _listing(current, tab, kind, language, (number - 1) * PER_PAGE)
    )
    paging = Paging.of(current.request, PER_PAGE, total, {"kind": kind, "language": language})
    if paging.number != number:  # a page past the end: show the last one
        last = _listing(current, tab, kind, language, paging.offset)
        cases, total = await inbox(current.session, current.staff, last)
    values: dict[str, Any] = {
        "tab": tab,
        "tabs": TABS,
        "rows": await _rows(current, cases),
        "total": total,
        "paging": paging,
        "kind": kind,
        "kinds": [(k, kind_name(current, k)) for k in kinds],
        "language_code": language,
        "languages": [(code, language_name(code)) for code in current.console.languages],
        "unattended": [kind_name(current, k) for k in await unattended_kinds(current.session) if k in kinds],
    }
    return current.render("inbox.html", **values)


@page("cases")
async def open_cases(current: Page) -> Response:
    """Open cases of the kinds my role handles, oldest first: who holds each and by when it must be answered."""
    return await _inbox(current, TABS[0])


@page("cases")
async def my_cases(current: Page) -> Response:
    """The open cases I hold."""
    return await _inbox(current, TABS[1])


@page("cases")
async def closed_cases(current: Page) -> Response:
    """Closed cases, newest first, with how each ended."""
    return await _inbox(current, TABS[2])


ROUTES = [
    Route("/inbox", open_cases, methods=["GET"]),
    Route("/inbox/mine", my_cases, methods=["GET"]),
    Route("/inbox/closed", closed_cases, methods=["GET"]),
]
