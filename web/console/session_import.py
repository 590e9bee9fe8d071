"""Importing sessions from a CSV or YAML file: every problem with its line, a preview, then publish all or none.

The file is read by `faire_lien/sessions/spec.py`, as `faire-lien sessions import` reads it. The preview page
carries the file's text in a hidden field; publishing reads it again, so what is published is what was checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from starlette.datastructures import UploadFile
from starlette.responses import Response
from starlette.routing import Route

from dialogs.bidi import stripped
from dialogs.i18n import Translator
from faire_lien.sessions import texts
from faire_lien.sessions.service import already_published, publish
from faire_lien.sessions.spec import MeetingInput, Problem, SpecError, parse_csv, parse_yaml
from web.console.flash import counted, said
from web.console.i18n import N_
from web.console.pages import Page, page
from web.console.session_form import CLOCK_CHANGE, OWN_RULES, UNKNOWN_FIELD, reason
from web.console.session_views import name_of

SAMPLE = (
    "kind,title_fr,title_en,title_ar,description_fr,start,end,place,address,access_notes,capacity,min_size,"
    "languages,series\r\n"
    "info_meeting,Réunion d'information C2S,C2S information meeting,,\"Comment demander la C2S, avec qui, "
    'quels papiers apporter.",2027-01-12 14:00,16:00,CPAM Poitiers,"41 rue Touffenet, 86000 Poitiers",'
    'Ascenseur; bus ligne 1 arrêt Touffenet,12,,"fr,en,ar",\r\n'
)
"""The sample file: the header with every column, and one session (times are Paris local time)."""
FILE_PROBLEMS = {
    "yaml": N_("Ce n'est pas un fichier YAML valide : vérifiez l'indentation et les deux-points."),
    "not_a_list": N_("Le fichier YAML doit être une liste de rencontres (chaque rencontre commence par « - »)."),
    "extra_values": N_(
        "Cette ligne a plus de valeurs que l'en-tête n'a de colonnes : une virgule dans une valeur sans guillemets ?"
    ),
    "csv": N_("Cette ligne ne se lit pas comme du CSV (guillemet non fermé ?)."),
    "too_many": N_(
        "Ce fichier contient plus de 500 rencontres : découpez-le en plusieurs fichiers, puis envoyez-les un par un."
    ),
    "too_many_problems": N_(
        "Ce fichier a d'autres problèmes, non lus : corrigez ceux de cette liste, puis envoyez-le à nouveau."
    ),
}
DUPLICATE = N_("Cette rencontre est la même qu'à la ligne {line} : retirez l'une des deux.")
TOO_BIG = N_(
    "Ce fichier dépasse 600 Ko : découpez-le en plusieurs fichiers (500 rencontres au plus chacun), puis envoyez-les "
    "un par un."
)
MAX_FILE_BYTES = 600_000
"""An import file's size at most: its preview sends it back whole in a form field, encoded (each byte of an accented
letter becomes three), within the console's form limit (`MAX_FORM_BYTES`)."""
NOT_UTF8 = N_("Ce fichier n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » (ou YAML en UTF-8).")
NO_FILE = N_("Choisissez un fichier CSV ou YAML.")
EMPTY = N_("Ce fichier ne contient aucune rencontre.")
ALREADY_IMPORTED = N_("Les rencontres de ce fichier étaient déjà publiées : elles ne sont pas publiées deux fois.")


@dataclass(frozen=True)
class Line:
    """One problem of the file, as the page lists it."""

    line: int | None
    field: str
    reason: str


def explain(current: Page, problem: Problem) -> Line:
    """A problem of the file in plain words, with its line and the field as the file names it."""
    if problem.code in FILE_PROBLEMS:
        return Line(problem.line, "", current.text(FILE_PROBLEMS[problem.code]))
    if problem.code == "duplicate":
        return Line(problem.line, "", current.text(DUPLICATE, line=str(problem.same_as)))
    if problem.code in OWN_RULES:
        return Line(problem.line, problem.field, current.text(OWN_RULES[problem.code][1]))
    if problem.code in CLOCK_CHANGE:
        return Line(problem.line, problem.field, current.text(CLOCK_CHANGE[problem.code]))
    top = problem.field.split(".", 1)[0]
    if problem.code == "extra_forbidden":
        return Line(problem.line, problem.field, current.text(UNKNOWN_FIELD, field=problem.field))
    words = reason(problem.code, top)
    return Line(problem.line, problem.field, current.text(words) if words else problem.reason)


def when(spec: MeetingInput, t: Translator) -> str:
    """ "12 janv. 2027 · 14:00–16:00", Paris time, in the console's language."""
    start = texts.local_time(spec.start)
    end = texts.local_time(spec.end) if isinstance(spec.end, datetime) else spec.end
    return f"{t.date(start.date(), 'medium')} · {t.time(start)}–{t.time(end)}"


def parse(name: str, text: str, now: datetime) -> list[MeetingInput]:
    """The sessions of a file: YAML when its name says so, else CSV (raises `SpecError`, a start passed or over two
    years ahead included)."""
    if name.lower().endswith((".yaml", ".yml")):
        return parse_yaml(text, name, now)
    return parse_csv(text, name, now)


def show_import(current: Page, problems: list[Line] | None = None, name: str = "", status: int = 200) -> Response:
    """The upload form, with the problems of the last file sent."""
    return current.render("sessions/import.html", status=status, problems=problems or [], name=name)


@page("publish")
async def import_page(current: Page) -> Response:
    """Choose a file; a link to a sample."""
    return show_import(current)


@page("publish")
async def check_import(current: Page) -> Response:
    """Read the file sent: its problems with their lines, or a preview of the sessions it would publish."""
    sent = current.form.get("file") if current.form is not None else None
    if not isinstance(sent, UploadFile) or not sent.filename:
        return show_import(current, [Line(None, "", current.text(NO_FILE))], status=400)
    name = stripped(sent.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])  # a name cannot reverse the page's text
    if sent.size is not None and sent.size > MAX_FILE_BYTES:
        return show_import(current, [Line(None, "", current.text(TOO_BIG))], name, 413)
    try:
        text = (await sent.read()).decode("utf-8-sig")
    except UnicodeDecodeError:
        return show_import(current, [Line(None, "", current.text(NOT_UTF8))], name, 400)
    return await checked(current, name, text)


async def checked(current: Page, name: str, text: str, *, publishing: bool = False) -> Response:
    """Problems, or the preview; when `publishing`, publish every session of the file at once."""
    try:
        specs = parse(name, text, current.now)
    except SpecError as error:
        return show_import(current, [explain(current, p) for p in error.problems], name, 400)
    if not specs:
        return show_import(current, [Line(None, "", current.text(EMPTY))], name, 400)
    if publishing:
        return await _publish(current, specs)
    rows = [
        (
            current.t(texts.kind_name(spec.kind)),
            spec.title["fr"],
            when(spec, current.t),
            spec.place,
            spec.capacity,
            ", ".join(name_of(code) for code in spec.languages),
        )
        for spec in specs
    ]
    return current.render("sessions/import_preview.html", rows=rows, name=name, content=text)


async def _publish(current: Page, specs: list[MeetingInput]) -> Response:
    """Publish the file's sessions, but not one this staff member published already (the file sent twice)."""
    fresh = [s for s in specs if await already_published(current.session, s, current.staff, current.now) is None]
    if not fresh:
        return current.redirect("/sessions", flash=said(ALREADY_IMPORTED))
    ids = await publish(current.session, fresh, current.staff, current.now)
    imported = counted("{n} rencontre importée et publiée.", "{n} rencontres importées et publiées.", len(ids))
    return current.redirect("/sessions", flash=imported)


@page("publish")
async def confirm_import(current: Page) -> Response:
    """Publish every session of the file checked on the preview (read again: all or nothing)."""
    name = current.field("name") or "import.csv"
    content = current.form.get("content") if current.form is not None else None
    return await checked(current, name, content if isinstance(content, str) else "", publishing=True)


@page("publish")
async def sample_csv(current: Page) -> Response:
    """A CSV file with every column and one example session, to fill in a spreadsheet."""
    return Response(
        SAMPLE.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="rencontres-modele.csv"'},
    )


ROUTES = [
    Route("/sessions/import", import_page, methods=["GET"]),
    Route("/sessions/import", check_import, methods=["POST"]),
    Route("/sessions/import/publish", confirm_import, methods=["POST"]),
    Route("/sessions/import/sample.csv", sample_csv, methods=["GET"]),
]
