"""`faire-lien surveys results` and `faire-lien report --year`: results, exports, the yearly indicators."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cli.acting import STAFF_HELP, reading_as_staff, refusals
from cli.db import with_database
from cli.files import output_file, write_file
from cli.months import add_period
from cli.numbers import record
from cli.served import served_flows
from dialogs.i18n import Translator, available_languages, translator
from dialogs.schema import Flow
from faire_lien.config import Settings
from faire_lien.core.roles import Staff
from faire_lien.surveys.exports import Cell, to_csv, to_xlsx
from faire_lien.surveys.invitations import HOT
from faire_lien.surveys.masking import masked
from faire_lien.surveys.present import chart, left_out_text, nothing_to_export, report_text
from faire_lien.surveys.report import Line, as_text, as_xlsx
from faire_lien.surveys.results import NOT_CONCERNED, SurveyReport
from faire_lien.surveys.service import (
    LATEST_COMMENTS,
    Selection,
    audit_exports,
    meeting_results,
    survey_results,
    yearly_report,
)
from faire_lien.surveys.years import NoSuchYearError
from storage.db import Database
from storage.types import utcnow

HEADER = ["question", "answer", "count", "percent", "answered", "mean", "NPS"]


def table(report: SurveyReport) -> list[list[Cell]]:
    """One row per answer of each question shown (hidden groups are left out)."""
    rows: list[list[Cell]] = []
    if report.hidden:
        return rows
    for item in report.items:
        if item.hidden:
            continue
        label = item.step.summary or item.step.text
        for key, count in item.counts.items():
            mean = float(item.mean) if item.mean is not None else ""
            nps = item.nps if item.nps is not None else ""
            rows.append([label, key, count, float(item.percentages[key]), item.answered, mean, nps])
        if item.not_concerned:  # counted, kept out of the percentages and of « answered »
            rows.append([label, NOT_CONCERNED, item.not_concerned, "", item.answered, "", ""])
    return rows


def not_counted(report: SurveyReport) -> list[Cell]:
    """Sessions left out for having fewer than 5 respondents (how many answered them is never given)."""
    return [report.left_out_sessions]


def files(report: SurveyReport, args: argparse.Namespace, t: Translator) -> dict[str, tuple[Path, bytes]]:
    """The files asked for, by format (the chart: png): where each goes and what it holds (no chart when hidden)."""
    found: dict[str, tuple[Path, bytes]] = {}
    rows = table(report)
    if args.csv:
        found["csv"] = (args.csv, to_csv(HEADER, rows))
    if args.xlsx:
        comments: list[list[Cell]] = [[c] for c in masked(report.comments, t)]
        sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]] = {
            "results": (HEADER, rows),
            "comments": (["comment"], comments),
        }
        if report.left_out_sessions:
            note = left_out_text(report, t)
            sheets["not counted"] = (["sessions", "why"], [[*not_counted(report), note]])
        found["xlsx"] = (args.xlsx, to_xlsx(sheets))
    image = chart(report, t) if args.chart else None
    if image is not None:
        found["png"] = (args.chart, image.content)
    return found


def asked(args: argparse.Namespace) -> list[str]:
    """The formats the command was asked to write (the chart: png)."""
    return [fmt for fmt, option in (("csv", args.csv), ("xlsx", args.xlsx), ("png", args.chart)) if option]


def empty_tables(report: SurveyReport, written: dict[str, tuple[Path, bytes]]) -> list[str]:
    """The CSV and XLSX asked for that would hold no answer (none when the results hold some)."""
    if nothing_to_export(report) is None:
        return []
    return [fmt for fmt in ("csv", "xlsx") if fmt in written]


def without_empty_tables(
    report: SurveyReport, written: dict[str, tuple[Path, bytes]], t: Translator
) -> dict[str, tuple[Path, bytes]]:
    """The files to write, without a CSV or XLSX holding no answer: why is printed instead, and which files are not
    written (the attempt stays audited, as an export with nothing to export)."""
    reason = nothing_to_export(report)
    tables = empty_tables(report, written)
    if reason is None or not tables:
        return written
    print(t(reason))
    print("not written: " + ", ".join(str(written[fmt][0]) for fmt in tables))
    return {fmt: found for fmt, found in written.items() if fmt not in tables}


def scope(flow: Flow, args: argparse.Namespace) -> dict[str, Any]:
    """Which results a command reads, as the audit log names them (as the console does)."""
    if args.meeting is not None:
        return {"survey": flow.id, "meeting": args.meeting}
    first, last = (str(m) if m is not None else None for m in (args.first, args.last))
    return {"survey": flow.id, "kind": args.kind, "first": first, "last": last}


@refusals
def cmd_results(settings: Settings, args: argparse.Namespace) -> int:
    """Results of a survey for one session, or for every session of a kind over a period; every file written is an
    audited export."""
    flows = served_flows(settings)[0]
    flow = flows.get(args.flow)
    if flow is None:
        print(f"unknown survey {args.flow!r}")
        return 1
    if args.meeting is not None and (args.first or args.last):
        print("--from and --to choose months for --kind; --meeting is one session")
        return 1
    if args.first and args.last and args.first > args.last:
        print(f"--from {args.first} is after --to {args.last}")
        return 1
    t, now = translator("fr"), utcnow()
    latest = None if args.xlsx else LATEST_COMMENTS  # the workbook holds every comment, the text the latest

    async def read(db: Database, who: Staff) -> tuple[SurveyReport, dict[str, tuple[Path, bytes]]] | None:
        if args.meeting is not None:  # the read the bot and the console make of one session
            one = await meeting_results(db, flow, args.meeting, who, now)
            if one is None:
                return None
            report = one.report
        else:
            report = await survey_results(db, flow, Selection(None, args.kind, args.first, args.last), who, now, latest)
        written = files(report, args, t)
        empty = empty_tables(report, written)
        detail = {**scope(flow, args), "via": "command line"}
        kept = [fmt for fmt in written if fmt not in empty]
        await audit_exports(db, who.label, now, "export_survey_results", kept, **detail)
        nothing = [fmt for fmt in asked(args) if fmt not in kept]  # no answer to put in it, or no chart to draw
        await audit_exports(db, who.label, now, "export_survey_nothing", nothing, **detail)
        return report, written

    found = reading_as_staff(settings, args, read)
    if found is None:
        print(f"no session {args.meeting}")
        return 1
    report, written = found
    where = f"session {args.meeting}" if args.meeting else f"{args.kind} {args.first or '…'} → {args.last or '…'}"
    print(report_text(report, f"{flow.id} — {where}", t))
    written = without_empty_tables(report, written, t)
    failed = [path for path, body in written.values() if not write_file(path, body)]
    if args.chart and "png" not in written:
        print("no chart: no session with 5 respondents or more")
    return 1 if failed else 0


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    """The yearly indicators in a language (and an XLSX copy, an audited export); a year outside the service's life is
    refused (exit 1)."""
    flows = served_flows(settings)[0]
    actor, now = args.staff or getpass.getuser(), utcnow()

    async def read(db: Database) -> list[Line]:
        lines = await yearly_report(db, args.year, flows, actor, now)
        formats = ["xlsx"] if args.xlsx else []
        await audit_exports(db, actor, now, "export_yearly_report", formats, year=args.year, via="command line")
        return lines

    try:
        lines = with_database(settings.database_url, read)
    except NoSuchYearError as refused:
        first, last = refused.years[-1], refused.years[0]
        print(f"no yearly report for {refused.year}: the service's figures run from {first} to {last}; nothing read")
        return 1
    t = translator(args.language)
    print(as_text(args.year, lines, t))
    if args.xlsx and not write_file(args.xlsx, as_xlsx(args.year, lines, t)):
        return 1
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `surveys results` and `report`."""
    surveys = sub.add_parser("surveys", help="survey results").add_subparsers(dest="surveys_command", required=True)
    results = surveys.add_parser("results", help="results for one session or a kind of session over a period")
    scope = results.add_mutually_exclusive_group(required=True)
    scope.add_argument("--meeting", type=record, help="one session")
    scope.add_argument("--kind", help="every session of this kind (e.g. info_meeting)")
    results.add_argument("--flow", default=HOT, help="survey id (default: hot_evaluation; impact_3m…)")
    add_period(results)
    results.add_argument("--csv", type=output_file, help="write a CSV file")
    results.add_argument("--xlsx", type=output_file, help="write an XLSX file")
    results.add_argument("--chart", type=output_file, help="write a PNG chart")
    results.add_argument("--staff", help=STAFF_HELP)
    results.set_defaults(func=cmd_results)
    report = sub.add_parser("report", help="yearly indicators for the activity report")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--xlsx", type=output_file, help="also write an XLSX file")
    report.add_argument("--language", default="fr", choices=available_languages(), help="language of the report")
    report.add_argument("--staff", help="who is reading, for the audit log")
    report.set_defaults(func=cmd_report)
