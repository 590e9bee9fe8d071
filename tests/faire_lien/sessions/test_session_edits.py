"""Editing a session: seats never below those held, new seats to the waiting list, a new place told to everyone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import translator
from faire_lien.core.roles import Staff
from faire_lien.outbox.registry import render
from faire_lien.sessions.access import NotYourSessionError
from faire_lien.sessions.service import EditRefusedError, edit_session, session_overview
from storage.db import Database
from storage.meetings import get_meeting, register
from storage.models import OutboxMessage, Registration
from tests.conftest import NOW, make_staff
from tests.support.records import a_meeting, a_person

MARIE = Staff("coordinator", None, "marie")


async def booked(db: Database, capacity: int, people: int, **extra: object) -> tuple[int, list[int]]:
    """A session in five days with `capacity` seats and `people` registrations (the extra ones wait)."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=capacity, **extra)
        ids = []
        for n in range(people):
            person = await a_person(session, 900 + n, language="ar" if n == 0 else "fr")
            booking = await register(session, meeting.id, person.id, NOW)
            assert booking.registration is not None
            ids.append(booking.registration.id)
        return meeting.id, ids


async def outbox(session: AsyncSession) -> list[OutboxMessage]:
    return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


async def test_more_seats_go_to_the_people_waiting_in_order(db: Database) -> None:
    meeting_id, ids = await booked(db, capacity=2, people=5)
    async with db.unit_of_work() as session:
        edited = await edit_session(session, meeting_id, {"capacity": 4}, MARIE, NOW)
    assert edited is not None and (edited.offered, edited.relocated, edited.confirmed) == (2, 0, 0)
    async with db.unit_of_work() as session:
        meeting = await get_meeting(session, meeting_id)
        statuses = [(await session.get(Registration, i)).status for i in ids]  # type: ignore[union-attr]
        sent = await outbox(session)
        assert meeting is not None and (meeting.capacity, meeting.taken) == (4, 4)
        assert statuses == ["registered", "registered", "offered", "offered", "waiting"]
        assert [m.kind for m in sent] == ["seat_offered", "seat_offered"]
        offer = await render(session, sent[0], translator("fr"), NOW)
        assert offer is not None and "Une place s'est libérée" in offer.text


async def test_more_seats_than_people_waiting_stay_free(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=1, people=2)
    async with db.unit_of_work() as session:
        edited = await edit_session(session, meeting_id, {"capacity": 10}, MARIE, NOW)
        meeting = await get_meeting(session, meeting_id)
    assert edited is not None and edited.offered == 1
    assert meeting is not None and (meeting.capacity, meeting.taken) == (10, 2)


async def test_seats_cannot_go_below_those_held_and_nothing_changes(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=3, people=3)
    async with db.unit_of_work() as session:
        with pytest.raises(EditRefusedError) as refused:
            await edit_session(session, meeting_id, {"capacity": 2, "place": "Ailleurs"}, MARIE, NOW)
    assert (refused.value.reason, refused.value.taken) == ("seats_taken", 3)
    async with db.unit_of_work() as session:
        meeting = await get_meeting(session, meeting_id)
        assert meeting is not None and (meeting.capacity, meeting.place) == (3, "CPAM Poitiers")
        edited = await edit_session(session, meeting_id, {"capacity": 3, "title": {"fr": "Nouveau"}}, MARIE, NOW)
    assert edited is not None and edited.offered == 0


async def test_invalid_values_are_refused_by_the_rules_of_a_new_session(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=3, people=0)
    async with db.unit_of_work() as session:
        with pytest.raises(ValidationError):
            await edit_session(session, meeting_id, {"title": {"en": "No French"}}, MARIE, NOW)
        with pytest.raises(ValidationError):
            await edit_session(session, meeting_id, {"min_size": 5}, MARIE, NOW)  # above the capacity
        with pytest.raises(ValueError, match="not editable"):
            await edit_session(session, meeting_id, {"kind": "checkup"}, MARIE, NOW)


async def test_a_new_place_is_told_to_everyone_in_their_language(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=1, people=2)
    changes = {"place": "Maison des services", "address": "3 rue Neuve, 86000 Poitiers"}
    async with db.unit_of_work() as session:
        edited = await edit_session(session, meeting_id, changes, MARIE, NOW)
    assert edited is not None and edited.relocated == 2
    async with db.unit_of_work() as session:
        sent = await outbox(session)
        assert [m.kind for m in sent] == ["meeting_relocated"] * 2
        arabic = await render(session, sent[0], translator("ar"), NOW)
        french = await render(session, sent[1], translator("fr"), NOW)
    assert arabic is not None and "تغيّر مكان" in arabic.text and "3 rue Neuve" in arabic.text
    assert french is not None and french.text.startswith("📍 « Réunion C2S » (")
    assert "change de lieu : Maison des services, 3 rue Neuve, 86000 Poitiers." in french.text


async def test_lowering_the_minimum_to_what_is_reached_confirms_the_date(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=10, people=2, min_size=4)
    async with db.unit_of_work() as session:
        edited = await edit_session(session, meeting_id, {"min_size": 2}, MARIE, NOW)
        meeting = await get_meeting(session, meeting_id)
        kinds = sorted(m.kind for m in await outbox(session))
    assert edited is not None and edited.confirmed == 2
    assert meeting is not None and meeting.confirmed_at == NOW
    assert kinds == ["meeting_confirm"] * 2 + ["meeting_confirmed"] * 2 + ["meeting_details"] * 2


async def test_removing_the_minimum_confirms_the_date(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=10, people=1, min_size=4)
    async with db.unit_of_work() as session:
        edited = await edit_session(session, meeting_id, {"min_size": None}, MARIE, NOW)
    assert edited is not None and edited.confirmed == 1


async def test_a_minimum_cannot_be_added_once_people_registered_without_one(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=10, people=1)
    async with db.unit_of_work() as session:
        with pytest.raises(EditRefusedError) as refused:
            await edit_session(session, meeting_id, {"min_size": 3}, MARIE, NOW)
    assert refused.value.reason == "minimum_too_late"
    empty_id, _ = await booked(db, capacity=10, people=0)
    async with db.unit_of_work() as session:
        assert await edit_session(session, empty_id, {"min_size": 3}, MARIE, NOW) is not None


async def test_only_a_session_still_on_and_followed_is_edited(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=10, people=0)
    await make_staff(db, 4242, "facilitator")
    async with db.unit_of_work() as session:
        from storage.staff import active_member

        member = await active_member(session, 4242)
        assert member is not None
        stranger = Staff("facilitator", member.id, "telegram:4242")
        with pytest.raises(NotYourSessionError):
            await edit_session(session, meeting_id, {"capacity": 11}, stranger, NOW)
        assert await edit_session(session, meeting_id + 1, {"capacity": 11}, MARIE, NOW) is None
        assert await edit_session(session, meeting_id, {"capacity": 11}, MARIE, NOW + timedelta(days=9)) is None


async def test_the_overview_counts_without_reading_names(db: Database) -> None:
    meeting_id, _ = await booked(db, capacity=2, people=3)
    async with db.unit_of_work() as session:
        found = await session_overview(session, meeting_id, MARIE)
    assert found is not None and (found.registered, found.offered, found.waiting, found.to_tell) == (2, 0, 1, 3)
