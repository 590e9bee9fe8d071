"""How every console page runs: who is signed in, their role from the bot's permission table, CSRF, audit.

A page is `async def handler(page: Page) -> Response`, wrapped with `@page("permission")`. The wrapper
opens one unit of work, finds the console session from the cookie, checks the role (a revoked staff member
is refused at once), checks the CSRF token of every POST, and turns a refusal into a clear 403 page.

A report page (`@page("permission", report=True)`: results, the yearly report, grid counts, their exports)
runs its handler after that unit of work has committed, so a long count never holds SQLite's write lock
while people talk to the bot: its `session` is a read-only one (`Database.read_only`), the reports read
through the services, which audit their own reads, and the page's own audit rows (exports) are written in
a unit of work once the handler has finished, before the answer leaves.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from dialogs.i18n import Translator, translator
from dialogs.text import Msg
from faire_lien.core.roles import Staff, may
from faire_lien.sessions.access import NotAllowedError, NotYourSessionError
from faire_lien.staff.names import colleague
from storage import audit, console
from storage.models import ConsoleSession, StaffMember
from storage.statuses import AuditAction
from web.bodies import bounded_body, replayed
from web.console.context import Console
from web.console.flash import Said, Value, dump, load
from web.console.i18n import N_, catalog, console_language, fallback_notice
from web.console.nav import ROLE_NAMES, badges
from web.console.templating import render
from web.console.unsent import unsent

log = logging.getLogger(__name__)

COOKIE = "faire_lien_console"
FLASH = "faire_lien_flash"
MAX_FORM_BYTES = 2_000_000
"""A form larger than this (an import file included) is refused: never read past this many bytes."""
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class RefusedError(Exception):
    """The page answers 403 with this (console catalog) text."""

    def __init__(self, reason: str, status: int = 403) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class NotFoundError(RefusedError):
    """The page answers 404: no such session, registration or item (or not one this person may see)."""

    def __init__(self, reason: str = N_("Cette page n'existe pas, ou plus.")) -> None:
        super().__init__(reason, 404)


NOT_SIGNED_IN = N_(
    "Vous n'êtes pas connecté·e à la console, ou votre session a expiré. "
    "Envoyez /console au bot pour recevoir un lien de connexion."
)
WRONG_ROLE = N_("Votre rôle ne donne pas accès à cette page.")
NOT_YOURS = N_("Cette rencontre n'est pas l'une des vôtres : demandez à une coordinatrice de vous y affecter.")
BAD_FORM = N_(
    "Ce formulaire a expiré ou ne vient pas de la console (jeton de sécurité absent ou faux). "
    "Rechargez la page et recommencez."
)
TOO_LARGE = N_("Ce formulaire est trop volumineux.")
NOT_VALID = N_("Cette valeur n'est pas valide.")
NUL = "\x00"
"""A character no text column holds (PostgreSQL refuses it): dropped from forms, an address carrying it refused."""
LARGEST_ID = 2**31 - 1
"""No row's id is larger (PostgreSQL's integer): a larger number in an address names a page that does not exist."""


class IdConvertor(Convertor[int]):
    """A row's id in an address (`{case_id:id}`): 1 to 10 digits. A longer number is no address the console has: its
    page that does not exist, where Starlette's `int` would fail to convert 4 301 digits and answer a bare 500."""

    regex = "[0-9]{1,10}"

    def convert(self, value: str) -> int:
        """The id as a number."""
        return int(value)

    def to_string(self, value: int) -> str:
        """The id as written in an address."""
        return str(value)


register_url_convertor("id", IdConvertor())


@dataclass
class Page:
    """One request to a console page, signed in: the unit of work, the staff member, their language."""

    request: Request
    console: Console
    session: AsyncSession
    staff: Staff
    login: ConsoleSession
    member: StaffMember | None
    """The signed-in staff member's row (None for the server's operator)."""
    now: datetime
    form: FormData | None = None
    cookies: dict[str, str] = field(default_factory=dict)
    """Cookies to set on the response (the flash message)."""
    badges: dict[str, int] = field(default_factory=dict)
    """A count to show next to some menu entries, by path (new cases next to the inbox)."""
    held: list[tuple[AuditAction, int | None, dict[str, Any]]] | None = None
    """On a report page, the audit rows to write once the handler has read what it shows."""

    @property
    def language(self) -> str:
        """The console's language for this staff member."""
        return console_language(self.login.language)

    @property
    def t(self) -> Translator:
        """The bot's texts in the console's language (session kinds, survey questions…)."""
        return translator(self.language)

    @property
    def csrf(self) -> str:
        """The token every form of this session carries."""
        return self.login.csrf

    def text(self, msgid: str, **params: Any) -> str:
        """A console text in this staff member's language, its {placeholders} filled: a count (an int) written as
        the language writes numbers ("1 234", "1,234"); a number that names something (a request's) passed as text."""
        found = catalog(self.language).gettext(msgid)
        return found.format(**self._written(params)) if params else found

    def ntext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        """A console text with a count, in the right plural form; `{n}` is the count, written as the language
        writes numbers."""
        found = catalog(self.language).ngettext(singular, plural, n)
        return found.format(**self._written({"n": n, **params}))

    def _written(self, params: dict[str, Any]) -> dict[str, Any]:
        return {k: self.t.format(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in params.items()}

    def show(self, message: Said) -> str:
        """A message kept untranslated (a flash) in this staff member's language now."""
        params = {key: self._shown(value) for key, value in message.params.items()}
        if message.plural is not None and message.n is not None:
            return self.ntext(message.msgid, message.plural, message.n, **params)
        return self.text(message.msgid, **params)

    def _shown(self, value: Value) -> str | int:
        if isinstance(value, Said):
            return self.show(value)
        if isinstance(value, Msg):
            return self.t(value)
        return value

    @property
    def name(self) -> str:
        """How the header names the signed-in staff member: display name, else Telegram first name, else number."""
        if self.member is None:
            return self.staff.label
        return colleague(self.member)

    def may(self, permission: str) -> bool:
        """Whether the signed-in role has this permission in the bot's table."""
        return may(self.staff.role, permission)

    def require(self, permission: str) -> None:
        """Refuse the page (403) unless the role has this permission."""
        if not self.may(permission):
            raise RefusedError(WRONG_ROLE)

    def field(self, name: str, default: str = "") -> str:
        """A text field of the submitted form, stripped (empty when absent)."""
        value = self.form.get(name) if self.form is not None else None
        return value.strip() if isinstance(value, str) else default

    def audit(self, action: AuditAction, person_id: int | None = None, **detail: Any) -> None:
        """An audit row for a read of personal data or an export, in this unit of work (a report page: just after)."""
        if self.held is not None:
            self.held.append((action, person_id, {"via": "console", **detail}))
            return
        audit.record(
            self.session,
            actor=self.staff.label,
            action=action,
            at=self.now,
            person_id=person_id,
            detail={"via": "console", **detail},
        )

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        """A page of the console layout."""
        flashed = _read_flash(self.request, self.csrf)
        flash = " ".join(self.show(m) for m in flashed) if flashed else None
        context = {
            "page": self,
            "staff": self.staff,
            "staff_name": self.name,
            "role_name": self.text(ROLE_NAMES[self.staff.role]),
            "request_path": self.request.url.path,
            "back": self.back,
            "fallback": fallback_notice(self.login.language),
            "csrf": self.csrf,
            "flash": flash,
            "now": self.now,
            **values,
        }
        response = HTMLResponse(render(self.language, template, context), status_code=status)
        if self.request.cookies.get(FLASH):
            response.delete_cookie(FLASH, path="/")
        return response

    @property
    def back(self) -> str:
        """This page's address with its query (filters, page number), to come back to it after switching language."""
        query = self.request.url.query
        return f"{self.request.url.path}?{query}" if query and self.request.method == "GET" else self.request.url.path

    def redirect(self, path: str, flash: Said | Sequence[Said] | None = None) -> RedirectResponse:
        """Back to a page after a form (303, so reloading does not send it again), with a message to show there,
        translated there (in the language the staff member reads by then)."""
        response = RedirectResponse(path, status_code=303)
        if flash is not None:
            flashed = _sign_flash(dump([flash] if isinstance(flash, Said) else flash), self.csrf)
            response.set_cookie(FLASH, flashed, httponly=True, samesite="lax", secure=self.secure, path="/")
        return response

    @property
    def secure(self) -> bool:
        """Whether the console's cookies travel over HTTPS only (the console is served over HTTPS)."""
        return over_https(self.request, self.console)


Handler = Callable[[Page], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def page(permission: str, *, report: bool = False) -> Callable[[Handler], Endpoint]:
    """Wrap a page handler: sign-in, role, CSRF on POST, one unit of work, refusals as 403 pages.

    With `report`, the handler runs after the unit of work, on a read-only session (module docstring).
    """

    def wrap(handler: Handler) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            the_console: Console = request.app.state.console
            now = the_console.now()
            form: FormData | None = None
            try:
                if _carries_nul(request):
                    raise RefusedError(NOT_VALID, 400)
                form = await _form(request)
                async with the_console.db.unit_of_work() as session:
                    signed = await signed_in(session, request, the_console, now)
                    if signed is None:
                        raise RefusedError(NOT_SIGNED_IN)
                    login, staff, member = signed
                    if request.method == "POST" and not _csrf_ok(form, login.csrf):
                        raise RefusedError(BAD_FORM)
                    current = Page(request, the_console, session, staff, login, member, now, form)
                    if not current.may(permission):
                        raise RefusedError(WRONG_ROLE)
                    if not _ids_possible(request):
                        raise NotFoundError
                    current.badges = await badges(session, staff.role)
                    if not report:
                        response = await handler(current)
                if report:
                    response = await _report(current, handler)
            except NotYourSessionError:
                return refusal(request, RefusedError(NOT_YOURS))
            except NotAllowedError:
                return refusal(request, RefusedError(WRONG_ROLE))
            except RefusedError as refused:
                unread = refused.reason in (NOT_SIGNED_IN, BAD_FORM)  # the handler never ran: nothing typed was kept
                return refusal(request, refused, form if unread else None)
            return secured(response)

        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    return wrap


async def _report(current: Page, handler: Handler) -> Response:
    """A report page's handler on a read-only session, then the audit rows it held, committed before it answers."""
    db = current.console.db
    current.held = []
    async with db.read_only() as reader:
        current.session = reader
        response = await handler(current)
    if current.held:
        async with db.unit_of_work() as session:
            for action, person_id, detail in current.held:
                audit.record(
                    session,
                    actor=current.staff.label,
                    action=action,
                    at=current.now,
                    person_id=person_id,
                    detail=detail,
                )
    return response


def over_https(request: Request, the_console: Console) -> bool:
    """Whether the browser reaches the console over HTTPS (directly, or behind a proxy: its public address)."""
    return request.url.scheme == "https" or the_console.settings.console_base().startswith("https:")


async def signed_in(
    session: AsyncSession, request: Request, the_console: Console, now: datetime
) -> tuple[ConsoleSession, Staff, StaffMember | None] | None:
    """The console session of this request's cookie and who it is, with their role as of now."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    login = await console.live_session(session, token, now, the_console.idle)
    if login is None:
        return None
    if login.staff_id is None:
        return login, Staff("coordinator", None, login.actor), None
    member = await console.member(session, login.staff_id)
    if member is None:
        login.ended_at = now  # revoked since: signed out for good
        return None
    return login, Staff(member.role, member.id, login.actor), member


def refusal(request: Request, refused: RefusedError, unread: FormData | None = None) -> Response:
    """The clear page of a refusal, in the language of the browser's console session if any (else French).

    With `unread`, a form refused before anything of it was saved or sent: the texts typed in it, to copy.
    """
    language = console_language(request.cookies.get("faire_lien_lang", "fr"))
    typed = [] if unread is None else unsent(request, unread, request.app.state.console.languages, language)
    values = {"reason": refused.reason, "status": refused.status, "unsent": typed}
    body = render(language, "refused.html", values)
    return secured(HTMLResponse(body, status_code=refused.status))


async def unknown_address(request: Request, error: Exception) -> Response:
    """An address the console does not have, or a method it does not take there: its clear page, with its headers."""
    status = error.status_code if isinstance(error, HTTPException) else 404
    return refusal(request, RefusedError(NotFoundError().reason, status))


def secured(response: Response) -> Response:
    """Headers every console answer carries: no framing, no referrer (links carry tokens), no caching."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def _form(request: Request) -> FormData | None:
    if request.method != "POST":
        return None
    body = await bounded_body(request, MAX_FORM_BYTES)
    if body is None:
        raise RefusedError(TOO_LARGE, 413)
    try:
        # One field may hold nearly the whole form: the import preview carries its file back in a hidden field.
        form = await replayed(request, body).form(max_files=4, max_fields=2000, max_part_size=MAX_FORM_BYTES)
    except Exception as error:  # noqa: BLE001 - any malformed body is the sender's fault: a clear 400 page
        log.info("unreadable console form: %s", type(error).__name__)
        raise RefusedError(BAD_FORM, 400) from None
    return FormData([(k, v.replace(NUL, "") if isinstance(v, str) else v) for k, v in form.multi_items()])


def _carries_nul(request: Request) -> bool:
    """Whether the address holds a NUL character (`%00`), which no search or page can use."""
    values = [*request.query_params.values(), *map(str, request.path_params.values())]
    return any(NUL in value for value in values)


def _ids_possible(request: Request) -> bool:
    """Whether every number in the address could be a row's id."""
    return all(not isinstance(value, int) or value <= LARGEST_ID for value in request.path_params.values())


def _csrf_ok(form: FormData | None, expected: str) -> bool:
    sent = form.get("csrf") if form is not None else None
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), expected.encode())


def _sign_flash(text: str, key: str) -> str:
    body = base64.urlsafe_b64encode(text.encode()).decode()
    mac = hmac.new(key.encode(), body.encode(), hashlib.sha256).hexdigest()[:32]
    return quote(f"{body}.{mac}")


def _read_flash(request: Request, key: str) -> list[Said] | None:
    value = unquote(request.cookies.get(FLASH) or "")  # set quoted: base64 padding "=" travels as %3D
    if not value or "." not in value:
        return None
    body, _, mac = value.rpartition(".")
    expected = hmac.new(key.encode(), body.encode(), hashlib.sha256).hexdigest()[:32]
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        return load(base64.urlsafe_b64decode(body.encode()).decode())
    except ValueError:
        return None
