"""A facilitator publishes a session by conversation: the answers become a session once the flow ends."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from dialogs.results.blocks import Card
from faire_lien.core.finish import Finish
from faire_lien.core.roles import may, staff
from faire_lien.core.turn import Turn
from faire_lien.sessions.service import publish as publish_sessions
from faire_lien.sessions.spec import MeetingInput


def spec_from_answers(answers: dict[str, Any]) -> MeetingInput | None:
    """The meeting described by the publishing conversation (None if it does not validate)."""
    try:
        day = date.fromisoformat(str(answers["day"]))
        hours, minutes = re.split("[:h]", str(answers["start"]))
        begin = datetime.combine(day, time(int(hours), int(minutes)))
        spec = MeetingInput.model_validate(
            {
                "kind": answers["kind"],
                "title": {"fr": answers["title"]},
                "start": begin,
                "end": begin + timedelta(minutes=int(str(answers["duration"]))),
                "place": answers["place"],
                "address": answers["address"],
                "capacity": answers["capacity"],
                "min_size": answers.get("min_size"),
            }
        )
    except (KeyError, ValueError, ValidationError):
        return None
    return spec


async def publish(turn: Turn, finish: Finish, card: Card) -> Card:
    """Finisher of the publishing flow: only facilitators and coordinators publish, checked again here.

    The publisher follows the new session (roster, attendance, poll) from then on.
    """
    who = await staff(turn)
    if who is None or not may(who.role, "publish"):
        return card
    spec = spec_from_answers(finish.answers)
    if spec is not None:
        await publish_sessions(turn.session, [spec], who, turn.now)
    return card
