"""Every route of the console, page module by page module."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from web.console import case_page, checkin, grids, inbox, journal, login, poll, results, sessions, status, team, yearly
from web.console.templating import TEMPLATES

STATIC = TEMPLATES.parent / "static"


def console_routes() -> list[BaseRoute]:
    """The console's pages and its static files (style sheet)."""
    return [
        *login.ROUTES,
        *inbox.ROUTES,
        *case_page.ROUTES,
        *grids.ROUTES,
        *journal.ROUTES,
        *team.ROUTES,
        *status.ROUTES,
        *results.ROUTES,
        *yearly.ROUTES,
        *sessions.ROUTES,
        *checkin.ROUTES,
        *poll.ROUTES,
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
