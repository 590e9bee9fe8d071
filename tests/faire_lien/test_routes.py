"""The route table: every button's data leads back to its own row, and nothing else builds button data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.signing import Signer
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from faire_lien import routes
from faire_lien.core.roles import PERMISSIONS

ROOT = Path(__file__).resolve().parents[2]

SAMPLES: dict[routes.Route, tuple[object, ...]] = {
    routes.LANGUAGE: ("ar",),
    routes.SET_LANGUAGE: ("pt",),
    routes.CONSENT: ("info", "fr"),
    routes.LANGUAGE_THEN: ("fa", "s_12"),
    routes.CONSENT_THEN: ("yes", "uk", "inv_Ab3-_x9QzL0pRt7w"),
    routes.MENU: ("registrations",),
    routes.INFO_PAGE: ("ame",),
    routes.FORGET: ("yes",),
    routes.GO: ("rights_check",),
    routes.NEW: ("epices", "gnyq"),
    routes.RESUME: (),
    routes.FLOW_BUTTON: (12, "o3"),
    routes.OFFER: (7, "callback"),
    routes.OFFER_OVER: ("callback", 7, "gnyq"),
    routes.SURVEY: (3,),
    routes.SURVEY_NEW: (3, "gnyq"),
    routes.SESSION_KIND: ("info_meeting",),
    routes.SESSION_PLACE: ("checkup", 44),
    routes.SESSION: (5,),
    routes.REGISTER: (5,),
    routes.CANCEL: (9, "ask"),
    routes.TAKE_SEAT: (9,),
    routes.COMING: (9,),
    routes.STAFF_SESSIONS: (),
    routes.STAFF_GRIDS: (),
    routes.STAFF_TEAM: (),
    routes.STAFF_AUDIT: (),
    routes.STAFF_MEDIATE: (),
    routes.STAFF_OUTBOX: (),
    routes.STAFF_CONSOLE: (),
    routes.STAFF_HOME: (),
    routes.ROSTER: (5,),
    routes.ATTEND: (9, "excused"),
    routes.POLL: (5,),
    routes.RESULTS: (5,),
    routes.FACILITATORS: (5,),
    routes.ASSIGN: (5, 123456789012, "off"),
    routes.ON_BEHALF: ("gfst", "yes"),
    routes.ON_BEHALF_NEW: ("gfst", "gnyq"),
    routes.RESEND: (31, "ask"),
    routes.REPORT: (2026,),
    routes.REVOKE: (123456789012,),
    routes.REVOKE_CONFIRM: (123456789012345, 1795348800000),
    routes.MEDIATED_LANGUAGE: ("uk",),
    routes.MEDIATED_FLOW: ("fa", "rights_check"),
    routes.MEDIATED_START: ("fa", "rights_check"),
    routes.MEDIATED_NEW: ("ro", "epices", "gnyq"),
    routes.MEDIATED_SWITCH: ("uk", "rights_check"),
    routes.MEDIATED_SWITCH_YES: ("pt", "rights_check"),
    routes.MEDIATED_SWITCH_NO: ("tr", "epices"),
    routes.ABANDON: ("ask",),
    routes.ON_BEHALF_OFFER: (7, "callback"),
    routes.ON_BEHALF_REGISTER: (7, 5, "ask"),
    routes.ON_BEHALF_RIGHTS: (7,),
    routes.STAFF_CASES: (),
    routes.ASK_PERSON: ("yes",),
    routes.LEAVE_CASE: (),
    routes.WRITE_TEAM: (12,),
    routes.WITHDRAW: (12, "ask"),
    routes.CASE_TAKE: (12,),
    routes.CASE_WRITE: (12,),
    routes.CASE_CLOSE: (12, "not_needed"),
    routes.CASE_CONSOLE: (12,),
    routes.CASE_STOP: (),
}


def test_every_route_has_a_sample_and_a_kind_of_its_own() -> None:
    assert set(SAMPLES) == set(routes.ROUTES)
    kinds = [r.kind for r in routes.ROUTES]
    assert len(kinds) == len(set(kinds))


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.kind)
def test_the_data_a_row_builds_leads_back_to_that_row(route: routes.Route) -> None:
    args = SAMPLES[route]
    data = route.data(*args)
    assert len(data.encode()) <= 64
    pressed = routes.find(data)
    assert pressed is not None
    assert pressed.route is route
    assert pressed.args == tuple(str(a) for a in args)
    assert route.button("label", *args).action == data


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.kind)
def test_staff_rows_name_a_known_permission(route: routes.Route) -> None:
    assert route.permission is None or route.permission in PERMISSIONS
    staff = {
        "sm",
        "att",
        "poll",
        "res",
        "fac",
        "asg",
        "obo",
        "rs",
        "rep",
        "rv",
        "rvy",
        "mdl",
        "mdf",
        "mdy",
        "oo",
        "oor",
    }
    staff |= {"oob", "mdn", "obn"}
    if route.kind.startswith("st:") or route.kind in staff:
        assert route.permission is not None, route.kind


@pytest.mark.parametrize(
    ("route", "args"),
    [
        (routes.REGISTER, ("12a",)),
        (routes.MENU, ("admin",)),
        (routes.CANCEL, (3, "now")),
        (routes.FLOW_BUTTON, (1, "o1:x")),
        (routes.GO, ("x" * 80,)),
    ],
)
def test_a_row_refuses_to_build_data_that_does_not_fit_it(route: routes.Route, args: tuple[object, ...]) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        route.data(*args)


@pytest.mark.parametrize(
    "data",
    ["", "reg", "reg:", "reg:1:2", "reg:-1", "menu:admin", "st:everything", "f:1:o999", "zz:1", "reg:1" + " " * 70],
)
def test_data_we_could_not_have_sent_has_no_route(data: str) -> None:
    assert routes.find(data) is None


def test_flow_prefix_is_the_question_buttons_start() -> None:
    assert routes.flow_prefix(7) == "f:7:"
    assert routes.find(routes.flow_prefix(7) + "yes") is not None


def test_no_module_but_the_route_table_builds_button_data() -> None:
    """Screens build buttons through a route row, never from an f-string of their own."""
    offenders = []
    for folder in ("faire_lien", "bot", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "routes.py":
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"\bButton\(", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


LONGEST_FLOW = "q" * 40
"""A flow id as long as a grid file may give (dialogs/schema.py: 40 characters)."""
BEGAN = datetime(2026, 12, 3, 9, 30, 15, 123456, tzinfo=UTC)


@dataclass(frozen=True)
class Open:
    """A questionnaire in progress, as `routes.set_aside` reads one."""

    flow_id: str
    started_at: datetime = BEGAN
    on_behalf_of: int | None = None


@pytest.mark.parametrize(
    ("route", "args"),
    [
        (routes.NEW, (LONGEST_FLOW, routes.set_aside(Open(LONGEST_FLOW)))),
        (routes.OFFER_OVER, ("facilitator_meeting", 999_999_999, routes.set_aside(Open(LONGEST_FLOW)))),
        (routes.SURVEY_NEW, (999_999_999, routes.set_aside(Open(LONGEST_FLOW)))),
        (routes.ON_BEHALF_NEW, (LONGEST_FLOW, routes.set_aside(Open(LONGEST_FLOW, on_behalf_of=999_999_999)))),
    ],
    ids=lambda value: value.kind if isinstance(value, routes.Route) else "",
)
def test_a_start_over_two_questionnaires_of_the_longest_ids_fits_telegram_once_signed(
    route: routes.Route, args: tuple[object, ...]
) -> None:
    """« Commencer » over a grid whose id is 40 characters long, naming another of 40: the button is drawn (no
    error, so no crash of the screen) and Telegram takes it (≤ 64 bytes once signed)."""
    signed = Signer("123:ABC").sign(123456789, route.data(*args))
    assert len(signed.encode()) <= 64


def test_a_questionnaire_set_aside_is_told_from_another_flow_a_restart_and_another_person() -> None:
    """Four characters tell the built-in flows apart, and the same grid begun again or for someone else."""
    ids = list(load_flows(BUILTIN_DIRS, BUILDERS))
    marks = {routes.set_aside(Open(flow_id)) for flow_id in ids}
    assert len(ids) > 5 and len(marks) == len(ids)
    assert all(re.fullmatch(routes.SET_ASIDE, mark) for mark in marks)
    epices = routes.set_aside(Open("epices", on_behalf_of=41))
    assert epices == routes.set_aside(Open("epices", BEGAN.astimezone(timezone(timedelta(hours=1))), 41))
    assert epices != routes.set_aside(Open("epices", BEGAN + timedelta(seconds=1), 41))
    assert epices != routes.set_aside(Open("epices", on_behalf_of=42))
