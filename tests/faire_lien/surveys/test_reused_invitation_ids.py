"""An invitation taken back (attendance corrected) never hands its number, nor its message, to a newer one."""

from __future__ import annotations

from datetime import timedelta

from dialogs.schema import Flow
from faire_lien.outbox.delivery import prepare
from storage.db import Database
from storage.models import OutboxMessage, Registration, SurveyInvitation
from tests.conftest import NOW
from tests.faire_lien.surveys.test_impact_corrected_attendance import staff_member
from tests.faire_lien.surveys.test_surveys import assistant_with_staff, held_meeting, people
from tests.support.db import rows


async def test_the_next_person_marked_present_receives_their_own_impact_survey(
    flows: dict[str, Flow], db: Database
) -> None:
    first, second = await people(assistant_with_staff(flows), db, 2)
    await held_meeting(db, [first, second])
    staff = await staff_member(flows, db)
    registrations = {r.person_id: r for r in await rows(db, Registration)}
    by_chat = {200: registrations[min(registrations)], 201: registrations[max(registrations)]}
    await staff.do(f"raw:att:{by_chat[201].id}:present")  # the second person, by mistake
    (withdrawn,) = await rows(db, SurveyInvitation)
    await staff.do(f"raw:att:{by_chat[201].id}:absent")  # corrected: their invitation is taken back
    await staff.do(f"raw:att:{by_chat[200].id}:present")  # then the first person
    (invitation,) = await rows(db, SurveyInvitation)
    assert invitation.person_id == by_chat[200].person_id
    assert invitation.id != withdrawn.id  # a number never given twice, as on PostgreSQL
    (message,) = [m for m in await rows(db, OutboxMessage) if m.status == "pending"]
    async with db.unit_of_work() as session:
        ready = await prepare(session, message.id, NOW + timedelta(days=100))
    assert ready is not None
    assert ready.chat_id == 200  # not the chat of the person marked absent
    assert ready.reply.text.startswith("Il y a trois mois, vous avez participé à « Réunion C2S »")
