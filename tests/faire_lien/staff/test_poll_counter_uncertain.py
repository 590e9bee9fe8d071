"""A session's poll counter on the staff screen: an invitation whose delivery is uncertain has its own count."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from faire_lien.assistant import Assistant
from faire_lien.surveys.invitations import HOT
from storage.db import Database
from storage.models import OutboxMessage, Registration
from storage.people import Identity
from storage.surveys import invite
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows
from tests.support.records import a_meeting, a_person

COORDINATOR = 1
HELD = datetime(2026, 11, 3, 14, tzinfo=ZoneInfo("Europe/Paris"))


async def held_with_two_invited(db: Database) -> int:
    """A held session with two people present, both invited to its poll (their messages in the send queue)."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, HELD)
        for telegram_id in (75_001, 75_002):
            person = await a_person(session, telegram_id)
            session.add(
                Registration(
                    meeting_id=meeting.id,
                    person_id=person.id,
                    status="registered",
                    attendance="present",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
            await invite(session, person.id, HOT, meeting.id, NOW, NOW)
        return meeting.id


async def uncertain(db: Database, how_many: int) -> None:
    """The first invitations' messages went out without an answer from Telegram: the outbox marks them uncertain."""
    first = sorted(m.id for m in await rows(db, OutboxMessage) if m.kind == "survey_invite")[:how_many]
    async with db.unit_of_work() as session:
        for message_id in first:
            message = await session.get(OutboxMessage, message_id)
            assert message is not None
            message.status = "uncertain"


async def coordinator(assistant: Assistant, db: Database, start: list[str]) -> Talker:
    await make_staff(db, COORDINATOR, "coordinator")
    talker = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in start:
        await talker.do(step)
    return talker


def poll_line(talker: Talker) -> str:
    (line,) = [line for line in talker.screen[-1].text.splitlines() if line.startswith(("Avis —", "Poll —"))]
    return line


async def test_the_staff_screen_counts_the_uncertain_invitation_apart(assistant: Assistant, db: Database) -> None:
    meeting_id = await held_with_two_invited(db)
    await uncertain(db, 1)
    staff = await coordinator(assistant, db, ["/start", "press:Français", "press:J'accepte"])

    await staff.do(f"raw:sm:{meeting_id}")
    assert poll_line(staff) == (
        "Avis — personnes invitées : 2 · envoyés : 0 · en attente : 1 · incertains : 1 · injoignables : 0 · "
        "répondants (arrondi par groupes de 5) : moins de 5"
    )


async def test_a_poll_whose_every_invitation_is_uncertain_is_not_said_unsent(
    assistant: Assistant, db: Database
) -> None:
    """They may have arrived: the results do not read « pas encore été envoyé » (which offers to send it)."""
    meeting_id = await held_with_two_invited(db)
    await uncertain(db, 2)
    staff = await coordinator(assistant, db, ["/start", "press:Français", "press:J'accepte"])

    await staff.do(f"raw:sm:{meeting_id}")
    assert "en attente : 0 · incertains : 2 ·" in poll_line(staff)
    await staff.do(f"raw:res:{meeting_id}")
    assert "pas encore été envoyé" not in "".join(r.text for r in staff.screen)


async def test_in_english_too(assistant: Assistant, db: Database) -> None:
    meeting_id = await held_with_two_invited(db)
    await uncertain(db, 1)
    staff = await coordinator(assistant, db, ["/start", "press:English", "press:I agree"])

    await staff.do(f"raw:sm:{meeting_id}")
    assert poll_line(staff) == (
        "Poll — people invited: 2 · delivered: 0 · waiting to be sent: 1 · uncertain: 1 · unreachable: 0 · "
        "respondents (rounded in groups of 5): fewer than 5"
    )
