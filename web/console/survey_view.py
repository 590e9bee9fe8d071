"""A survey's results as the console shows and exports them: answers named in full, charts, comments masked."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from dialogs.i18n import Translator
from dialogs.steps import kind_of
from faire_lien.surveys.exports import Cell
from faire_lien.surveys.masking import masked
from faire_lien.surveys.present import OUTSIDE_SHARES, more_comments_text
from faire_lien.surveys.report import PERCENT
from faire_lien.surveys.results import NOT_CONCERNED, ItemResult, SurveyReport
from web.console.charts import Segment, coloured, is_scale, ordered, stacked_bar


@dataclass(frozen=True)
class Answer:
    """One answer to a question: its full label, how many gave it, its share."""

    key: str
    label: str
    count: int
    percent: Decimal | None
    """None for « Pas concerné·e »: counted, kept out of the shares."""
    share: str
    """The share as the page writes it ("12,5 %", « hors pourcentages »)."""


@dataclass(frozen=True)
class ItemView:
    """One question as the page shows it."""

    step_id: str
    label: str
    question: str
    answered: int
    hidden: bool
    numeric: bool
    """A 0–10 scale: mean, median and NPS in words, the spread of answers in a table."""
    answers: list[Answer]
    mean: Decimal | None
    median: Decimal | None
    nps: int | None
    chart: Markup | None


@dataclass(frozen=True)
class SurveyView:
    """A survey's results: its title, one view per question, and the comments masked."""

    flow_id: str
    title: str
    hidden: bool
    items: list[ItemView]
    comments: list[str]
    comment_label: str
    more_comments: str = ""
    """A line saying how many older comments the page leaves out (the export has them all)."""


def survey_view(report: SurveyReport, t: Translator) -> SurveyView:
    """What the page shows of a report, in the console's language (nothing but counts when it is hidden)."""
    flow = report.flow
    comment_steps = [s for s in flow.steps if kind_of(s).verbatim]
    comment_label = t(comment_steps[0].summary or comment_steps[0].text, flow.context) if comment_steps else ""
    if report.hidden:
        return SurveyView(flow.id, t(flow.title, flow.context), True, [], [], comment_label)
    items = [_item(report, item, t) for item in report.items]
    more = more_comments_text(report, t) if report.more_comments else ""
    comments = masked(report.comments, t)
    return SurveyView(flow.id, t(flow.title, flow.context), False, items, comments, comment_label, more)


def _item(report: SurveyReport, item: ItemResult, t: Translator) -> ItemView:
    context = report.flow.context
    step = item.step
    label = t(step.summary or step.text, context)
    question = t(step.text, context)
    kind = kind_of(step)
    keys = ordered(list(item.counts))
    counts = [item.counts[key] for key in keys]
    answers = [
        Answer(
            key, _capital(kind.legend(step, key, t, context, words=True)), count, share, t(PERCENT.bind(percent=share))
        )
        for key, count, share in zip(keys, counts, [item.percentages[k] for k in keys], strict=True)
    ]
    numeric = item.mean is not None and not is_scale(keys)
    chart = None
    if not item.hidden and not numeric and not kind.several:  # ticked boxes: the table alone (shares over 100 %)
        segments = coloured([Segment(a.key, a.label, a.count, a.share) for a in answers])
        chart = stacked_bar(f"chart-{report.flow.id}-{step.id}", label, segments, clauses(t))
    if item.not_concerned:
        outside = _capital(kind.legend(step, NOT_CONCERNED, t, context, words=True))
        answers.append(Answer(NOT_CONCERNED, outside, item.not_concerned, None, t(OUTSIDE_SHARES)))
    return ItemView(
        step.id, label, question, item.answered, item.hidden, numeric, answers, item.mean, item.median, item.nps, chart
    )


def clauses(t: Translator) -> str:
    """What separates the answers of a chart's description: French sets a space before a semicolon, others do not."""
    return " ; " if t.locale.language == "fr" else "; "


def _capital(text: str) -> str:
    """ "très bien" → "Très bien" (the rest left as written)."""
    return text[:1].upper() + text[1:]


def answer_rows(view: SurveyView, fewer: str) -> list[list[Cell]]:
    """One row per answer of each question (a hidden question in one row saying so), answers named in full."""
    rows: list[list[Cell]] = []
    for item in view.items:
        if item.hidden:
            rows.append([item.label, fewer, "", "", "", "", "", ""])
            continue
        mean = item.mean if item.mean is not None else ""
        median = item.median if item.median is not None else ""
        nps = item.nps if item.nps is not None else ""
        rows.extend(
            [item.label, a.label, a.count, "" if a.percent is None else a.percent, item.answered, mean, median, nps]
            for a in item.answers
        )
    return rows


def comment_rows(view: SurveyView) -> list[list[Cell]]:
    """One row per comment, masked, in the columns of `answer_rows` (the comment where the answer goes)."""
    return [[view.comment_label, comment, "", "", "", "", "", ""] for comment in view.comments]
