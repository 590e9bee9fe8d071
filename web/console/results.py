"""Survey results pages: one session's (facilitators who follow it, coordinators), a kind of session's over whole
months (coordinators), each with charts, a data table per question, masked comments, CSV and XLSX exports.

A session's answers count in whole groups of 5, in the order they came (`storage/survey_groups.py`): a page
says how many answers were received and for how many results are shown. A result over a period shows only
figures of sessions with 5 respondents or more, so that two periods subtracted never reveal a smaller group
(`faire_lien/surveys/disclosure.py`). Exports hold what the page shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from starlette.responses import Response
from starlette.routing import Route

from dialogs.schema import Flow
from faire_lien.core.months import DAY, Month, NotAMonthError
from faire_lien.sessions import texts
from faire_lien.surveys.disclosure import PeriodFigures, period_figures
from faire_lien.surveys.exports import Cell, to_french_csv, to_xlsx
from faire_lien.surveys.invitations import HOT, IMPACT
from faire_lien.surveys.present import NOBODY_YET as NOBODY_TO_EXPORT
from faire_lien.surveys.present import nothing_to_export
from faire_lien.surveys.results import MIN_GROUP, SurveyReport
from faire_lien.surveys.service import (
    LATEST_COMMENTS,
    ExportAction,
    MeetingResults,
    Selection,
    meeting_results,
    meeting_surveys_results,
    survey_results,
)
from faire_lien.surveys.waiting import pending
from storage.models import Meeting
from storage.statuses import MEETING_KINDS
from storage.types import PARIS
from web.console.flash import Said, said
from web.console.i18n import N_
from web.console.local_time import month
from web.console.meeting_heading import day_and_time
from web.console.pages import NotFoundError, Page, page
from web.console.session_changes import quiet
from web.console.survey_view import SurveyView, answer_rows, comment_rows, survey_view

SURVEYS = (HOT, IMPACT)
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = (
    N_("Question"),
    N_("Réponse"),
    N_("Nombre"),
    N_("Pourcentage"),
    N_("Réponses à la question"),
    N_("Moyenne"),
    N_("Médiane"),
    N_("NPS"),
)
FEWER = N_("Moins de 5 réponses : masqué")
NOT_YET = N_("Aucune réponse comptée : il en faut 5 d'une même rencontre")
"""The response rate of an export none of whose sessions has a whole group of 5 respondents yet."""
NOBODY_YET = N_("Personne n'a encore répondu : il n'y a rien à télécharger.")
ALL_HIDDEN = N_(
    "Moins de {min} réponses par rencontre : les résultats restent cachés pour protéger l'anonymat ; "
    "il n'y a rien à télécharger."
)
"""Why an export gives no file: nobody answered yet, or no session has a whole group of 5 respondents."""
NOT_A_MONTH = N_("« {value} » n'est pas un mois : écrivez-le AAAA-MM, par exemple 2026-11.")
A_DAY = N_(
    "« {value} » est un jour : les résultats couvrent des mois entiers, pour que comparer deux périodes ne "
    "permette de reconnaître personne. Donnez un mois (AAAA-MM)."
)
BACKWARDS = N_("Le premier mois ({first}) est après le dernier ({last}).")
PERIOD = N_("Période : {first} – {last}")
"""The months a result covers, in words (« Période : janvier 2026 – mars 2026 »)."""
NOT_SENT = N_("Ce questionnaire n'a pas encore été envoyé : il n'y a pas encore de résultats.")
WILL_GO = N_("Ce questionnaire n'a pas encore été envoyé : il partira le {day} à {time}.")
AFTER_END = N_(
    "Ce questionnaire n'a pas encore été envoyé : il pourra l'être après la fin de la rencontre, le {day} à {time}."
)
UNKNOWN_KIND = N_("Choisissez un type de rencontre de la liste.")
UNKNOWN_SURVEY = N_("Choisissez un questionnaire de la liste.")


@dataclass
class Period:
    """The filters of the results by kind: survey, kind of session, first and last month (whole months)."""

    survey: str
    kind: str
    first: str
    last: str
    errors: list[str] = field(default_factory=list)
    months: tuple[Month, Month] | None = None


def surveys(current: Page) -> list[Flow]:
    """The surveys the console knows, hot evaluation first."""
    return [current.console.flows[f] for f in SURVEYS if f in current.console.flows]


def survey(current: Page) -> Flow:
    """The survey chosen in the query (the hot evaluation by default); 404 for an unknown one."""
    wanted = current.request.query_params.get("survey", HOT)
    flow = current.console.flows.get(wanted) if wanted in SURVEYS else None
    if flow is None:
        raise NotFoundError()
    return flow


def period(current: Page) -> Period:
    """The filters read from the query, checked; this year until this month when none are given."""
    query = current.request.query_params
    this_month = Month.of(current.now.astimezone(PARIS))
    chosen = Period(
        query.get("survey", HOT),
        query.get("kind", MEETING_KINDS[0]),
        query.get("from", str(Month(this_month.year, 1))).strip(),
        query.get("to", str(this_month)).strip(),
    )
    if chosen.survey not in {f.id for f in surveys(current)}:
        chosen.errors.append(current.text(UNKNOWN_SURVEY))
    if chosen.kind not in MEETING_KINDS:
        chosen.errors.append(current.text(UNKNOWN_KIND))
    bounds = [_month(current, value, chosen.errors) for value in (chosen.first, chosen.last)]
    first, last = bounds
    if first is not None and last is not None:
        if first > last:
            chosen.errors.append(
                current.text(BACKWARDS, first=month(first, current.language), last=month(last, current.language))
            )
        else:
            chosen.months = (first, last)
    return chosen


def _month(current: Page, value: str, errors: list[str]) -> Month | None:
    try:
        return Month.parse(value)
    except NotAMonthError:
        errors.append(current.text(A_DAY if DAY.fullmatch(value) else NOT_A_MONTH, value=value))
        return None


async def _meeting_reports(current: Page, meeting_id: int) -> tuple[Meeting, list[MeetingResults]]:
    """Each survey's results for one session the staff member follows (the hot evaluation always, the others
    once people were invited to them); the view is audited once by the service."""
    flows = surveys(current)
    found = await meeting_surveys_results(current.console.db, flows, meeting_id, current.staff, current.now)
    if not found:
        raise NotFoundError()
    shown = [one for flow, one in zip(flows, found, strict=True) if flow.id == HOT or one.report.invited]
    return found[0].meeting, shown


@dataclass(frozen=True)
class SessionSurvey:
    """One survey on a session's results page: its results once it went out to someone, else only when it will."""

    flow_id: str
    title: str
    report: SurveyReport | None = None
    view: SurveyView | None = None
    waiting: str = ""
    """Said instead of results while nobody was sent the survey: when it goes out, or can be sent."""
    can_send: bool = False
    """Whether the page links to the satisfaction poll's page, where staff send it."""


def _session_survey(current: Page, one: MeetingResults) -> SessionSurvey:
    """A survey sent to someone shows its results; one not sent yet says so: waiting in the send queue, when it
    goes out (its first invitation waiting), or from when it can be sent (the hot evaluation, after the session
    ends)."""
    flow = one.report.flow
    title = current.t(flow.title, flow.context)
    why = pending(one, current.now, waits_for_end=flow.id == HOT, quiet=quiet(current))
    if why is None:
        return SessionSurvey(flow.id, title, one.report, survey_view(one.report, current.t))
    if why.state == "queued" and why.at is not None:
        overnight = current.ntext(
            "Ce questionnaire est en file d'attente pour {n} personne : heures calmes, il partira le {day} à {time} ; "
            "il n'y a pas encore de résultats.",
            "Ce questionnaire est en file d'attente pour {n} personnes : heures calmes, il partira le {day} à {time} ; "
            "il n'y a pas encore de résultats.",
            why.count,
            **day_and_time(current, why.at),
        )
        return SessionSurvey(flow.id, title, waiting=overnight)
    if why.state == "queued":
        queued = current.ntext(
            "Ce questionnaire est en file d'attente pour {n} personne, envoi en cours : il ne lui a pas encore été "
            "remis, il n'y a pas encore de résultats.",
            "Ce questionnaire est en file d'attente pour {n} personnes, envoi en cours : il ne leur a pas encore été "
            "remis, il n'y a pas encore de résultats.",
            why.count,
        )
        return SessionSurvey(flow.id, title, waiting=queued)
    if why.state == "now" or why.at is None:
        return SessionSurvey(flow.id, title, waiting=current.text(NOT_SENT), can_send=flow.id == HOT)
    return SessionSurvey(flow.id, title, waiting=_at(current, WILL_GO if why.state == "due" else AFTER_END, why.at))


def _at(current: Page, message: str, moment: datetime) -> str:
    """A sentence with a Paris day and time (« le mardi 1er décembre 2026 à 14:00 »)."""
    return current.text(message, **day_and_time(current, moment))


@page("follow", report=True)
async def session_results(current: Page) -> Response:
    """One session's survey results: counts, a chart and a table per question, comments masked; a survey not sent
    yet says so instead, and when it will be."""
    meeting_id: int = current.request.path_params["meeting_id"]
    meeting, found = await _meeting_reports(current, meeting_id)
    return current.render(
        "session_results.html",
        meeting=meeting,
        meeting_title=texts.title(meeting, current.t),
        meeting_when=texts.when(meeting, current.t),
        meeting_kind=current.t(texts.kind_name(meeting.kind)),
        shown=[_session_survey(current, one) for one in found],
        fmt=current.t.format,
        min_group=MIN_GROUP,
    )


@page("report", report=True)
async def kind_results(current: Page) -> Response:
    """Results of every session of a kind over whole months, built only from sessions of 5 respondents or more."""
    chosen = period(current)
    figures: PeriodFigures | None = None
    view: SurveyView | None = None
    if not chosen.errors and chosen.months is not None:
        flow = current.console.flows[chosen.survey]
        report = await _period_report(current, flow, chosen)
        figures = period_figures(report)
        view = survey_view(report, current.t)
    return current.render(
        "kind_results.html",
        period_words=_period_words(current, chosen),
        status=400 if chosen.errors else 200,
        chosen=chosen,
        survey_choices=[(f.id, current.t(f.title, f.context)) for f in surveys(current)],
        kind_choices=[(kind, current.t(texts.kind_name(kind))) for kind in MEETING_KINDS],
        figures=figures,
        view=view,
        fmt=current.t.format,
        min_group=MIN_GROUP,
        export_query=urlencode({"survey": chosen.survey, "kind": chosen.kind, "from": chosen.first, "to": chosen.last}),
    )


def _period_words(current: Page, chosen: Period) -> str:
    """The months the results cover, as the page's language writes them (nothing until they are valid)."""
    if chosen.months is None:
        return ""
    first, last = (month(bound, current.language) for bound in chosen.months)
    return current.text(PERIOD, first=first, last=last)


async def _period_report(
    current: Page, flow: Flow, chosen: Period, comments: int | None = LATEST_COMMENTS
) -> SurveyReport:
    """The results over a kind and months: the page's latest comments, or every comment for an export."""
    assert chosen.months is not None
    first, last = chosen.months
    selection = Selection(kind=chosen.kind, first=first, last=last)
    return await survey_results(current.console.db, flow, selection, current.staff, current.now, comments)


def _nothing(report: SurveyReport) -> Said | None:
    """Why an export of these results would hold no answer, said on the results page instead of a file; None when
    it holds some."""
    reason = nothing_to_export(report)
    if reason is None:
        return None
    return said(NOBODY_YET) if reason is NOBODY_TO_EXPORT else said(ALL_HIDDEN, min=MIN_GROUP)


def _exported(nothing: Said | None) -> ExportAction:
    """The audit action of an export: a file given, or an attempt with nothing to export (the journal says so)."""
    return "export_survey_results" if nothing is None else "export_survey_nothing"


def _header(current: Page) -> list[str]:
    return [current.text(h) for h in HEADER]


def _csv(current: Page, view: SurveyView, name: str) -> Response:
    body = to_french_csv(_header(current), answer_rows(view, current.text(FEWER)) + comment_rows(view))
    return _download(body, CSV, f"{name}.csv")


def _xlsx(current: Page, view: SurveyView, name: str, summary: Sequence[Sequence[Cell]]) -> Response:
    comments: list[list[Cell]] = [[c] for c in view.comments]
    sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]] = {
        current.text(N_("Résultats")): (_header(current), answer_rows(view, current.text(FEWER))),
        current.text(N_("Commentaires")): ([view.comment_label or current.text(N_("Commentaire"))], comments),
        current.text(N_("Synthèse")): ([current.text(N_("Indicateur")), current.text(N_("Valeur"))], summary),
    }
    return _download(to_xlsx(sheets), XLSX, f"{name}.xlsx")


def _download(body: bytes, media_type: str, filename: str) -> Response:
    """A file to save, under a name that says what it holds."""
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _session_summary(current: Page, report: SurveyReport) -> list[list[Cell]]:
    return [
        [current.text(N_("Personnes invitées")), report.shown_invited],
        [current.text(N_("Réponses comptées dans les résultats (par groupes de 5)")), report.shown_respondents],
        [current.text(N_("Taux de réponse (%)")), report.shown_rate if report.rated else current.text(NOT_YET)],
    ]


def _period_summary(current: Page, figures: PeriodFigures) -> list[list[Cell]]:
    return [
        [current.text(N_("Rencontres comptées (5 répondants ou plus)")), figures.sessions],
        [current.text(N_("Personnes invitées à ces rencontres")), figures.invited],
        [current.text(N_("Répondants")), figures.respondents],
        [current.text(N_("Taux de réponse (%)")), figures.rate if figures.rated else current.text(NOT_YET)],
        [current.text(N_("Rencontres non comptées (moins de 5 répondants)")), figures.not_counted],
    ]


async def _session_export(current: Page, fmt: str) -> Response:
    meeting_id: int = current.request.path_params["meeting_id"]
    flow = survey(current)
    one = await meeting_results(current.console.db, flow, meeting_id, current.staff, current.now)
    if one is None:
        raise NotFoundError()
    nothing = _nothing(one.report)
    current.audit(_exported(nothing), survey=flow.id, meeting=meeting_id, format=fmt)
    if nothing is not None:
        return current.redirect(f"/sessions/{meeting_id}/results", flash=nothing)
    view = survey_view(one.report, current.t)
    name = f"resultats-{flow.id}-rencontre-{meeting_id}"
    if fmt == "csv":
        return _csv(current, view, name)
    return _xlsx(current, view, name, _session_summary(current, one.report))


async def _period_export(current: Page, fmt: str) -> Response:
    chosen = period(current)
    if chosen.errors or chosen.months is None:
        raise NotFoundError()
    flow = current.console.flows[chosen.survey]
    report = await _period_report(current, flow, chosen, comments=None)  # an export holds every comment
    nothing = _nothing(report)
    current.audit(
        _exported(nothing), survey=flow.id, kind=chosen.kind, first=chosen.first, last=chosen.last, format=fmt
    )
    if nothing is not None:
        query = urlencode({"survey": chosen.survey, "kind": chosen.kind, "from": chosen.first, "to": chosen.last})
        return current.redirect(f"/results?{query}", flash=nothing)
    view = survey_view(report, current.t)
    name = f"resultats-{flow.id}-{chosen.kind}-{chosen.months[0]}-{chosen.months[1]}"
    if fmt == "csv":
        return _csv(current, view, name)
    return _xlsx(current, view, name, _period_summary(current, period_figures(report)))


@page("follow", report=True)
async def session_csv(current: Page) -> Response:
    """One session's results as CSV for a French spreadsheet (audited)."""
    return await _session_export(current, "csv")


@page("follow", report=True)
async def session_xlsx(current: Page) -> Response:
    """One session's results as a workbook: results, comments (masked), counts (audited)."""
    return await _session_export(current, "xlsx")


@page("report", report=True)
async def kind_csv(current: Page) -> Response:
    """Results by kind over whole months as CSV for a French spreadsheet (audited)."""
    return await _period_export(current, "csv")


@page("report", report=True)
async def kind_xlsx(current: Page) -> Response:
    """Results by kind over whole months as a workbook (audited)."""
    return await _period_export(current, "xlsx")


ROUTES = [
    Route("/sessions/{meeting_id:id}/results", session_results, methods=["GET"]),
    Route("/sessions/{meeting_id:id}/results.csv", session_csv, methods=["GET"]),
    Route("/sessions/{meeting_id:id}/results.xlsx", session_xlsx, methods=["GET"]),
    Route("/results", kind_results, methods=["GET"]),
    Route("/results.csv", kind_csv, methods=["GET"]),
    Route("/results.xlsx", kind_xlsx, methods=["GET"]),
]
