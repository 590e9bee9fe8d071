"""Someone welcomed at the door (marked present) can no longer cancel: their seat is not offered while they sit."""

from __future__ import annotations

from datetime import timedelta

from dialogs.schema import Flow
from faire_lien.core.roles import Staff
from faire_lien.sessions.service import mark_attendance
from storage.db import Database
from storage.meetings import attendance_counts
from storage.models import OutboxMessage, Registration
from tests.conftest import NOW
from tests.faire_lien.sessions.test_seat_offers import people_for_one_seat
from tests.support.db import rows

MARIE = Staff("coordinator", None, "marie")


async def test_someone_marked_present_cannot_cancel_and_keeps_their_seat(flows: dict[str, Flow], db: Database) -> None:
    clock, meeting_id, (holder, _waiting, _) = await people_for_one_seat(flows, db, hours=3)
    (seat, *_) = await rows(db, Registration)
    clock.now = NOW + timedelta(hours=2, minutes=30)  # at the door, half an hour before the start
    async with db.unit_of_work() as session:
        assert await mark_attendance(session, seat.id, "present", MARIE, clock.now) is not None
    await holder.do("press:Mes inscriptions")
    assert "Annuler" not in str(holder.screen[0].buttons)
    await holder.do(f"raw:cancel:{seat.id}:yes")  # the button of a reminder received before
    assert holder.screen[0].text.startswith(
        "Vous avez été accueilli·e à « Réunion C2S » : votre inscription ne peut plus être annulée. "
        "Si c'est une erreur, parlez-en à l'accueil."
    )
    assert [(r.status, r.attendance) for r in await rows(db, Registration)] == [
        ("registered", "present"),
        ("waiting", None),
        ("waiting", None),
    ]
    assert [m for m in await rows(db, OutboxMessage) if m.kind == "seat_offered"] == []
    async with db.unit_of_work() as session:
        assert (await attendance_counts(session, meeting_id))["present"] == 1
