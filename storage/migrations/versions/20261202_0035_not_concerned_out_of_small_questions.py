"""survey totals: a session's answers to a question count only when 5 of its respondents counted or more answered it
other than « Pas concerné·e » (before, 1 person concerned and 4 not concerned counted, and two periods subtracted gave
that one person's answer); the shares kept are corrected, and the monthly answers with them

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUP = 5
NOT_CONCERNED = '"not_concerned"'
"""« Pas concerné·e » as an answer's value is stored (JSON text), as `storage.survey_groups` names it."""

SESSIONS = sa.table(
    "survey_sessions",
    sa.column("flow_id", sa.String()),
    sa.column("meeting_id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("month", sa.String()),
    sa.column("answers", sa.JSON()),
)
ANSWERS = sa.table(
    "survey_month_answers",
    sa.column("flow_id", sa.String()),
    sa.column("step_id", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("month", sa.String()),
    sa.column("value_key", sa.String()),
    sa.column("answers", sa.Integer()),
)


def upgrade() -> None:
    """Take out of each session's share, and of its month's answers, the questions under 5 people concerned."""
    bind = op.get_bind()
    query = sa.select(SESSIONS.c.flow_id, SESSIONS.c.meeting_id, SESSIONS.c.kind, SESSIONS.c.month, SESSIONS.c.answers)
    for flow_id, meeting_id, kind, month, shares in bind.execute(query).all():
        kept = {}
        for step_id, values in (shares or {}).items():
            if sum(values.values()) - values.get(NOT_CONCERNED, 0) >= GROUP:
                kept[step_id] = values
                continue
            for value, n in values.items():
                key = hashlib.sha256(value.encode()).hexdigest()
                where = (
                    ANSWERS.c.flow_id == flow_id,
                    ANSWERS.c.step_id == step_id,
                    ANSWERS.c.kind == kind,
                    ANSWERS.c.month == month,
                    ANSWERS.c.value_key == key,
                )
                bind.execute(sa.update(ANSWERS).where(*where).values(answers=ANSWERS.c.answers - n))
                bind.execute(sa.delete(ANSWERS).where(*where, ANSWERS.c.answers <= 0))
        if kept != (shares or {}):
            done = sa.update(SESSIONS).where(SESSIONS.c.flow_id == flow_id, SESSIONS.c.meeting_id == meeting_id)
            bind.execute(done.values(answers=kept))


def downgrade() -> None:
    """Nothing to undo: the shares corrected are what the rows give (`faire-lien db rebuild-totals`)."""
