"""survey totals: each session's share of a survey's results and their sums per kind and Paris month, filled from
the invitations and answers

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 07:30:00
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SMALL = 5
PARIS = ZoneInfo('Europe/Paris')
VALUE = {'sqlite': 'CAST(a.value AS VARCHAR)', 'postgresql': 'CAST(a.value AS VARCHAR)'}
"""A stored value as text, as `storage.survey_totals` reads it."""


def _tables() -> tuple[sa.Table, sa.Table, sa.Table, sa.Table]:
    sessions = op.create_table(
        'survey_sessions',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('invited', sa.Integer(), nullable=False),
        sa.Column('respondents', sa.Integer(), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('given', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('flow_id', 'meeting_id', name=op.f('pk_survey_sessions')),
    )
    op.create_index(
        'ix_survey_sessions_flow_kind_starts',
        'survey_sessions',
        ['flow_id', 'kind', 'starts_at', 'meeting_id', 'respondents'],
        unique=False,
    )
    months = op.create_table(
        'survey_months',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in FIGURES
        ),
        sa.PrimaryKeyConstraint('flow_id', 'kind', 'month', name=op.f('pk_survey_months')),
    )
    answers = op.create_table(
        'survey_month_answers',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('step_id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('value_key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column('answers', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            'flow_id', 'step_id', 'kind', 'month', 'value_key', name=op.f('pk_survey_month_answers')
        ),
    )
    steps = op.create_table(
        'survey_month_steps',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('step_id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('given', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('flow_id', 'step_id', 'kind', 'month', name=op.f('pk_survey_month_steps')),
    )
    return sessions, months, answers, steps


FIGURES = (
    'invited',
    'respondents',
    'left_out_sessions',
    'left_out_respondents',
    'counted_sessions',
    'counted_invited',
    'sessions',
)


def _moment(value: Any) -> datetime:
    """A start as the driver gives it (SQLite: text in UTC)."""
    at: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


def upgrade() -> None:
    """Apply this revision."""
    sessions_table, months_table, answers_table, steps_table = _tables()
    bind = op.get_bind()
    sessions = bind.execute(
        sa.text(
            "SELECT i.flow_id, i.meeting_id, m.kind, m.starts_at, count(*), "
            "count(CASE WHEN i.status = 'answered' AND i.response_id IS NOT NULL THEN 1 END) "
            "FROM survey_invitations i JOIN meetings m ON m.id = i.meeting_id "
            "GROUP BY i.flow_id, i.meeting_id, m.kind, m.starts_at"
        )
    ).all()
    value = VALUE[bind.dialect.name]
    given: dict[tuple[str, int], dict[str, Counter[str]]] = {}
    for flow_id, meeting_id, step_id, text, n in bind.execute(
        sa.text(
            f"SELECT i.flow_id, i.meeting_id, a.step_id, {value}, count(*) "
            "FROM survey_invitations i JOIN answers a ON a.response_id = i.response_id "
            f"WHERE i.status = 'answered' AND {value} != 'null' "
            f"GROUP BY i.flow_id, i.meeting_id, a.step_id, {value}"
        )
    ).all():
        given.setdefault((flow_id, meeting_id), {}).setdefault(step_id, Counter())[text] += int(n)
    session_rows: list[dict[str, Any]] = []
    months: dict[tuple[str, str, str], Counter[str]] = {}
    answers: Counter[tuple[str, str, str, str, str]] = Counter()
    steps: Counter[tuple[str, str, str, str]] = Counter()
    for flow_id, meeting_id, kind, starts, invited, respondents in sessions:
        starts_at = _moment(starts)
        month = starts_at.astimezone(PARIS).strftime('%Y-%m')
        counted: dict[str, dict[str, int]] = {}
        per_step: dict[str, int] = {}
        if respondents >= SMALL:
            counted = {s: dict(v) for s, v in given.get((flow_id, meeting_id), {}).items() if v.total() >= SMALL}
            per_step = {s: v.total() for s, v in given.get((flow_id, meeting_id), {}).items()}
        for step_id, n in per_step.items():
            steps[flow_id, step_id, kind, month] += n
        small, big = 1 <= respondents < SMALL, respondents >= SMALL
        months.setdefault((flow_id, kind, month), Counter()).update(
            {
                'invited': invited,
                'respondents': respondents,
                'left_out_sessions': int(small),
                'left_out_respondents': respondents if small else 0,
                'counted_sessions': int(big),
                'counted_invited': invited if big else 0,
                'sessions': 1,
            }
        )
        for step_id, values in counted.items():
            for text, n in values.items():
                answers[flow_id, step_id, kind, month, text] += n
        session_rows.append(
            {
                'flow_id': flow_id,
                'meeting_id': meeting_id,
                'kind': kind,
                'month': month,
                'starts_at': starts_at,
                'invited': invited,
                'respondents': respondents,
                'answers': counted,
                'given': per_step,
            }
        )
    month_rows = [
        {'flow_id': f, 'kind': k, 'month': m, **{name: figures[name] for name in FIGURES}}
        for (f, k, m), figures in months.items()
    ]
    answer_rows = [
        {
            'flow_id': f,
            'step_id': s,
            'kind': k,
            'month': m,
            'value_key': hashlib.sha256(v.encode()).hexdigest(),
            'value': v,
            'answers': n,
        }
        for (f, s, k, m, v), n in answers.items()
    ]
    step_rows = [
        {'flow_id': f, 'step_id': s, 'kind': k, 'month': m, 'given': n} for (f, s, k, m), n in steps.items()
    ]
    tables = ((sessions_table, session_rows), (months_table, month_rows), (answers_table, answer_rows))
    for table, rows in (*tables, (steps_table, step_rows)):
        if rows:
            op.bulk_insert(table, rows)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('survey_month_steps')
    op.drop_table('survey_month_answers')
    op.drop_table('survey_months')
    op.drop_index('ix_survey_sessions_flow_kind_starts', table_name='survey_sessions')
    op.drop_table('survey_sessions')
