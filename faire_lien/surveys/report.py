"""The yearly indicators report, in the shape of the social service's activity report.

People helped individually and collectively, sessions held by kind, attendance, the hot evaluation,
and each impact indicator as a percentage of respondents with n and the response rate. Any figure
about fewer than 5 people is replaced by "< 5"; survey answers count only in whole groups of 5 respondents
of a session (`faire_lien/surveys/results.py`: the report read on two days never differs by one late
answer), and the sessions left out are counted. People helped, people who came and attendance marks are
given in whole groups of 5 too (`whole_groups`), the share of people present computed between those, so
that one more person moves no figure; someone who uses /forget stays counted in them, anonymously
(`storage/year_totals.py`): reading the report before and after does not tell whether that person was helped,
came or was marked absent.
Every text is a message: the bot, the command line and the console write the report in their reader's
language (`rows`, `as_text`, `as_xlsx`; the PDF in `report_pdf.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.schema import Flow, Step
from dialogs.steps import kind_of
from dialogs.text import Figures, Msg, msg, plural
from faire_lien.core.finish import helps_individually
from faire_lien.core.months import Month
from faire_lien.sessions.texts import kind_name
from faire_lien.surveys.exports import COUNT, DECIMAL, PERCENTAGE, Cell, Number, to_xlsx
from faire_lien.surveys.invitations import HOT, IMPACT
from faire_lien.surveys.present import HIDDEN, left_out
from faire_lien.surveys.results import MIN_GROUP, counted_steps, from_tally, percent, whole_groups
from storage.reports import Months, survey_tally_by_month
from storage.year_totals import figures

FEWER = f"< {MIN_GROUP}"
"""A figure about fewer than 5 people, shown instead of the figure."""

TITLE = msg("faire-lien — indicateurs {year}", "report")
PEOPLE = msg("Personnes", "report")
SESSIONS = msg("Rencontres tenues, par type", "report")
ATTENDANCE = msg("Présence aux rencontres", "report")
HELPED = msg("Personnes aidées individuellement (droits, grilles, demandes)", "report")
MET = msg("Personnes venues aux rencontres collectives", "report")
PRESENT = msg("Présentes, parmi les personnes inscrites dont la présence a été notée", "report")
RATE = msg("Taux de réponse", "report")
NOT_YET = msg("aucune réponse comptée", "report")
"""The response rate of a survey none of whose sessions has a whole group of 5 respondents yet."""
NEEDS = plural("il en faut {n} d'une même rencontre", "il en faut {n} d'une même rencontre", MIN_GROUP, "report")
NOT_COUNTED = msg("Non comptées", "report")
RESULTS = msg("Résultats", "report")
PERCENT = msg("{percent} %", "report")
YES = msg("oui : {percent} %", "report")
MEAN = msg("moyenne {mean}", "report")
TOP = msg("{percent} % : {answer}", "report")
NPS = msg("NPS {nps}", "report")
# TRANSLATORS: {n} is how many answers were « pas concerné·e » (5 or more), left out of the share and of n.
NOT_CONCERNED = plural("sans {n} réponse « pas concerné·e »", "sans les {n} réponses « pas concerné·e »", 0, "report")
"""Next to a yes/no impact line: how many answers were « pas concerné·e » (`bind(n=…)`), counted apart."""
# TRANSLATORS: {n} is 5: fewer than 5 answers were « pas concerné·e ».
FEW_NOT_CONCERNED = plural(
    "sans les réponses « pas concerné·e » (moins de {n})",
    "sans les réponses « pas concerné·e » (moins de {n})",
    MIN_GROUP,
    "report",
)
"""Next to a yes/no impact line when 1 to 4 answers were « pas concerné·e »: a figure about fewer than 5 people."""
LINE = msg("{label} : {value}", "report")
SECTION = msg("Partie", "report")
INDICATOR = msg("Indicateur", "report")
VALUE = msg("Valeur", "report")
NOTE = msg("Remarque", "report")
SHOWN = msg("Valeur affichée", "report")
"""The workbook's column with each value as the page writes it (« oui : 72 % »), next to the figure."""
IN_GROUPS = msg("par groupes de {size} (arrondi au multiple inférieur)", "report", size=MIN_GROUP)
"""Said next to a count of people given in whole groups of 5."""


@dataclass(frozen=True)
class Line:
    """One indicator: its section, its label, the value shown (a count, a percentage, or "< 5"), n and a note.

    Texts are messages, written in a reader's language by `rows()`.
    """

    section: str
    """`people`, `sessions`, `attendance` or a survey's id."""
    heading: Msg
    label: Msg
    value: Msg | int | str | Callable[[Translator], str]
    """A message, a count, "< 5", or a function writing the value in a language."""
    n: str = ""
    note: Msg | str = ""


@dataclass(frozen=True)
class Row:
    """One indicator written in a reader's language."""

    section: str
    heading: str
    label: str
    value: str
    n: str
    note: str


def shown(count: int) -> int | str:
    """A count of people in whole groups of 5 (7 reads 5), or "< 5" for fewer (none included: a count falling from
    1 to 0 after a /forget must not show)."""
    return whole_groups(count) if count >= MIN_GROUP else FEWER


async def yearly(session: AsyncSession, year: int, flows: Mapping[str, Flow], now: datetime) -> list[Line]:
    """Every indicator of one calendar year (Paris time, so a session counts in the month and year it was held)."""
    lines: list[Line] = []
    individual_flows = [f.id for f in flows.values() if helps_individually(f)]
    found = await figures(session, individual_flows, year, now)
    lines.append(Line("people", PEOPLE, HELPED, shown(found.helped), note=IN_GROUPS))
    lines.append(Line("people", PEOPLE, MET, shown(found.met), note=IN_GROUPS))
    for kind, count in found.sessions:
        lines.append(Line("sessions", SESSIONS, kind_name(kind), count))
    marked = whole_groups(sum(found.marks.values()))
    if marked >= MIN_GROUP:
        share = PERCENT.bind(percent=percent(whole_groups(found.marks.get("present", 0)), marked))
        lines.append(Line("attendance", ATTENDANCE, PRESENT, share, str(marked), IN_GROUPS))
    else:
        lines.append(Line("attendance", ATTENDANCE, PRESENT, FEWER))
    lines.extend(await _survey_lines(session, flows, HOT, year))
    lines.extend(await _survey_lines(session, flows, IMPACT, year))
    return lines


async def _survey_lines(session: AsyncSession, flows: Mapping[str, Flow], flow_id: str, year: int) -> list[Line]:
    """A survey's lines over the sessions of every kind started in the year (Paris time), from the monthly totals."""
    flow = flows.get(flow_id)
    if flow is None:
        return []
    months = Months(flow_id, None, str(Month(year, 1)), str(Month(year, 12)))
    report = from_tally(flow, await survey_tally_by_month(session, months, counted_steps(flow)))
    heading = Msg(flow.title, flow.context)
    if report.rated:
        rate = PERCENT.bind(percent=report.shown_rate)
        lines = [Line(flow_id, heading, RATE, rate, f"{report.shown_respondents}/{report.shown_invited}")]
    else:  # no session counted: no rate, rather than « 0 % (n = 0/0) »
        lines = [Line(flow_id, heading, RATE, NOT_YET, note=NEEDS)]
    if report.left_out_sessions:
        lines.append(Line(flow_id, heading, NOT_COUNTED, left_out(report.left_out_sessions)))
    if report.hidden:
        lines.append(Line(flow_id, heading, RESULTS, HIDDEN))
        return lines
    for item in report.items:
        label = Msg(item.step.summary or item.step.text, flow.context)
        if flow_id == IMPACT:  # « < 5 » too when fewer than 5 were concerned
            lines.append(_said_yes(flow_id, heading, label, item.counts, item.not_concerned))
        elif item.hidden:
            lines.append(Line(flow_id, heading, label, FEWER))
        elif item.mean is not None:
            nps = NPS.bind(nps=Figures(f"{item.nps:+d}")) if item.nps is not None else ""
            lines.append(Line(flow_id, heading, label, MEAN.bind(mean=item.mean), str(item.answered), nps))
        else:
            key, share = max(item.percentages.items(), key=lambda kv: kv[1])
            lines.append(Line(flow_id, heading, label, _top(item.step, key, share, flow.context), str(item.answered)))
    return lines


def _said_yes(flow_id: str, heading: Msg, label: Msg, counts: Mapping[str, int], not_concerned: int) -> Line:
    """ "oui : 72 % (n = 25)" over the yes and no answers, or "< 5" when fewer than 5 people gave one (the others
    were not concerned): no share of under 5 people, and none of nobody; the answers « pas concerné·e » counted
    apart in the note."""
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    note = _not_concerned(not_concerned)
    if yes + no < MIN_GROUP:
        return Line(flow_id, heading, label, FEWER, note=note)
    return Line(flow_id, heading, label, YES.bind(percent=percent(yes, yes + no)), str(yes + no), note)


def _not_concerned(count: int) -> Msg | str:
    """ "sans les 7 réponses « pas concerné·e »", "moins de 5" for 1 to 4 of them, nothing when there was none."""
    if not count:
        return ""
    if count < MIN_GROUP:
        return FEW_NOT_CONCERNED
    return NOT_CONCERNED.bind(n=count)


@dataclass(frozen=True)
class TopAnswer:
    """The most frequent answer and its share ("62,5 % : Oui"), named as the question names its answers."""

    step: Step
    key: str
    share: Decimal
    context: str

    def __call__(self, t: Translator) -> str:
        """ "62,5 % : Oui" in the reader's language."""
        answer = kind_of(self.step).legend(self.step, self.key, t, self.context, words=True)
        return t(TOP.bind(percent=self.share, answer=answer))


def _top(step: Step, key: str, share: Decimal, context: str) -> TopAnswer:
    """The most frequent answer and its share ("62,5 % : Oui")."""
    return TopAnswer(step, key, share, context)


def rows(lines: Sequence[Line], t: Translator) -> list[Row]:
    """Every indicator written in one language."""
    return [
        Row(
            line.section,
            t(line.heading),
            t(line.label),
            _value(line.value, t),
            t.digits(line.n),
            t.format(line.note),
        )
        for line in lines
    ]


def _value(value: Msg | int | str | Callable[[Translator], str], t: Translator) -> str:
    """A value in the reader's language, digits as it writes them ("< 5" is "< ۵" in Persian)."""
    if callable(value):
        return value(t)
    return t.digits(value) if isinstance(value, str) else t.format(value)


def title(year: int, t: Translator) -> str:
    """ "faire-lien — indicateurs 2026"."""
    return t(TITLE.bind(year=str(year)))


def as_text(year: int, lines: Sequence[Line], t: Translator) -> str:
    """The report as plain text, one indicator per line, grouped by section."""
    out = [title(year, t)]
    section = ""
    for row in rows(lines, t):
        if row.section != section:
            section = row.section
            out.append(f"\n[{row.heading}]")
        extra = "".join(part for part in (f" (n = {row.n})" if row.n else "", f" — {row.note}" if row.note else ""))
        out.append(t(LINE.bind(label=row.label, value=row.value)) + extra)
    return "\n".join(out)


def figure(value: Msg | int | str | Callable[[Translator], str]) -> Number | None:
    """A value as a figure a spreadsheet can add up: a count, a share (« 72,5 % » is 0.725 shown as a percentage),
    a mean; None for a text (« < 5 », « aucune réponse comptée »)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Number(value, COUNT)
    params = (
        value.params if isinstance(value, Msg) else {"percent": value.share} if isinstance(value, TopAnswer) else {}
    )
    if isinstance(params.get("percent"), Decimal):
        return Number(Decimal(str(params["percent"])) / 100, PERCENTAGE)
    if isinstance(params.get("mean"), Decimal):
        return Number(Decimal(str(params["mean"])), DECIMAL)
    return None


def _n(n: str) -> Cell:
    """n as a count a spreadsheet can add up; "11/13" (respondents out of people invited) as written."""
    return Number(int(n), COUNT) if n.isascii() and n.isdigit() else n


def as_xlsx(year: int, lines: Sequence[Line], t: Translator) -> bytes:
    """The report as a workbook: one sheet named after the year, one indicator per row, in the reader's language;
    counts, shares and means as numbers a spreadsheet can add up (a hidden small group as its « < 5 »), and each
    value as the page writes it in the last column."""
    header = [t(SECTION), t(INDICATOR), t(VALUE), "n", t(NOTE), t(SHOWN)]
    cells: list[list[Cell]] = [
        [r.heading, r.label, figure(line.value) or r.value, _n(line.n) if line.n else "", r.note, r.value]
        for line, r in zip(lines, rows(lines, t), strict=True)
    ]
    return to_xlsx({str(year): (header, cells)})
