"""A facilitator publishes a session by conversation: the answers become a session once the flow ends."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from dialogs.results.blocks import Card
from dialogs.text import Msg, msg
from faire_lien.core.finish import Finish, Finisher
from faire_lien.core.links import SESSION_LINK, session_start_link
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
# TRANSLATORS: {link} is a t.me address that opens the bot on the session, to copy into a message or a poster.
SHARE_LINK = msg("🔗 Lien à partager pour s'inscrire : {link}", "staff")
# TRANSLATORS: {command} is « /start s_12 », to keep as it is: what people send the bot to open the session.
SHARE_COMMAND = msg("🔗 Pour s'inscrire, les personnes envoient au bot : {command}", "staff")
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


def share_line(bot_username: str | None, meeting_id: int) -> Msg:
    """What staff hand out to open the bot on the new session: its t.me link (as the console's poster), or, when the
    bot's username is not configured, the /start command to send the bot."""
    if bot_username:
        return SHARE_LINK.bind(link=session_start_link(bot_username, meeting_id))
    return SHARE_COMMAND.bind(command=f"/start {SESSION_LINK}{meeting_id}")


def publisher(bot_username: str | None = None) -> Finisher:
    """Finisher of the publishing flow; the published card ends with what to share (`share_line`)."""

    async def publish(turn: Turn, finish: Finish, card: Card) -> Card:
        """Only facilitators and coordinators publish, checked again here; a session that cannot be published (an
        hour the clock change skips, already past, over two years ahead…) is said not published, and why.

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
        (meeting_id,) = await publish_sessions(turn.session, [spec], who, turn.now)
        return Card([*card.blocks, share_line(bot_username, meeting_id)], card.offers)

    return publish
