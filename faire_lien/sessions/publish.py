"""A facilitator publishes a session by conversation: the answers become a session once the flow ends."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from dialogs.results.blocks import Card
from dialogs.text import Msg, msg
from faire_lien.core.finish import Finish
from faire_lien.core.roles import may, staff
from faire_lien.core.turn import Turn
from faire_lien.sessions.service import publish as publish_sessions
from faire_lien.sessions.spec import MIN_ABOVE_CAPACITY, TIME_SKIPPED, TIME_TWICE, MeetingInput
from faire_lien.sessions.timing import START_PASSED, START_TOO_FAR, start_refusal
from storage.types import PARIS

SKIPPED = msg(
    "❌ Rencontre non publiée : cette heure n'existe pas ce jour-là (à 2 h, on avance les horloges à 3 h, passage à "
    "l'heure d'été). Recommencez avec une heure avant 2 h ou à partir de 3 h.",
    "staff",
)
TWICE = msg(
    "❌ Rencontre non publiée : cette heure a lieu deux fois ce jour-là (à 3 h, on recule les horloges à 2 h, passage "
    "à l'heure d'hiver). Recommencez avec une heure avant 2 h ou à partir de 3 h.",
    "staff",
)
PAST = msg("❌ Rencontre non publiée : cette heure est déjà passée. Recommencez avec une heure à venir.", "staff")
TOO_FAR = msg(
    "❌ Rencontre non publiée : cette date est dans plus de deux ans. Vérifiez l'année, puis recommencez.", "staff"
)
MINIMUM = msg(
    "❌ Rencontre non publiée : le minimum d'inscrits ne peut pas dépasser le nombre de places. Recommencez.", "staff"
)
NOT_VALID = msg(
    "❌ Rencontre non publiée : ces réponses ne décrivent pas une rencontre possible. Recommencez.", "staff"
)
REASONS = {TIME_SKIPPED: SKIPPED, TIME_TWICE: TWICE, MIN_ABOVE_CAPACITY: MINIMUM}
"""What staff read instead of "published", per rule of `MeetingSpec` the answers broke."""
START_REFUSALS = {START_PASSED: PAST, START_TOO_FAR: TOO_FAR}
"""What staff read instead of "published" when the start has passed or is over two years ahead (a mistyped year)."""


def spec_from_answers(answers: dict[str, Any]) -> MeetingInput | Msg:
    """The meeting described by the publishing conversation, or why it cannot be published."""
    try:
        day = date.fromisoformat(str(answers["day"]))
        hours, minutes = re.split("[:h]", str(answers["start"]))
        begin = datetime.combine(day, time(int(hours), int(minutes)))
        length = timedelta(minutes=int(str(answers["duration"])))
        return MeetingInput.model_validate(
            {
                "kind": answers["kind"],
                "title": {"fr": answers["title"]},
                "start": begin,
                "end": (begin.replace(tzinfo=PARIS).astimezone(UTC) + length).astimezone(PARIS),  # a real hour long
                "place": answers["place"],
                "address": answers["address"],
                "capacity": answers["capacity"],
                "min_size": answers.get("min_size"),
            }
        )
    except ValidationError as error:
        for problem in error.errors():
            raised = str(problem.get("ctx", {}).get("error", ""))
            if raised in REASONS:
                return REASONS[raised]
        return NOT_VALID
    except (KeyError, ValueError):
        return NOT_VALID


async def publish(turn: Turn, finish: Finish, card: Card) -> Card:
    """Finisher of the publishing flow: only facilitators and coordinators publish, checked again here; a session
    that cannot be published (an hour the clock change skips, already past, over two years ahead…) is said not
    published, and why.

    The publisher follows the new session (roster, attendance, poll) from then on.
    """
    who = await staff(turn)
    if who is None or not may(who.role, "publish"):
        return card
    spec = spec_from_answers(finish.answers)
    if isinstance(spec, MeetingInput) and (refused := start_refusal(spec.start, turn.now)) is not None:
        spec = START_REFUSALS[refused]
    if isinstance(spec, Msg):
        return Card([spec, *card.blocks[1:]], card.offers)  # what they answered stays below
    await publish_sessions(turn.session, [spec], who, turn.now)
    return card
