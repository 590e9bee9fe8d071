"""Issue 15, item 8: a /start link whose session id is not 1 to 9 ASCII digits is answered as a link to no session."""

from __future__ import annotations

import pytest

from faire_lien.assistant import Assistant
from faire_lien.core.links import session_id
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person as Talker
from tests.support.records import a_meeting

ISSUE_PAYLOADS = ["s_99999999999999999999999999", "s_²"]
NOT_VALID = "Cette rencontre n'est plus proposée."  # what a link to a deleted session gets


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("s_1", 1),
        ("s_000000012", 12),
        ("s_999999999", 999_999_999),
        ("s_1234567890", None),  # 10 digits: more than any id this bot hands out
        ("s_99999999999999999999999999", None),
        ("s_²", None),
        ("s_١٢", None),  # Arabic-Indic digits: int() would read 12
        ("s_", None),
        ("s_-1", None),
        ("s_ 1", None),
        ("s_1\n", None),
        ("inv_abc", None),
    ],
)
def test_session_id_reads_only_ascii_digits(argument: str, expected: int | None) -> None:
    assert session_id(argument) == expected


async def links_through_the_assistant(assistant: Assistant, db: Database) -> None:
    """The issue's two payloads, a real link, and a bad one mid-questionnaire."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, title={"fr": "Réunion C2S"})
        meeting_id = meeting.id
    talker = Talker(assistant, db, who=Identity(telegram_id=5))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    for payload in ISSUE_PAYLOADS:
        (menu,) = await talker.do(f"/start {payload}")
        assert menu.text.startswith(NOT_VALID)
        assert "Que voulez-vous faire ?" in menu.text
    (page,) = await talker.do(f"/start s_{meeting_id}")  # a real link still opens its session
    assert "Réunion C2S" in page.text
    await talker.do("raw:go:rights_check")
    (question,) = await talker.do("/start s_²")  # mid-questionnaire: the notice, then the question in progress
    assert question.text.startswith(NOT_VALID)
    assert "question 1" in question.text


async def test_item_8_start_payload_too_long_or_not_ascii(assistant: Assistant, db: Database) -> None:
    await links_through_the_assistant(assistant, db)


async def test_item_8_start_payload_too_long_or_not_ascii_postgresql(assistant: Assistant, pg_db: Database) -> None:
    await links_through_the_assistant(assistant, pg_db)  # asyncpg refused the 26-digit id outright
