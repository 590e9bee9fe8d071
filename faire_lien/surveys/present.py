"""Survey results shown to facilitators: a text summary in their language (comments masked) and a PNG chart."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from dialogs.i18n import FSI, PDI, RLM, Translator
from dialogs.reply import Document
from dialogs.steps import kind_of
from dialogs.text import Figures, Msg, msg, plural
from faire_lien.surveys.masking import masked
from faire_lien.surveys.results import MIN_GROUP, NOT_CONCERNED, ItemResult, SurveyReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

HIDDEN = plural(
    "Moins de {n} réponse : le détail est masqué pour que personne ne soit reconnaissable.",
    "Moins de {n} réponses : le détail est masqué pour que personne ne soit reconnaissable.",
    MIN_GROUP,
    "results",
)
SHARE = msg("{percent} %", "report")
"""One answer's share of a question ("62,5 %", "۶۲٫۵٪" in Persian)."""
OUTSIDE_SHARES = msg("hors pourcentages", "results")
"""In the share column of « Pas concerné·e » (the console's table): counted, not in the percentages."""
OUTSIDE = msg(" — {answer} : {count}, hors pourcentages", "results")
"""After a question's shares: how many answered « Pas concerné·e », left out of them."""
QUOTED = msg("« {comment} »", "results")
"""A comment as staff read it, between the reader's quotation marks (“…” in English, „…” in Romanian)."""
FEW = plural("• {label} : moins de {n} réponse", "• {label} : moins de {n} réponses", MIN_GROUP, "results")


def left_out(sessions: int) -> Msg:
    """ "2 rencontres avec moins de 5 répondants ne sont pas comptées, pour que personne…" (how many people answered
    them is never given: one more answer would change it)."""
    return plural(
        "{n} rencontre avec moins de {min} répondants n'est pas comptée, pour que personne ne soit reconnaissable.",
        "{n} rencontres avec moins de {min} répondants ne sont pas comptées, pour que personne ne soit reconnaissable.",
        sessions,
        "results",
        min=MIN_GROUP,
    )


NOBODY_YET = msg("Personne n'a encore répondu : il n'y a rien à exporter.", "results")
ALL_HIDDEN = plural(
    "Moins de {n} réponse par rencontre : les résultats restent cachés pour protéger l'anonymat ; "
    "il n'y a rien à exporter.",
    "Moins de {n} réponses par rencontre : les résultats restent cachés pour protéger l'anonymat ; "
    "il n'y a rien à exporter.",
    MIN_GROUP,
    "results",
)


def nothing_to_export(report: SurveyReport) -> Msg | None:
    """Why an export of these results would hold no answer (nobody answered yet, or no session has 5 respondents);
    None when it holds some."""
    if not report.hidden:
        return None
    return NOBODY_YET if report.respondents == 0 else ALL_HIDDEN


MORE_COMMENTS = msg(
    "Commentaires plus anciens non affichés : {count}. L'export (CSV ou XLSX) les contient tous.", "results"
)


def more_comments_text(report: SurveyReport, t: Translator) -> str:
    """How many older comments a page leaves out, and that the export has them all."""
    return t(MORE_COMMENTS.bind(count=report.more_comments))


def left_out_text(report: SurveyReport, t: Translator) -> str:
    """The sessions of a result left out for having fewer than 5 respondents, in the reader's language."""
    return t(left_out(report.left_out_sessions))


def item_text(report: SurveyReport, item: ItemResult, t: Translator) -> str:
    """ "Clarity (n = 12): 1 — 0 %, …, mean 4.2"."""
    context = report.flow.context
    label = t(item.step.summary or item.step.text, context)
    if item.hidden:
        return t(FEW.bind(label=label))
    parts = []
    for key, share in item.percentages.items():
        name = kind_of(item.step).legend(item.step, key, t, context)
        parts.append(f"{name} {t(SHARE.bind(percent=share))}")
    answers = " · ".join(parts)
    line = t(
        msg("• {label} (n = {answered}) : {answers}", "results", label=label, answered=item.answered, answers=answers)
    )
    if item.mean is not None:
        line += t(msg(" ; moyenne {mean}", "results", mean=item.mean))
    if item.nps is not None:
        line += t(msg(" ; NPS {nps}", "results", nps=Figures(f"{item.nps:+d}")))
    if item.not_concerned:
        answer = kind_of(item.step).legend(item.step, NOT_CONCERNED, t, context)
        line += t(OUTSIDE.bind(answer=answer, count=item.not_concerned))
    return line


# TRANSLATORS: a count of people under 5, not given exactly (« répondants : moins de 5 »).
FEWER_THAN = plural("moins de {n}", "moins de {n}", MIN_GROUP, "results")


def in_groups_text(count: int) -> Msg | int:
    """A count already in whole groups of 5 as staff read it: the count, or « moins de 5 » rather than a 0 that reads
    as nobody (the bot's roster and the console's poll page: 4 answers read « moins de 5 », not « 0 »)."""
    return count if count >= MIN_GROUP else FEWER_THAN


def figures_text(report: SurveyReport, t: Translator) -> str:
    """ "Personnes invitées : 10 · répondants : 5 · taux de réponse : 50 % (arrondi par groupes de 5)": the words of
    the console's results page, each count in whole groups of 5, and said so (the poll's follow-up counts the people
    invited one by one)."""
    return t(
        msg(
            "Personnes invitées : {invited} · répondants : {respondents} · taux de réponse : {rate} % "
            "(arrondi par groupes de 5)",
            "results",
            invited=report.shown_invited,
            respondents=report.shown_respondents,
            rate=report.shown_rate,
        )
    )


def report_text(report: SurveyReport, heading: str, t: Translator) -> str:
    """The whole summary: heading, invited, respondents and rate in whole groups of 5 (one more answer changes
    nothing shown until its group is whole; no such line when only sessions not counted were chosen), sessions not
    counted, each item, comments; none either when no session is counted yet: « Moins de 5 réponses » says it, rather
    than « taux de réponse : 0 % »)."""
    lines = [heading]
    if report.rated:
        lines.append(figures_text(report, t))
    if report.left_out_sessions:
        lines.append(left_out_text(report, t))
    elif report.hidden:
        lines.append(t(HIDDEN))
    if report.hidden:
        return "\n".join(lines)
    lines.extend(item_text(report, item, t) for item in report.items)
    if report.comments:
        lines.append(t(msg("Commentaires (sans nom) :", "results")))
        lines.extend(t(QUOTED.bind(comment=comment)) for comment in masked(report.comments, t))
    if report.more_comments:
        lines.append(more_comments_text(report, t))
    return "\n".join(lines)


TICKS = range(0, 101, 20)
"""The shares marked under the chart's bars."""


def drawn(text: str) -> str:
    """The text without the direction marks and isolates a chat needs: the chart draws each label in one piece."""
    return text.translate(str.maketrans("", "", FSI + PDI + RLM))


def chart(report: SurveyReport, t: Translator) -> Document | None:
    """A horizontal stacked bar per question (share of each answer), as a PNG; None when results are hidden."""
    figure = chart_figure(report, t)
    if figure is None:
        return None
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return Document("resultats.png", buffer.getvalue(), "image/png")


def chart_figure(report: SurveyReport, t: Translator) -> Figure | None:
    """The chart's drawing, shares written as the reader writes them; None when results are hidden."""
    shown = [i for i in report.items if not i.hidden and not kind_of(i.step).several]  # no bar over 100 %
    if report.hidden or not shown:
        return None
    from matplotlib.figure import Figure

    from faire_lien.core.shaping import drawable  # with matplotlib: loaded when a chart is drawn

    figure = Figure(figsize=(8, 0.6 * len(shown) + 1.2), dpi=100)  # no pyplot: no screen or global state
    axes = figure.subplots()
    labels = [drawable(drawn(t(i.step.summary or i.step.text, report.flow.context))[:40], t.rtl) for i in shown]
    for row, item in enumerate(shown):
        left = 0.0
        for key, share in item.percentages.items():
            width = float(share)
            if width:
                axes.barh(row, width, left=left, edgecolor="white")
                legend = drawn(kind_of(item.step).legend(item.step, key, t, report.flow.context, words=True))
                axes.text(
                    left + width / 2,
                    row,
                    drawable(legend[:10], t.rtl),
                    ha="center",
                    va="center",
                    fontsize=7,
                )
            left += width
    axes.set_yticks(range(len(shown)), labels=labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xticks(TICKS, labels=[drawn(t(SHARE.bind(percent=tick))) for tick in TICKS])  # "۴۰٪" in Persian
    title = t(report.flow.title, report.flow.context) + f" — n = {t.format(report.counted)}"
    axes.set_title(drawable(drawn(title), t.rtl), fontsize=10)
    figure.tight_layout()
    return figure
