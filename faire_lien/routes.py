"""The one route table: for each button kind its data pattern, permission and handler; the same row builds the button.

Button data is short (≤ 64 bytes, signed per person by the Telegram adapter) and looks like `kind:arg:arg`.
A screen builds a button with `ROW.button(label, *args)`; the assistant finds the row of a pressed button
with `find(data)`, checks consent and permission, and calls the row's handler. No other module writes or
parses button data: the tokens of a question's own buttons belong to `dialogs.steps`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from dialogs.reply import Button, Reply
from dialogs.steps import TOKEN_PATTERN
from faire_lien.core import links
from faire_lien.core.turn import Turn

if TYPE_CHECKING:
    from faire_lien.assistant import Assistant

MAX_DATA = 64
ID = r"\d{1,9}"
LANG = r"[a-z]{2,3}(?:_[A-Z]{2})?"
FLOW = r"[a-z][a-z0-9_]{0,39}"
SET_ASIDE = r"[a-z2-7]{4}"
"""A questionnaire a button sets aside, as `set_aside` names it."""
WORD = r"[a-z_]{1,32}"
LINK = links.PATTERN
MENU_ITEMS = (
    "main", "rights", "screening", "sessions", "registrations", "language", "help", "privacy", "consent", "anonymous",
    "information", "requests", "person",
)  # fmt: skip
OFFER_KINDS = ("session", "checkup", "callback", "renewal", "norenewal", "rights", "facilitator", "uncallback")
OVER_FLOWS = ("callback", "facilitator_meeting", "rights_check")
"""The flows an offer starts, which may replace a questionnaire in progress once the person chose to."""
ON_BEHALF_KINDS = ("session", "checkup", "callback", "uncallback", "facilitator", "rights")
"""The offers of a card a mediator answered for someone (a rights check, a grid) that staff carry out for that
person (no reminder to set: the person has no chat)."""

Args = tuple[str, ...]
Handler = Callable[["Assistant", Turn, Args], Awaitable[list[Reply]]]


class Questionnaire(Protocol):
    """A questionnaire in progress, as a button that sets it aside tells it from any other."""

    @property
    def flow_id(self) -> str:
        """Which questionnaire."""

    @property
    def started_at(self) -> datetime:
        """When it was begun (begun again: another one)."""

    @property
    def on_behalf_of(self) -> int | None:
        """Whom a staff member answers it for; None: for themselves."""


def set_aside(current: Questionnaire) -> str:
    """How a « Commencer » button names the questionnaire it sets aside: four characters of a digest of which flow,
    begun when, for whom — the same grid begun again, or for another person, is another questionnaire, asked about
    again — short enough for a button naming a flow id of 40 characters to fit Telegram's 64 bytes once signed."""
    began = round(current.started_at.timestamp() * 1_000_000)
    key = f"{current.flow_id}|{began}|{current.on_behalf_of or ''}"
    return base64.b32encode(hashlib.sha256(key.encode()).digest()).decode()[:4].lower()


def one_of(words: tuple[str, ...]) -> str:
    """A pattern matching exactly one of these words."""
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True)
class Route:
    """One kind of button: its data pattern, who may press it, and what pressing it does."""

    kind: str
    args: tuple[str, ...]
    handler: Handler = field(compare=False, repr=False)
    permission: str | None = None
    """Staff permission (faire_lien.core.roles) checked before the handler runs; None: anyone."""
    consent: bool = True
    """Whether the person must have agreed to storage first."""
    pattern: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        parts = (re.escape(self.kind), *(f"({a})" for a in self.args))
        object.__setattr__(self, "pattern", re.compile(":".join(parts)))

    def data(self, *args: object) -> str:
        """The button data for these arguments (checked against the row's own pattern)."""
        data = ":".join((self.kind, *(str(a) for a in args)))
        if len(data.encode()) > MAX_DATA or not self.pattern.fullmatch(data):
            raise ValueError(f"button data {data!r} does not fit route {self.kind!r}")
        return data

    def button(self, label: str, *args: object) -> Button:
        """A button with this label that leads to this route."""
        return Button(label, self.data(*args))


def _staff_list(permission: str, handler: Handler, name: str) -> Route:
    return Route(f"st:{name}", (), handler, permission=permission)


# Newcomers and everyone: language, consent, menus, erasure (no consent needed).
LANGUAGE = Route("lang", (LANG,), lambda app, turn, a: app.set_language(turn, a[0]), consent=False)
SET_LANGUAGE = Route("setlang", (LANG,), lambda app, turn, a: app.set_language(turn, a[0]), consent=False)
CONSENT = Route("consent", ("yes|no|info", LANG), lambda app, turn, a: app.consent_again(turn, a[0]), consent=False)
# The same two, carrying the link someone new arrived with (a poster's session, a staff invitation).
LANGUAGE_THEN = Route(
    "langl", (LANG, LINK), lambda app, turn, a: app.set_language(turn, a[0], then=a[1]), consent=False
)
CONSENT_THEN = Route(
    "consl", ("yes|no|info", LANG, LINK), lambda app, turn, a: app.consent_again(turn, a[0], then=a[2]), consent=False
)
MENU = Route("menu", (one_of(MENU_ITEMS),), lambda app, turn, a: app.menu(turn, a[0]), consent=False)
INFO_PAGE = Route(
    "info", ("puma|c2s|ame|urgent|checkup",), lambda app, turn, a: app.information(turn, a[0]), consent=False
)
FORGET = Route("forget", ("yes|no",), lambda app, turn, a: app.forget(turn, confirmed=a[0] == "yes"), consent=False)
# Questionnaires.
GO = Route("go", (FLOW,), lambda app, turn, a: app.start_flow(turn, a[0]))
# A questionnaire begun in place of the one in progress (the flow the person chose to set aside: pressed later, over
# another questionnaire, it asks again rather than erase that one).
NEW = Route("new", (FLOW, SET_ASIDE), lambda app, turn, a: app.start_flow(turn, a[0], replace=a[1]))
# « Reprendre « … » »: the question in progress, answered by what is typed next (out of a conversation with the team).
RESUME = Route("resume", (), lambda app, turn, a: app.cases.resume(turn))
FLOW_BUTTON = Route("f", (ID, TOKEN_PATTERN), lambda app, turn, a: app.flow_button(turn, int(a[0]), a[1]))
OFFER = Route("offer", (ID, one_of(OFFER_KINDS)), lambda app, turn, a: app.offers.handle(turn, int(a[0]), a[1]))
# A request's questions (or a new rights check) begun in place of the questionnaire in progress, once the person chose
# to; `0` for none, else the card the request follows; last, the flow set aside (pressed later, over another
# questionnaire, it asks again rather than erase that one).
OFFER_OVER = Route(
    "ofn",
    (one_of(OVER_FLOWS), ID, SET_ASIDE),
    lambda app, turn, a: app.offers.over(turn, a[0], int(a[1]) or None, set_aside=a[2]),
)
SURVEY = Route("sv", (ID,), lambda app, turn, a: app.start_survey(turn, int(a[0])))
# The survey of an invitation begun in place of the questionnaire in progress (the flow the person chose to set
# aside: pressed later, over another questionnaire, it asks again rather than erase that one).
SURVEY_NEW = Route("svn", (ID, SET_ASIDE), lambda app, turn, a: app.start_survey(turn, int(a[0]), replace=a[1]))
# Sessions, as a person sees them.
# Anyone may read what sessions are coming; registering asks for consent first (see Assistant._pressed).
SESSION_KIND = Route("mk", (WORD,), lambda app, turn, a: app.meetings.list_kind(turn, a[0]), consent=False)
SESSION_PLACE = Route(
    "mkp", (WORD, ID), lambda app, turn, a: app.meetings.list_kind(turn, a[0], near=int(a[1])), consent=False
)
SESSION = Route("m", (ID,), lambda app, turn, a: app.meetings.show(turn, int(a[0])), consent=False)
REGISTER = Route("reg", (ID,), lambda app, turn, a: app.meetings.register(turn, int(a[0])))
CANCEL = Route(
    "cancel", (ID, "ask|yes"), lambda app, turn, a: app.meetings.cancel(turn, int(a[0]), confirmed=a[1] == "yes")
)
TAKE_SEAT = Route("take", (ID,), lambda app, turn, a: app.meetings.take(turn, int(a[0])))
COMING = Route("come", (ID,), lambda app, turn, a: app.meetings.coming(turn, int(a[0])))
# Staff: each row names the permission checked before its handler runs.
STAFF_SESSIONS = _staff_list("follow", lambda app, turn, a: app.staff.meetings(turn), "list")
STAFF_GRIDS = _staff_list("grids", lambda app, turn, a: app.with_someone.grids(turn), "grids")
STAFF_TEAM = _staff_list("team", lambda app, turn, a: app.team(turn), "team")
STAFF_AUDIT = _staff_list("audit", lambda app, turn, a: app.audit_log(turn), "audit")
STAFF_MEDIATE = _staff_list("grids", lambda app, turn, a: app.with_someone.languages_screen(turn), "mediate")
STAFF_OUTBOX = _staff_list("outbox", lambda app, turn, a: app.undelivered(turn), "outbox")
STAFF_CONSOLE = _staff_list("menu", lambda app, turn, a: app.console(turn), "console")
STAFF_HOME = _staff_list("menu", lambda app, turn, a: app.staff_home(turn), "home")
STAFF_CASES = _staff_list("cases", lambda app, turn, a: app.case_desk.open_cases(turn), "cases")
ROSTER = Route("sm", (ID,), lambda app, turn, a: app.staff.roster(turn, int(a[0])), permission="follow")
ATTEND = Route(
    "att",
    (ID, "present|absent|excused"),
    lambda app, turn, a: app.staff.attend(turn, int(a[0]), a[1]),
    permission="follow",
)
POLL = Route("poll", (ID,), lambda app, turn, a: app.staff.poll(turn, int(a[0])), permission="follow")
RESULTS = Route("res", (ID,), lambda app, turn, a: app.staff.results(turn, int(a[0]), app.flows), permission="follow")
FACILITATORS = Route("fac", (ID,), lambda app, turn, a: app.staff.facilitators(turn, int(a[0])), permission="assign")
ASSIGN = Route(
    "asg",
    (ID, r"\d{1,15}", "on|off"),
    lambda app, turn, a: app.staff.assign(turn, int(a[0]), int(a[1]), on=a[2] == "on"),
    permission="assign",
)
ON_BEHALF = Route(
    "obo",
    (FLOW, "ask|yes"),
    lambda app, turn, a: app.with_someone.on_behalf(turn, a[0], confirmed=a[1] == "yes"),
    permission="grids",
)
# A grid begun for someone present in place of the questionnaire the staff member had open (named last, by
# `set_aside`: pressed later, over another questionnaire, it asks again rather than erase that one; `obo:<grid>:new`,
# drawn before it named it, is no longer data we send: refused as stale).
ON_BEHALF_NEW = Route(
    "obn",
    (FLOW, SET_ASIDE),
    lambda app, turn, a: app.with_someone.on_behalf(turn, a[0], confirmed=True, replace=a[1]),
    permission="grids",
)
RESEND = Route(
    "rs",
    (ID, "ask|yes"),
    lambda app, turn, a: app.resend(turn, int(a[0]), confirmed=a[1] == "yes"),
    permission="outbox",
)
REPORT = Route("rep", (r"\d{4}",), lambda app, turn, a: app.yearly_report(turn, int(a[0])), permission="report")
# Revoking asks first (buttons already sitting in chats too); « Oui » carries when the role was given (`granted`).
REVOKE = Route("rv", (r"\d{1,15}",), lambda app, turn, a: app.ask_revoke(turn, int(a[0])), permission="team")
REVOKE_CONFIRM = Route(
    "rvy", (r"\d{1,15}", r"\d{1,16}"), lambda app, turn, a: app.revoke(turn, int(a[0]), int(a[1])), permission="team"
)
MEDIATED_LANGUAGE = Route(
    "mdl", (LANG,), lambda app, turn, a: app.with_someone.mediated(turn, a[0]), permission="grids"
)
MEDIATED_FLOW = Route(
    "mdf",
    (LANG, FLOW),
    lambda app, turn, a: app.with_someone.mediated(turn, a[0], a[1], confirmed=False),
    permission="grids",
)
MEDIATED_START = Route(
    "mdy",
    (LANG, FLOW),
    lambda app, turn, a: app.with_someone.mediated(turn, a[0], a[1], confirmed=True),
    permission="grids",
)
# The person agreed while the staff member had another questionnaire open: that one (named last, by `set_aside`) is
# dropped, this one begins; pressed later, over another questionnaire, it asks again rather than erase that one
# (`mdn:<lang>:<flow>`, drawn before it named the one it sets aside, is no longer data we send: refused as stale).
MEDIATED_NEW = Route(
    "mdn",
    (LANG, FLOW, SET_ASIDE),
    lambda app, turn, a: app.with_someone.mediated(turn, a[0], a[1], confirmed=True, replace=a[2]),
    permission="grids",
)
# The questionnaire open with someone goes on in the language just chosen for them, their answers kept: their consent
# asked first in that language (`mds`), then recorded in it as the questionnaire goes on (`mdsy`), or refused (`mdsn`).
MEDIATED_SWITCH = Route(
    "mds",
    (LANG, FLOW),
    lambda app, turn, a: app.with_someone.switch(turn, a[0], a[1]),
    permission="grids",
)
MEDIATED_SWITCH_YES = Route(
    "mdsy",
    (LANG, FLOW),
    lambda app, turn, a: app.with_someone.switch(turn, a[0], a[1], agreed=True),
    permission="grids",
)
MEDIATED_SWITCH_NO = Route(
    "mdsn",
    (LANG, FLOW),
    lambda app, turn, a: app.with_someone.switch_refused(turn, a[0], a[1]),
    permission="grids",
)
# A questionnaire a staff member began with someone, dropped from the staff menu once confirmed: nothing stored.
ABANDON = Route(
    "mdx",
    ("ask|yes",),
    lambda app, turn, a: app.with_someone.abandon(turn, confirmed=a[0] == "yes"),
    permission="grids",
)
# The offers of a card a mediator answered for someone, carried out for that person by that mediator.
ON_BEHALF_OFFER = Route(
    "oo",
    (ID, one_of(ON_BEHALF_KINDS)),
    lambda app, turn, a: app.on_behalf.offer(turn, int(a[0]), a[1]),
    permission="grids",
)
ON_BEHALF_REGISTER = Route(
    "oor",
    (ID, ID, "ask|yes"),
    lambda app, turn, a: app.on_behalf.register(turn, int(a[0]), int(a[1]), confirmed=a[2] == "yes"),
    permission="grids",
)
# The rights check offered under a grid's card, begun for the same person once they agreed again.
ON_BEHALF_RIGHTS = Route("oob", (ID,), lambda app, turn, a: app.on_behalf.rights(turn, int(a[0])), permission="grids")
# Cases: the person's side (ask a person, leave a conversation, withdraw a request) and the staff side.
ASK_PERSON = Route("ap", ("ask|yes",), lambda app, turn, a: app.cases.ask(turn, confirmed=a[0] == "yes"))
LEAVE_CASE = Route("cl", (), lambda app, turn, a: app.cases.leave(turn))
WRITE_TEAM = Route("cm", (ID,), lambda app, turn, a: app.cases.write_team(turn, int(a[0])))
WITHDRAW = Route(
    "rq", (ID, "ask|yes"), lambda app, turn, a: app.cases.withdraw(turn, int(a[0]), confirmed=a[1] == "yes")
)
CASE_TAKE = Route("ct", (ID,), lambda app, turn, a: app.case_desk.take(turn, int(a[0])), permission="cases")
CASE_WRITE = Route("cw", (ID,), lambda app, turn, a: app.case_desk.write(turn, int(a[0])), permission="cases")
CASE_CLOSE = Route(
    "cc",
    (ID, "ask|helped|referred|unreachable|not_needed"),
    lambda app, turn, a: app.case_desk.close(turn, int(a[0]), a[1]),
    permission="cases",
)
CASE_CONSOLE = Route("co", (ID,), lambda app, turn, a: app.case_desk.console(turn, int(a[0])), permission="cases")
CASE_STOP = Route("cs", (), lambda app, turn, a: app.case_desk.stop(turn), permission="cases")
CASE_REPLY_ROUTES = (CASE_TAKE, CASE_WRITE, CASE_CONSOLE)
"""A staff member's text sent as a Telegram reply to a message with one of these buttons goes to that case."""

ROUTES: tuple[Route, ...] = (
    LANGUAGE, SET_LANGUAGE, CONSENT, LANGUAGE_THEN, CONSENT_THEN, MENU, INFO_PAGE, FORGET,
    GO, NEW, RESUME, FLOW_BUTTON, OFFER, OFFER_OVER, SURVEY, SURVEY_NEW,
    SESSION_KIND, SESSION_PLACE, SESSION, REGISTER, CANCEL, TAKE_SEAT, COMING,
    STAFF_SESSIONS, STAFF_GRIDS, STAFF_TEAM, STAFF_AUDIT, STAFF_MEDIATE, STAFF_OUTBOX, STAFF_CONSOLE, STAFF_HOME,
    STAFF_CASES,
    ROSTER, ATTEND, POLL, RESULTS, FACILITATORS, ASSIGN, ON_BEHALF, ON_BEHALF_NEW, RESEND, REPORT, REVOKE,
    REVOKE_CONFIRM, MEDIATED_LANGUAGE, MEDIATED_FLOW, MEDIATED_START, MEDIATED_NEW, MEDIATED_SWITCH,
    MEDIATED_SWITCH_YES, MEDIATED_SWITCH_NO, ABANDON,
    ON_BEHALF_OFFER, ON_BEHALF_REGISTER, ON_BEHALF_RIGHTS,
    ASK_PERSON, LEAVE_CASE, WRITE_TEAM, WITHDRAW, CASE_TAKE, CASE_WRITE, CASE_CLOSE, CASE_CONSOLE, CASE_STOP,
)  # fmt: skip
_BY_KIND: dict[str, list[Route]] = {}
for _route in ROUTES:
    _BY_KIND.setdefault(_route.kind.split(":", 1)[0], []).append(_route)


def flow_prefix(turn: int) -> str:
    """The start of the data of a question's buttons asked at this turn; the step kind adds its token."""
    return f"{FLOW_BUTTON.kind}:{turn:d}:"


@dataclass(frozen=True)
class Pressed:
    """A pressed button: its route and the arguments read from its data."""

    route: Route
    args: Args


def find(data: str) -> Pressed | None:
    """The route of this button data, or None when it is not data we could have sent."""
    if len(data.encode()) > MAX_DATA:
        return None
    for route in _BY_KIND.get(data.split(":", 1)[0], ()):
        found = route.pattern.fullmatch(data)
        if found:
            return Pressed(route, found.groups())
    return None
