"""Signing in with a one-time link, signing out, choosing the console's language, and the home page."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from storage import console
from web.bodies import bounded_body, replayed
from web.console.context import Console
from web.console.i18n import N_, console_language, console_languages
from web.console.pages import COOKIE, TOO_LARGE, Page, RefusedError, over_https, page, refusal, secured
from web.console.templating import render

LINK_SPENT = N_(
    "Ce lien de connexion n'est plus valable : il a déjà servi, il a expiré (10 minutes) ou il est incomplet. "
    "Envoyez /console au bot pour en recevoir un nouveau."
)
FROM_ELSEWHERE = N_(
    "Ce formulaire de connexion vient d'un autre site : pour votre sécurité, rien n'a été ouvert. "
    "Ouvrez à nouveau le lien reçu dans Telegram."
)
LANGUAGE_COOKIE = "faire_lien_lang"
LONGEST_NEXT = 512
SIGN_IN_FORM_BYTES = 4096
"""The sign-in form carries the page to go to next (at most `LONGEST_NEXT` characters): a larger body is not one."""


def local_path(wanted: str) -> str:
    """Where to go after a form: a path of this console ("/inbox/12"), else the home page (no open redirect).

    Refused: anything not starting with one "/", "//" (another host), a backslash (browsers read it as "/"),
    spaces and control characters (browsers drop tabs and newlines), a scheme or host.
    """
    if not wanted.startswith("/") or wanted.startswith("//") or len(wanted) > LONGEST_NEXT:
        return "/"
    if "\\" in wanted or any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in wanted):
        return "/"
    parts = urlsplit(wanted)
    return "/" if parts.scheme or parts.netloc else wanted


async def show_link(request: Request) -> Response:
    """The sign-in page of a link: a button, so that a link preview fetching the page does not spend it.

    A link may say where to go once signed in (`?next=/inbox/12`): the form carries it on.
    """
    the_console: Console = request.app.state.console
    token = request.path_params["token"]
    async with the_console.db.unit_of_work() as session:
        live = await console.link_is_live(session, token, the_console.now())
    if not live:
        return refusal(request, RefusedError(LINK_SPENT))
    language = console_language(request.cookies.get(LANGUAGE_COOKIE, "fr"))
    values = {"token": token, "next": local_path(request.query_params.get("next", ""))}
    return secured(Response(render(language, "login.html", values), media_type="text/html"))


def same_site(request: Request, the_console: Console) -> bool:
    """Whether a sign-in form was sent from the console's own pages, not posted by another site.

    Another site posting its own link would sign the staff member in to someone else's account (login CSRF).
    Browsers say where a request comes from in `Sec-Fetch-Site`; without it, `Origin` names the site, except
    that pages under the console's no-referrer policy send "null" for their own forms.
    """
    fetched_from = request.headers.get("sec-fetch-site")
    if fetched_from is not None:
        return fetched_from in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True
    own = {f"{request.url.scheme}://{request.url.netloc}", _origin(the_console.settings.console_base())}
    return origin.rstrip("/") in own


def _origin(url: str) -> str:
    """The scheme and host of an address ("https://desk.example.org")."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def use_link(request: Request) -> Response:
    """Spend the link and open a console session (HttpOnly cookie, SameSite=Lax, Secure behind HTTPS), then go on.

    Then the page the link asked for (a local path only), else the home page.
    """
    the_console: Console = request.app.state.console
    token = request.path_params["token"]
    now = the_console.now()
    if not same_site(request, the_console):
        return refusal(request, RefusedError(FROM_ELSEWHERE))
    body = await bounded_body(request, SIGN_IN_FORM_BYTES)
    if body is None:
        return refusal(request, RefusedError(TOO_LARGE, 413))
    form = await replayed(request, body).form(max_files=0, max_fields=4)
    wanted = form.get("next")
    after = local_path(wanted) if isinstance(wanted, str) else "/"
    async with the_console.db.unit_of_work() as session:
        sign_in = await console.use_link(session, token, now)
        if sign_in is None:
            return refusal(request, RefusedError(LINK_SPENT))
        language = "fr"
        if sign_in.staff_id is not None:
            member = await console.member(session, sign_in.staff_id)
            if member is None:
                return refusal(request, RefusedError(LINK_SPENT))
            language = await console.language_of(session, member.telegram_id) or "fr"
        cookie, _row = await console.open_session(session, sign_in, language, now)
    response = RedirectResponse(after, status_code=303)
    secure = over_https(request, the_console)
    response.set_cookie(COOKIE, cookie, httponly=True, samesite="lax", secure=secure, path="/")
    response.set_cookie(LANGUAGE_COOKIE, console_language(language), samesite="lax", secure=secure, path="/")
    return secured(response)


@page("menu")
async def home(current: Page) -> Response:
    """The home page: who is signed in, with what role, and where to go."""
    return current.render("home.html")


@page("menu")
async def sign_out(current: Page) -> Response:
    """Sign out: the cookie opens nothing any more."""
    current.login.ended_at = current.now
    response = RedirectResponse("/signed-out", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


async def signed_out(request: Request) -> Response:
    """The page after signing out."""
    language = console_language(request.cookies.get(LANGUAGE_COOKIE, "fr"))
    return secured(Response(render(language, "signed_out.html", {}), media_type="text/html"))


@page("menu")
async def choose_language(current: Page) -> Response:
    """Show the console in another of its languages."""
    wanted = current.field("language")
    if wanted in console_languages():
        current.login.language = wanted
    response = current.redirect(local_path(current.field("back")))
    language = console_language(current.login.language)
    response.set_cookie(LANGUAGE_COOKIE, language, samesite="lax", secure=current.secure, path="/")
    return response


ROUTES = [
    Route("/", home, methods=["GET"]),
    Route("/login/{token}", show_link, methods=["GET"]),
    Route("/login/{token}", use_link, methods=["POST"]),
    Route("/logout", sign_out, methods=["POST"]),
    Route("/signed-out", signed_out, methods=["GET"]),
    Route("/language", choose_language, methods=["POST"]),
]
