"""Cases for the inbox pages: a person, what they shared (a finished request flow), the check it follows."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import select

from faire_lien.cases.policy import CasePolicy
from faire_lien.cases.service import add_card, open_case, person_writes
from storage import cases as store
from storage.db import Database
from storage.models import Answer, AuditEntry, Person, Response, StaffMember
from storage.statuses import CaseKind
from tests.conftest import NOW
from tests.support.records import a_person

PHONE = "0612345678"
"""The phone number a person shares in a call-back request: only the case page shows it."""
PEOPLE = 770_000
"""People's Telegram ids start here."""
REQUEST_FLOW: dict[CaseKind, str] = {"callback": "callback", "facilitator": "facilitator_meeting"}


@dataclass(frozen=True)
class Opened:
    """A case and the person it is about."""

    case_id: int
    person_id: int


async def _finished(session: Any, person_id: int, flow_id: str, answers: dict[str, Any], at: datetime) -> int:
    response = Response(person_id=person_id, flow_id=flow_id, flow_version=1, started_at=at, completed_at=at)
    session.add(response)
    await session.flush()
    for step_id, value in answers.items():
        session.add(
            Answer(
                response_id=response.id,
                person_id=person_id,
                flow_id=flow_id,
                flow_version=1,
                step_id=step_id,
                value=value,
            )
        )
    return response.id


async def a_case(
    db: Database,
    kind: CaseKind = "callback",
    *,
    language: str = "fr",
    at: datetime = NOW,
    number: int = 0,
    context: dict[str, Any] | None = None,
) -> Opened:
    """A new case of this kind: a call-back or facilitator meeting asked by phone after a rights check."""
    async with db.unit_of_work() as session:
        person = await a_person(session, PEOPLE + number, language)
        response_id = origin_id = None
        if kind in REQUEST_FLOW:
            shared = {"agree": True, "channel": "phone", "phone": PHONE, "moment": "morning"}
            response_id = await _finished(session, person.id, REQUEST_FLOW[kind], shared, at)
            check = {"residence": "permit", "household_size": 2, "couple": True}
            origin_id = await _finished(session, person.id, "rights_check", check, at)
        case = await open_case(
            session,
            person,
            kind,
            at,
            CasePolicy(),
            response_id=response_id,
            origin_response_id=origin_id,
            context=context,
        )
        return Opened(case.id, person.id)


async def a_card_added(db: Database, case_id: int, flow_id: str, answers: dict[str, Any], at: datetime) -> int:
    """The person finishes another questionnaire and presses its card's 📞 while the request is open: its answers
    join the request; the card's check."""
    async with db.unit_of_work() as session:
        case = await store.get_case(session, case_id)
        assert case is not None
        response_id = await _finished(session, case.person_id, flow_id, answers, at)
        assert await add_card(session, case, response_id, at)
        return response_id


async def the_person_writes(db: Database, case_id: int, text: str, at: datetime) -> None:
    """The person answers in their chat: the bot puts it in the case."""
    async with db.unit_of_work() as session:
        case = await store.get_case(session, case_id)
        assert case is not None
        person = await session.get(Person, case.person_id)
        assert person is not None
        await person_writes(session, person, case, text, at, CasePolicy())


async def name_staff(db: Database, telegram_id: int, name: str) -> None:
    """Give a staff member a display name, as the team page does."""
    async with db.unit_of_work() as session:
        member = (await session.execute(select(StaffMember).where(StaffMember.telegram_id == telegram_id))).scalar_one()
        member.display_name = name


async def case_audit(db: Database) -> list[tuple[str, str, int | None, dict[str, Any]]]:
    """The audit rows about cases: actor, action, person, detail."""
    query = select(AuditEntry).where(AuditEntry.action.like("%_case")).order_by(AuditEntry.id)
    async with db.unit_of_work() as session:
        rows = (await session.execute(query)).scalars()
        return [(row.actor, row.action, row.person_id, dict(row.detail or {})) for row in rows]


def words(response: httpx.Response) -> str:
    """The page's text as a reader hears it: tags dropped, entities decoded, one space between words."""
    inline = re.sub(r"</?bdi>", "", response.text)  # a name's isolate is part of its sentence
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split()) + " "


def listed(page: str, case_id: int) -> bool:
    """Whether the inbox's text lists this case."""
    return f"Demande n° {case_id} " in page
