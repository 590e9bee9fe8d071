"""Texts are held to their length where staff type them, never when an old session is moved, edited or cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from faire_lien.core.roles import Staff
from faire_lien.sessions.service import cancel_session, edit_session, move_session
from faire_lien.sessions.spec import MeetingInput, SpecError, parse_yaml
from storage.db import Database
from storage.meetings import get_meeting
from tests.conftest import NOW
from tests.support.records import OPERATOR, a_meeting

MARIE = Staff("coordinator", None, "marie")
LONG = ("Atelier budget et droits " * 12).strip() + "!"  # 300 characters
TYPED = {
    "kind": "info_meeting",
    "start": "2027-01-12 14:00",
    "end": "16:00",
    "place": "CPAM Poitiers",
    "address": "41 rue Touffenet, 86000 Poitiers",
    "capacity": 12,
}


def test_a_typed_title_counts_its_characters_in_each_language() -> None:
    assert MeetingInput.model_validate({**TYPED, "title": {"fr": "é" * 200, "ar": "ع" * 200}}).title["ar"] == "ع" * 200
    assert MeetingInput.model_validate({**TYPED, "title": {"fr": "  " + "x" * 200 + "  "}}).title["fr"] == "x" * 200
    with pytest.raises(ValidationError) as refused:
        MeetingInput.model_validate({**TYPED, "title": {"fr": "Réunion", "ar": "ع" * 201}, "place": "P" * 201})
    found = [(e["loc"], e["type"]) for e in refused.value.errors()]
    assert found == [(("title", "ar"), "string_too_long"), (("place",), "string_too_long")]


def test_an_import_file_names_the_line_of_a_title_too_long() -> None:
    text = f"- kind: info_meeting\n  title:\n    fr: {'x' * 201}\n  start: 2027-01-12 14:00\n  end: '16:00'\n"
    text += "  place: CPAM\n  address: 41 rue Touffenet, Poitiers\n  capacity: 12\n"
    with pytest.raises(SpecError) as refused:
        parse_yaml(text, "s.yaml")
    assert [str(p) for p in refused.value.problems] == ["s.yaml:3: title.fr: String should have at most 200 characters"]


async def test_an_old_session_with_a_long_title_and_place_is_moved_edited_and_cancelled(db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), title={"fr": LONG}, place=LONG)
        meeting_id = meeting.id
    async with db.unit_of_work() as session:
        assert await move_session(session, meeting_id, "2027-01-20 14:00", "16:00", OPERATOR, NOW) == 0
        kept = {"title": {"fr": LONG}, "place": LONG, "capacity": 20}
        assert await edit_session(session, meeting_id, kept, MARIE, NOW) is not None
        with pytest.raises(ValidationError) as refused:
            await edit_session(session, meeting_id, {"title": {"fr": LONG + "!"}}, MARIE, NOW)
        assert [e["loc"] for e in refused.value.errors()] == [("title", "fr")]
    async with db.unit_of_work() as session:
        moved = await get_meeting(session, meeting_id)
        assert moved is not None
        assert (len(LONG), moved.title["fr"], moved.place, moved.capacity) == (300, LONG, LONG, 20)
        assert moved.starts_at.date().isoformat() == "2027-01-20"
        assert await cancel_session(session, meeting_id, OPERATOR, NOW) == 0
