"""The yearly indicators report, in the shape of the social service's activity report.

People helped individually and collectively, sessions held by kind, attendance, the hot evaluation,
and each impact indicator as a percentage of respondents with n and the response rate. Any figure
about fewer than 5 people is replaced by "< 5"; survey answers count only from sessions with 5
respondents or more (`faire_lien/surveys/results.py`), and the sessions left out are counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.schema import Flow
from faire_lien.core.months import Month
from faire_lien.surveys.exports import Cell, to_xlsx
from faire_lien.surveys.invitations import HOT, IMPACT
from faire_lien.surveys.results import MIN_GROUP, percent, summarize
from storage.reports import attendance_marks, people_helped, people_met, sessions_held, surveyed_meetings
from storage.surveys import answers_by_session

INDIVIDUAL_CATEGORIES = ("rights", "screening", "request")
XLSX_HEADER = ["section", "indicator", "value", "n", "note"]


@dataclass(frozen=True)
class Line:
    """One indicator: its label, the value shown (a count, a percentage, or "< 5"), n and a note."""

    section: str
    label: str
    value: str
    n: str = ""
    note: str = ""


def shown(count: int) -> str:
    """A count, or "< 5" for a group too small to show."""
    return str(count) if count >= MIN_GROUP or count == 0 else f"< {MIN_GROUP}"


async def yearly(session: AsyncSession, year: int, flows: Mapping[str, Flow], now: datetime) -> list[Line]:
    """Every indicator of one calendar year (Paris time, so a session counts in the month and year it was held)."""
    start, end = Month(year, 1).start(), Month(year + 1, 1).start()
    lines: list[Line] = []
    individual_flows = [f.id for f in flows.values() if f.category in INDIVIDUAL_CATEGORIES]
    helped = await people_helped(session, individual_flows, start, end)
    lines.append(Line("people", "people helped individually (rights checks, grids, requests)", shown(helped)))
    lines.append(Line("people", "people met in collective sessions", shown(await people_met(session, start, end, now))))
    for kind, count in await sessions_held(session, start, end, now):
        lines.append(Line("sessions", f"sessions held: {kind}", str(count)))
    counted = await attendance_marks(session, start, end, now)
    marked = sum(counted.values())
    if marked >= MIN_GROUP:
        lines.append(
            Line(
                "attendance",
                "present among people registered and marked",
                f"{percent(counted.get('present', 0), marked)} %",
                str(marked),
            )
        )
    else:
        lines.append(Line("attendance", "present among people registered and marked", f"< {MIN_GROUP}"))
    lines.extend(await _survey_lines(session, flows, HOT, start, end))
    lines.extend(await _survey_lines(session, flows, IMPACT, start, end))
    return lines


async def _survey_lines(
    session: AsyncSession, flows: Mapping[str, Flow], flow_id: str, start: datetime, end: datetime
) -> list[Line]:
    flow = flows.get(flow_id)
    if flow is None:
        return []
    meetings = await surveyed_meetings(session, flow_id, start, end)
    report = summarize(flow, await answers_by_session(session, flow_id, meetings))
    section = flow_id
    lines = [Line(section, "response rate", f"{report.rate} %", f"{report.respondents}/{report.invited}")]
    if report.left_out_sessions:
        lines.append(Line(section, "not counted", left_out(report.left_out_sessions, report.left_out_respondents)))
    if report.hidden:
        lines.append(Line(section, "results", f"< {MIN_GROUP} respondents: hidden"))
        return lines
    for item in report.items:
        label = item.step.summary or item.step.text
        if item.hidden:
            lines.append(Line(section, label, f"< {MIN_GROUP}"))
            continue
        if flow_id == IMPACT:
            yes, no = item.counts.get("yes", 0), item.counts.get("no", 0)
            lines.append(
                Line(section, label, f"{percent(yes, yes + no)} % yes", str(yes + no), "not concerned excluded")
            )
        elif item.mean is not None:
            lines.append(
                Line(
                    section,
                    label,
                    f"mean {item.mean}",
                    str(item.answered),
                    f"NPS {item.nps:+d}" if item.nps is not None else "",
                )
            )
        else:
            top = max(item.percentages.items(), key=lambda kv: kv[1])
            lines.append(Line(section, label, f"{top[1]} % {top[0]}", str(item.answered)))
    return lines


def left_out(sessions: int, respondents: int) -> str:
    """ "2 sessions with fewer than 5 respondents (7 respondents): their answers are left out so…"."""
    return (
        f"{sessions} session{'s' * (sessions > 1)} with fewer than {MIN_GROUP} respondents "
        f"({respondents} respondent{'s' * (respondents > 1)}): their answers are left out so that nobody is recognised"
    )


def as_text(year: int, lines: list[Line]) -> str:
    """The report as plain text, one indicator per line, grouped by section."""
    out = [f"faire-lien — indicators {year}"]
    section = ""
    for line in lines:
        if line.section != section:
            section = line.section
            out.append(f"\n[{section}]")
        extra = "".join(part for part in (f" (n = {line.n})" if line.n else "", f" — {line.note}" if line.note else ""))
        out.append(f"{line.label}: {line.value}{extra}")
    return "\n".join(out)


def as_xlsx(year: int, lines: list[Line]) -> bytes:
    """The report as a workbook: one sheet named after the year, one indicator per row."""
    rows: list[list[Cell]] = [[ln.section, ln.label, ln.value, ln.n, ln.note] for ln in lines]
    return to_xlsx({str(year): (XLSX_HEADER, rows)})
