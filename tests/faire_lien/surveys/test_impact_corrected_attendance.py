"""Someone marked present by mistake, then absent, is not asked how it was nor, three months later, what it changed."""

from __future__ import annotations

from dialogs.schema import Flow
from faire_lien.outbox.delivery import Outcome, prepare, settle
from storage.db import Database
from storage.models import OutboxMessage, Registration, SurveyInvitation
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.surveys.test_surveys import STAFF_ID, assistant_with_staff, held_meeting, people
from tests.support.db import rows


async def staff_member(flows: dict[str, Flow], db: Database) -> Talker:
    await make_staff(db, STAFF_ID)
    staff = Talker(assistant_with_staff(flows), db, who=Identity(telegram_id=STAFF_ID))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await staff.do(step)
    return staff


async def impact_messages(db: Database) -> list[str]:
    invitations = {i.id for i in await rows(db, SurveyInvitation) if i.flow_id == "impact_3m"}
    return [m.status for m in await rows(db, OutboxMessage) if m.payload.get("invitation") in invitations]


async def test_present_then_absent_takes_the_impact_survey_back(flows: dict[str, Flow], db: Database) -> None:
    crowd = await people(assistant_with_staff(flows), db, 2)
    await held_meeting(db, crowd)
    staff = await staff_member(flows, db)
    first, second = await rows(db, Registration)
    for registration in (first, second):
        await staff.do(f"raw:att:{registration.id}:present")
    await staff.do(f"raw:att:{second.id}:absent")  # a mistake corrected
    assert "présent·es : 1 · absent·es : 1" in staff.screen[0].text
    invited = [(i.person_id, i.flow_id) for i in await rows(db, SurveyInvitation)]
    assert invited == [(first.person_id, "impact_3m")]
    assert await impact_messages(db) == ["pending"]


async def test_absent_at_one_meeting_of_a_series_keeps_the_survey_of_the_others(
    flows: dict[str, Flow], db: Database
) -> None:
    (talker,) = await people(assistant_with_staff(flows), db, 1)
    first = await held_meeting(db, [talker], series="aidants", days_ago=8)
    await held_meeting(db, [talker], series="aidants", days_ago=1)
    staff = await staff_member(flows, db)
    registrations = await rows(db, Registration)
    for registration in registrations:
        await staff.do(f"raw:att:{registration.id}:present")
    (other,) = [r for r in registrations if r.meeting_id != first]
    await staff.do(f"raw:att:{other.id}:excused")
    assert [i.flow_id for i in await rows(db, SurveyInvitation)] == ["impact_3m"]  # they came to the first one
    (present,) = [r for r in registrations if r.meeting_id == first]
    await staff.do(f"raw:att:{present.id}:absent")
    assert await rows(db, SurveyInvitation) == []  # present at none of the series now
    assert await impact_messages(db) == []


async def test_present_then_absent_takes_back_the_poll_still_waiting_to_go_out(
    flows: dict[str, Flow], db: Database
) -> None:
    crowd = await people(assistant_with_staff(flows), db, 2)
    meeting_id = await held_meeting(db, crowd)
    staff = await staff_member(flows, db)
    first, second = await rows(db, Registration)
    for registration in (first, second):
        await staff.do(f"raw:att:{registration.id}:present")
    await staff.do(f"raw:poll:{meeting_id}")  # queued, not sent yet (quiet hours)
    await staff.do(f"raw:att:{second.id}:absent")  # a mistake corrected
    polls = [i for i in await rows(db, SurveyInvitation) if i.flow_id == "hot_evaluation"]
    assert [i.person_id for i in polls] == [first.person_id]
    queued = [(m.person_id, m.status) for m in await rows(db, OutboxMessage) if m.kind == "survey_invite"]
    assert sorted(status for person, status in queued if person == second.person_id) == ["cancelled", "cancelled"]
    assert [status for person, status in queued if person == first.person_id] == ["pending", "pending"]


async def test_a_poll_that_may_have_arrived_then_taken_back_says_why(flows: dict[str, Flow], db: Database) -> None:
    (talker,) = await people(assistant_with_staff(flows), db, 1)
    meeting_id = await held_meeting(db, [talker])
    staff = await staff_member(flows, db)
    (registration,) = await rows(db, Registration)
    await staff.do(f"raw:att:{registration.id}:present")
    await staff.do(f"raw:poll:{meeting_id}")
    (poll,) = [i for i in await rows(db, SurveyInvitation) if i.flow_id == "hot_evaluation"]
    (message,) = [m for m in await rows(db, OutboxMessage) if m.payload.get("invitation") == poll.id]
    async with db.unit_of_work() as session:
        assert await prepare(session, message.id, NOW) is not None
        await settle(session, message.id, Outcome("uncertain", reason="connection cut"), NOW)  # it may have arrived
    await staff.do(f"raw:att:{registration.id}:absent")  # a mistake corrected
    assert [i.flow_id for i in await rows(db, SurveyInvitation)] == []
    await talker.do(f"raw:sv:{poll.id}")  # pressing the poll's Answer button
    assert talker.screen[0].text.startswith(
        "Ce questionnaire sur « Réunion C2S » a été retiré : la liste des présences à cette rencontre a été "
        "corrigée et vous n'y êtes plus noté·e présent·e. Merci quand même !"
    )
