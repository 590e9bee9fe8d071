"""The audit journal for coordinators: every read, export and team change in words, in Paris time, filterable."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from starlette.responses import Response
from starlette.routing import Route

from faire_lien.core.months import YEARS
from storage import audit, staff
from storage.audit import AuditFilter
from storage.meetings import booking_codes
from storage.types import PARIS
from web.console.audit_words import ACTION_NAMES, Names, as_number, sentence
from web.console.i18n import N_
from web.console.local_time import moment
from web.console.pages import Page, page
from web.console.paging import Paging

PER_PAGE = 50
NOT_A_DAY = N_("« {value} » n'est pas une date : choisissez un jour (AAAA-MM-JJ).")
BACKWARDS = N_("La date de début est après la date de fin.")


def _day(current: Page, name: str, errors: list[str]) -> date | None:
    value = current.request.query_params.get(name, "").strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or day.year not in YEARS:
        errors.append(current.text(NOT_A_DAY, value=value))
        return None
    return day


def _start(day: date) -> datetime:
    """Midnight in Paris at the start of a day."""
    return datetime.combine(day, time(), PARIS)


@page("audit")
async def journal(current: Page) -> Response:
    """The journal, newest first, a page at a time: who did what, when (Paris time), in words."""
    query = current.request.query_params
    errors: list[str] = []
    first, last = _day(current, "from", errors), _day(current, "to", errors)
    if first is not None and last is not None and first > last:
        errors.append(current.text(BACKWARDS))
        first = last = None
    actor = query.get("actor") or None
    action = query.get("action") or None
    wanted = AuditFilter(
        actor=actor,
        action=action,
        since=_start(first) if first is not None else None,
        until=_start(last + timedelta(days=1)) if last is not None else None,
    )
    total = await audit.count(current.session, wanted)
    paging = Paging.of(
        current.request,
        PER_PAGE,
        total,
        {"actor": actor or "", "action": action or "", "from": query.get("from", ""), "to": query.get("to", "")},
    )
    entries = await audit.search(current.session, wanted, PER_PAGE, paging.offset)
    grids = {key: current.t(flow.title, flow.context) for key, flow in current.console.flows.items()}
    members = {member.telegram_id: member for member in await staff.everyone(current.session)}
    registrations = [as_number(e.detail.get("registration")) for e in entries if e.detail]
    bookings = await booking_codes(current.session, [n for n in registrations if n is not None])
    names = Names(current.text, current.language, members, grids, bookings)
    rows = [{"when": moment(entry.at, current.language), "what": sentence(entry, names)} for entry in entries]
    actors = [(name, names.actor(name)) for name in await audit.actors(current.session)]
    actions = sorted(((key, names.action(key)) for key in ACTION_NAMES), key=lambda item: item[1])
    return current.render(
        "journal.html",
        rows=rows,
        paging=paging,
        total=total,
        errors=errors,
        actors=actors,
        actions=actions,
        chosen={"actor": actor, "action": action, "from": query.get("from", ""), "to": query.get("to", "")},
    )


ROUTES = [Route("/team/audit", journal, methods=["GET"])]
