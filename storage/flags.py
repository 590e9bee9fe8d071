"""Questions flagged as not understood: add one (no identity kept), count them per flow, step and language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import QuestionFlag


def add_flag(session: AsyncSession, *, flow_id: str, step_id: str, language: str, at: datetime) -> QuestionFlag:
    """Count one more "I did not understand this question", in the caller's unit of work."""
    flag = QuestionFlag(flow_id=flow_id, step_id=step_id, language=language, created_at=at)
    session.add(flag)
    return flag


@dataclass(frozen=True)
class FlagCount:
    """How often one question was flagged in one language."""

    flow_id: str
    step_id: str
    language: str
    count: int


async def flag_counts(session: AsyncSession) -> list[FlagCount]:
    """Flags per flow, step and language, most flagged first."""
    query = (
        select(QuestionFlag.flow_id, QuestionFlag.step_id, QuestionFlag.language, func.count())
        .group_by(QuestionFlag.flow_id, QuestionFlag.step_id, QuestionFlag.language)
        .order_by(func.count().desc())
    )
    return [FlagCount(str(f), str(s), str(lang), int(n)) for f, s, lang, n in (await session.execute(query)).all()]
