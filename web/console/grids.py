"""Grid pages: people per grid, orientation and month in whole groups of 5 (groups under 5 hidden); results audited."""

from __future__ import annotations

from dataclasses import dataclass, replace

from starlette.responses import Response
from starlette.routing import Route

from dialogs.schema import Flow
from faire_lien.core.months import DAY, Month, NotAMonthError
from faire_lien.grids.labels import orientation_label
from faire_lien.grids.reading import Count, open_month, period_counts, result_page
from faire_lien.surveys.results import MIN_GROUP
from web.console.flow_problems import explained
from web.console.i18n import N_
from web.console.local_time import moment, month
from web.console.pages import NotFoundError, Page, page
from web.console.paging import Paging, asked

PER_PAGE = 50
"""Results shown (and audited) per page."""
A_DAY = N_(
    "« {value} » est un jour : donnez un mois (AAAA-MM). Les résultats portent sur des mois entiers, "
    "pour que comparer deux périodes ne permette de reconnaître personne."
)
NOT_A_MONTH = N_("« {value} » n'est pas un mois : écrivez-le AAAA-MM, par exemple 2026-11 (mois entiers seulement).")
BACKWARDS = N_("Le premier mois ({first}) est après le dernier ({last}).")
NOT_CONCLUDED = N_("non concluante")
"""In place of the score of a grid answered too little to conclude (a 0 there would read as "no sign")."""
ANSWERED_BY = {"person": N_("la personne"), "mediator": N_("une médiatrice ou un médiateur")}


@dataclass(frozen=True)
class GridTable:
    """One grid's counts: its title and a row per month and orientation, with the largest count for the bars."""

    grid_id: str
    title: str
    rows: list[Count]

    @property
    def largest(self) -> int:
        """The largest group shown (the bars' full length)."""
        return max((row.people or 0 for row in self.rows), default=0)


def scored(page_: Page) -> dict[str, Flow]:
    """The grids: flows with a score."""
    return {key: flow for key, flow in page_.console.flows.items() if flow.scoring is not None}


def title(page_: Page, grid_id: str) -> str:
    """A grid's title in the console's language (its id when the grid is gone)."""
    flow = scored(page_).get(grid_id)
    return page_.t(flow.title, flow.context) if flow is not None else grid_id


def orientation(page_: Page, grid_id: str, orientation_id: str) -> str:
    """An orientation in words, in the console's language (« pas de besoin repéré »), never its id."""
    return page_.t(orientation_label(scored(page_).get(grid_id), orientation_id))


def place(page_: Page, grid_id: str, orientation_id: str) -> int:
    """Where the grid lists an orientation (orientations since removed last): a month's rows come in that order."""
    flow = scored(page_).get(grid_id)
    found = flow.scoring.numbered(orientation_id) if flow is not None and flow.scoring is not None else None
    return found[0] if found is not None else 1_000


def _month(page_: Page, name: str, errors: list[str]) -> Month | None:
    value = page_.request.query_params.get(name, "").strip()
    if not value:
        return None
    try:
        return Month.parse(value)
    except NotAMonthError:
        errors.append(page_.text(A_DAY if DAY.fullmatch(value) else NOT_A_MONTH, value=value))
        return None


@page("grids", report=True)
async def grid_stats(current: Page) -> Response:
    """How many people each grid oriented each way, per finished month, in whole groups of 5 (7 people read 5);
    groups under 5 shown as "fewer than 5"; above them, each staff file the bot runs without and its problem."""
    errors: list[str] = []
    first, last = _month(current, "from", errors), _month(current, "to", errors)
    if first is not None and last is not None and first > last:
        errors.append(current.text(BACKWARDS, first=month(first, current.language), last=month(last, current.language)))
        first = last = None
    found = await period_counts(current.console.db, first, last, current.now)
    tables: dict[str, GridTable] = {}
    for row in sorted(found, key=lambda c: (c.grid_id, c.month, place(current, c.grid_id, c.orientation))):
        shown = replace(
            row,
            orientation=orientation(current, row.grid_id, row.orientation),
            month=month(row.month, current.language),
        )
        tables.setdefault(row.grid_id, GridTable(row.grid_id, title(current, row.grid_id), [])).rows.append(shown)
    grids = [(key, title(current, key)) for key in sorted(scored(current))]
    return current.render(
        "grids.html",
        tables=list(tables.values()),
        errors=errors,
        first=current.request.query_params.get("from", ""),
        last=current.request.query_params.get("to", ""),
        small=MIN_GROUP,
        under_way=month(open_month(current.now), current.language),
        grids=grids if current.may("grid_results") else [],
        left_out=[explained(current, problem) for problem in current.console.left_out],
    )


@page("grid_results")
async def grid_results(current: Page) -> Response:
    """Each result of one grid, newest first, a page at a time; every result shown is written to the audit log."""
    grid_id = current.request.path_params["grid_id"]
    flow = scored(current).get(grid_id)
    if flow is None or flow.scoring is None:
        raise NotFoundError
    scoring = flow.scoring
    found = await result_page(
        current.session,
        grid_id,
        current.staff.label,
        current.now,
        number=asked(current.request),
        size=PER_PAGE,
        via="console",
    )
    paging = Paging.of(current.request, PER_PAGE, found.total)
    rows = [
        {
            "when": moment(result.created_at, current.language),
            "version": result.grid_version,
            "score": current.t.format(result.score) if concluded else current.text(NOT_CONCLUDED),
            "quintile": scoring.quintile(result.score) if concluded else None,
            "orientation": current.t(orientation_label(flow, result.orientation)),
            "by": ANSWERED_BY[result.answered_by],
        }
        for result in found.results
        for concluded in [scoring.concluded(result.orientation)]
    ]
    return current.render(
        "grid_results.html", grid_title=title(current, grid_id), rows=rows, paging=paging, total=found.total
    )


ROUTES = [
    Route("/grids", grid_stats, methods=["GET"]),
    Route("/grids/{grid_id}/results", grid_results, methods=["GET"]),
]
