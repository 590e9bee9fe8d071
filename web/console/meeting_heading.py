"""The heading a session's follow-up pages share: its title, when and what kind, and when its form opens."""

from __future__ import annotations

from datetime import datetime

from faire_lien.sessions import texts
from storage.models import Meeting
from web.console.pages import Page


def heading(current: Page, meeting: Meeting, opens_at: datetime) -> dict[str, object]:
    """The session's title, day and kind in the console's language, and the Paris day and time its form opens."""
    opens = texts.local_time(opens_at)
    return {
        "meeting": meeting,
        "title": texts.title(meeting, current.t),
        "when": texts.when(meeting, current.t),
        "kind": texts.kind_name(meeting.kind),
        "opens_day": current.t.date(opens.date(), "full"),
        "opens_time": current.t.time(opens),
    }


def too_early(current: Page, message: str, opens_at: datetime) -> str:
    """The refusal for a form tried before it opens, saying the Paris time and day it does."""
    return current.text(message, **day_and_time(current, opens_at))


def day_and_time(current: Page, at: datetime) -> dict[str, str]:
    """The `day` and `time` of a sentence naming a moment in Paris, in the console's language (« mardi 1er décembre
    2026 », « 14:00 »)."""
    local = texts.local_time(at)
    return {"day": current.t.date(local.date(), "full"), "time": current.t.time(local)}
