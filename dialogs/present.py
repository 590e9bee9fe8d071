"""Render engine outputs as replies (text and buttons) in the person's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from dialogs.engine import Notice, Output, Question
from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.results.blocks import AnswerLine, Block, Section, StaffOnly
from dialogs.schema import AnswerValue, Flow, Step
from dialogs.text import Msg, msg

EMOJI5 = ("😞", "🙁", "😐", "🙂", "😀")
EMOJI5_LABELS = (
    msg("très mal", "scale"),
    msg("plutôt mal", "scale"),
    msg("moyen", "scale"),
    msg("plutôt bien", "scale"),
    msg("très bien", "scale"),
)
YES = msg("Oui", "button")
NO = msg("Non", "button")
BACK = msg("◀ Retour", "button")
RESTART = msg("↺ Recommencer", "button")
SKIP = msg("Passer", "button")
DONE = msg("✔ Valider", "button")
HUH = msg("🤔 Je ne comprends pas", "button")
REASON = msg("• {line}", "result")
STEP = msg("→ {line}", "result")
"""The wrappers of a section's reasons and next steps on a result card."""


def render(outputs: Sequence[Output], t: Translator, prefix: str, *, edit: bool = False) -> list[Reply]:
    """Notices are merged into the next question's message; actions start with `prefix`."""
    replies: list[Reply] = []
    pending: list[str] = []
    for output in outputs:
        if isinstance(output, Notice):
            pending.append(t(output.text))
        elif isinstance(output, Question):
            text = "\n\n".join([*pending, question_text(output, t)])
            typed = output.step.kind in ("number", "date", "text")
            replies.append(Reply(text, keyboard(output, t, prefix), edit=edit and not pending, typed=typed))
            pending = []
    if pending:
        replies.append(Reply("\n\n".join(pending)))
    return replies


def question_text(q: Question, t: Translator) -> str:
    """Header, question, help and the hint for typed answers."""
    ctx = q.flow.context
    lines = [t(msg("{title} · question {number}", "engine", title=Msg(q.flow.title, ctx), number=q.number))]
    lines.append(t(q.step.text, ctx))
    if q.step.help:
        lines.append("ℹ️ " + t(q.step.help, ctx))
    hint = _hint(q.step, t)
    if hint:
        lines.append(hint)
    if q.current is not None and q.step.kind != "multi":
        lines.append(
            t(msg("Votre réponse actuelle : {answer}", "engine", answer=format_answer(q.flow, q.step, q.current, t)))
        )
    return "\n".join(lines)


def _hint(step: Step, t: Translator) -> str | None:
    if step.kind == "number":
        assert step.min is not None and step.max is not None
        return t(msg("Écrivez un nombre entre {min} et {max}.", "engine", min=_num(step.min), max=_num(step.max)))
    if step.kind == "date":
        return t(msg("Écrivez une date, par exemple 25/03/2026.", "engine"))
    if step.kind == "text":
        return t(msg("Écrivez votre réponse.", "engine"))
    if step.kind == "multi":
        return t(msg("Cochez une ou plusieurs réponses, puis appuyez sur « Valider ».", "engine"))
    if step.kind == "emoji5":
        return " · ".join(f"{e} {t(label)}" for e, label in zip(EMOJI5, EMOJI5_LABELS, strict=True))
    return None


def _num(bound: float) -> int | Decimal:
    return int(bound) if float(bound).is_integer() else Decimal(str(bound))


def keyboard(q: Question, t: Translator, prefix: str) -> tuple[tuple[Button, ...], ...]:
    """Answer buttons for the step kind, then Skip, Back and Restart."""
    ctx = q.flow.context
    step = q.step
    rows: list[tuple[Button, ...]] = []
    if step.kind == "choice":
        rows.extend((Button(t(o.label, ctx), f"{prefix}o{i}"),) for i, o in enumerate(step.options))
    elif step.kind == "multi":
        for i, o in enumerate(step.options):
            mark = "☑" if o.id in q.draft else "☐"
            rows.append((Button(f"{mark} {t(o.label, ctx)}", f"{prefix}t{i}"),))
        rows.append((Button(t(DONE), f"{prefix}done"),))
    elif step.kind == "yesno":
        rows.append((Button(t(YES), f"{prefix}yes"), Button(t(NO), f"{prefix}no")))
    elif step.kind == "emoji5":
        rows.append(tuple(Button(e, f"{prefix}v{i + 1}") for i, e in enumerate(EMOJI5)))
    elif step.kind == "scale10":
        rows.append(tuple(Button(str(v), f"{prefix}v{v}") for v in range(6)))
        rows.append(tuple(Button(str(v), f"{prefix}v{v}") for v in range(6, 11)))
    nav: list[Button] = []
    if step.optional:
        nav.append(Button(t(SKIP), f"{prefix}skip"))
    if q.can_back:
        nav.append(Button(t(BACK), f"{prefix}back"))
    nav.append(Button(t(RESTART), f"{prefix}restart"))
    rows.append(tuple(nav))
    rows.append((Button(t(HUH), f"{prefix}huh"),))
    return tuple(rows)


def format_answer(flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
    """An answer written for people: option labels, Oui/Non, localised numbers and dates."""
    ctx = flow.context
    if value is None:
        return t(msg("(sans réponse)", "engine"))
    if step.kind == "choice":
        return next((t(o.label, ctx) for o in step.options if o.id == value), str(value))
    if step.kind == "multi" and isinstance(value, list):
        return ", ".join(t(o.label, ctx) for o in step.options if o.id in value)
    if step.kind == "yesno":
        return t(YES if value is True else NO)
    if step.kind == "number":
        return t.format(Decimal(value) if isinstance(value, str) else Decimal(str(value)))
    if step.kind == "date" and isinstance(value, str):
        return t.format(date.fromisoformat(value))
    if step.kind == "emoji5" and isinstance(value, int):
        return f"{EMOJI5[value - 1]} {t(EMOJI5_LABELS[value - 1])}"
    if step.kind == "scale10":
        return f"{value}/10"
    return str(value)


def render_blocks(blocks: Sequence[Block], t: Translator) -> str:
    """A result card as one text: messages as paragraphs, answers as bullet lines; staff-only details left out."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, StaffOnly):
            continue
        if isinstance(block, AnswerLine):
            label = t(block.step.summary or block.step.text, block.flow.context)
            value = format_answer(block.flow, block.step, block.value, t)
            lines.append(t(msg("• {label} : {value}", "result", label=label, value=value)))
        elif isinstance(block, Section):
            lines.extend(["", t(block.title)])
            lines.extend(t.line(REASON, reason) for reason in block.reasons)
            lines.extend(t.line(STEP, step) for step in block.steps)
        else:
            lines.append(t(block))
    return "\n".join(lines)
