"""The Sessions pages: the list (to come, and over lately) and one session's page with what can be done to it.

Creating, importing, editing, moving, cancelling and the poster have their own modules; every route of the
Sessions pages is listed here. A facilitator sees only the sessions they follow (`check_follows`).
"""

from __future__ import annotations

from datetime import timedelta

from starlette.responses import Response
from starlette.routing import Route

from dialogs.digits import plain_number
from faire_lien.sessions import texts
from faire_lien.sessions.service import how_many_to_come, sessions_over, sessions_to_come
from faire_lien.sessions.timing import held_in_part
from faire_lien.staff.names import colleague
from web.console import session_changes, session_import, session_poster, session_publish
from web.console.pages import Page, page
from web.console.paging import Paging
from web.console.session_views import changeable, direction, name_of, overview, row

PERIODS = (30, 90, 365)
"""How many days back the list shows sessions that are over."""
DEFAULT_PERIOD = 90
PER_PAGE = 50
"""Sessions to come shown a page at a time (`?page=N`, as the inbox and the journal)."""


@page("follow")
async def list_sessions(current: Page) -> Response:
    """Sessions to come (and under way), a page at a time, then those over in the chosen period, with seats and
    waiting lists."""
    wanted = plain_number(current.request.query_params.get("days", ""))
    days = wanted if wanted in PERIODS else DEFAULT_PERIOD
    total = await how_many_to_come(current.session, current.staff, current.now)
    kept = {"days": str(days) if wanted in PERIODS else ""}
    paging = Paging.of(current.request, PER_PAGE, total, kept)
    coming = await sessions_to_come(current.session, current.staff, current.now, limit=PER_PAGE, offset=paging.offset)
    over = await sessions_over(current.session, current.staff, current.now, current.now - timedelta(days=days))
    return current.render(
        "sessions/list.html",
        coming=[row(current, s.meeting, s.waiting) for s in coming],
        over=[row(current, s.meeting, s.waiting) for s in over],
        paging=paging,
        days=days,
        periods=PERIODS,
        may_publish=current.may("publish"),
    )


@page("follow")
async def show_session(current: Page) -> Response:
    """One session: its texts in each language, date, place, seats, waiting list, facilitators, and actions."""
    found = await overview(current)
    meeting = found.meeting
    titles = [(code, name_of(code), direction(code), text) for code, text in meeting.title.items()]
    return current.render(
        "sessions/show.html",
        found=found,
        meeting=meeting,
        row=row(current, meeting, found.waiting),
        when=texts.when(meeting, current.t),
        titles=titles,
        spoken=[name_of(code) for code in meeting.languages],
        facilitators=[colleague(m) for m in found.facilitators],
        changeable=changeable(current, meeting),
        held=held_in_part(meeting, found.present, current.now),
        bot_username=current.console.settings.telegram_bot_username,
    )


ROUTES = [
    Route("/sessions", list_sessions, methods=["GET"]),
    *session_publish.ROUTES,
    *session_import.ROUTES,
    Route("/sessions/{meeting_id:id}", show_session, methods=["GET"]),
    *session_changes.ROUTES,
    *session_poster.ROUTES,
]
