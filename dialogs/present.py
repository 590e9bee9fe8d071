"""Render engine outputs as replies (text and buttons) in the person's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dialogs.bilingual import fit, staff_reader
from dialogs.engine import Notice, Output, Question
from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.results.blocks import AnswerLine, Block, ForStaff, Section, StaffOnly
from dialogs.schema import AnswerValue, Flow, Step
from dialogs.steps import kind_of, nav
from dialogs.text import Msg, msg

REASON = msg("• {line}", "result")
STEP = msg("→ {line}", "result")
"""The wrappers of a section's reasons and next steps on a result card."""
# TRANSLATORS: {line} is a help text under a question; keep the emoji first.
INFO = msg("ℹ️ {line}", "engine")
"""A help line under a question or on a card; in a right-to-left language the line starts with a right-to-left mark."""


def render(outputs: Sequence[Output], t: Translator, prefix: str, today: date, *, edit: bool = False) -> list[Reply]:
    """Notices are merged into the next question's message; actions start with `prefix`; `today` dates examples."""
    replies: list[Reply] = []
    pending: list[str] = []
    for output in outputs:
        if isinstance(output, Notice):
            pending.append(t(output.text))
        elif isinstance(output, Question):
            text = "\n\n".join([*pending, question_text(output, t, today)])
            typed = kind_of(output.step).typed
            shown = Reply(text, keyboard(output, t, prefix), edit=edit and not pending, typed=typed)
            replies.append(fit(shown, t))  # a mediated question's bilingual buttons fit a phone
            pending = []
    if pending:
        replies.append(Reply("\n\n".join(pending)))
    return replies


def question_text(q: Question, t: Translator, today: date) -> str:
    """Header, question, help and the hint for typed answers."""
    ctx = q.flow.context
    # TRANSLATORS: {title} is the questionnaire's title, {number} the question's number.
    lines = [t(msg("{title} · question {number}", "engine", title=Msg(q.flow.title, ctx), number=q.number))]
    lines.append(t(q.step.text, ctx))
    if q.step.help:
        lines.append(t.line(INFO, Msg(q.step.help, ctx)))
    hint = kind_of(q.step).hint(q.step, t, today)
    if hint:
        lines.append(hint)
    if q.current is not None and kind_of(q.step).repeats_answer:
        lines.append(
            t(msg("Votre réponse actuelle : {answer}", "engine", answer=format_answer(q.flow, q.step, q.current, t)))
        )
    return "\n".join(lines)


def keyboard(q: Question, t: Translator, prefix: str) -> tuple[tuple[Button, ...], ...]:
    """Answer buttons for the step kind, then Skip, Back and Restart, then 🤔."""
    return (*kind_of(q.step).keyboard(q, t, prefix), *nav.rows(q, t, prefix))


def format_answer(flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
    """An answer written for people: option labels, Oui/Non, localised numbers and dates."""
    if value is None:
        return t(msg("(sans réponse)", "engine"))
    return kind_of(step).format(flow, step, value, t)


def render_blocks(blocks: Sequence[Block], t: Translator) -> str:
    """A result card as one text: messages as paragraphs, answers as bullet lines; staff-only details left out, or,
    revealed for staff, in the staff member's language alone (the person's comes first everywhere else)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, ForStaff):
            _render(block.block, staff_reader(t), lines)
        elif not isinstance(block, StaffOnly):
            _render(block, t, lines)
    return "\n".join(lines)


def _render(block: Msg | AnswerLine | Section, t: Translator, lines: list[str]) -> None:
    """The block's lines added to the card's."""
    if isinstance(block, AnswerLine):
        label = t(block.step.summary or block.step.text, block.flow.context)
        value = format_answer(block.flow, block.step, block.value, t)
        lines.append(t(msg("• {label} : {value}", "result", label=label, value=value)))
    elif isinstance(block, Section):
        lines.extend(["", t(block.title)])
        lines.extend(t.each_line(REASON, block.reasons))
        lines.extend(t.each_line(STEP, block.steps))
    else:
        lines.append(t(block))
