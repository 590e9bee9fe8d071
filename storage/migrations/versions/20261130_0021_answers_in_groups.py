"""answers in groups of 5: each answered survey invitation's group (in the order the answers came), and the survey
totals counted again from whole groups only (respondents counted per session and per month)

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 16:30:00
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

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUP = 5
PARIS = ZoneInfo('Europe/Paris')
VALUE = 'CAST(a.value AS VARCHAR)'
"""A stored value as text, as `storage.survey_totals` reads it."""
ANSWERED = "i.status = 'answered' AND i.response_id IS NOT NULL"
TOTALS = ('survey_month_steps', 'survey_month_answers', 'survey_months', 'survey_sessions')


def _figures(grouped: bool) -> tuple[str, ...]:
    counted = ('counted_respondents',) if grouped else ()
    return (
        'invited',
        'respondents',
        'left_out_sessions',
        'left_out_respondents',
        'counted_sessions',
        'counted_invited',
        *counted,
        'sessions',
    )


def _tables(grouped: bool) -> tuple[sa.Table, sa.Table, sa.Table, sa.Table]:
    """The four tables of totals, as revision 0020 made them (`grouped`: with the respondents counted)."""
    counted = [sa.Column('counted', sa.Integer(), nullable=False)] if grouped else []
    sessions = op.create_table(
        'survey_sessions',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('invited', sa.Integer(), nullable=False),
        sa.Column('respondents', sa.Integer(), nullable=False),
        *counted,
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('given', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('flow_id', 'meeting_id', name=op.f('pk_survey_sessions')),
    )
    op.create_index(
        'ix_survey_sessions_flow_kind_starts',
        'survey_sessions',
        ['flow_id', 'kind', 'starts_at', 'meeting_id', 'counted' if grouped else 'respondents'],
        unique=False,
    )
    months = op.create_table(
        'survey_months',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _figures(grouped)),
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


def _drop_totals() -> None:
    op.drop_index('ix_survey_sessions_flow_kind_starts', table_name='survey_sessions')
    for table in TOTALS:
        op.drop_table(table)


def _moment(value: Any) -> datetime:
    """A start as the driver gives it (SQLite: text in UTC)."""
    at: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


def _group_answers() -> None:
    """Every session's answers, per survey, in groups of 5 in the order they came; the 1 to 4 left over wait."""
    op.execute(
        'UPDATE survey_invitations SET answer_group = r.number FROM ('
        f'SELECT id, (n - 1) / {GROUP} + 1 AS number FROM ('
        'SELECT i.id, row_number() OVER (PARTITION BY i.flow_id, i.meeting_id '
        'ORDER BY i.answered_at NULLS FIRST, i.id) AS n, '
        'count(*) OVER (PARTITION BY i.flow_id, i.meeting_id) AS total '
        f'FROM survey_invitations i WHERE {ANSWERED}) ranked '
        f'WHERE n <= total - total % {GROUP}) r '
        'WHERE survey_invitations.id = r.id'
    )


def _fill(tables: tuple[sa.Table, sa.Table, sa.Table, sa.Table], grouped: bool) -> None:
    """The totals from the rows: respondents in whole groups of 5 (`grouped`), or whole sessions of 5 or more."""
    sessions_table, months_table, answers_table, steps_table = tables
    bind = op.get_bind()
    if grouped:
        members = (
            'SELECT flow_id, meeting_id, response_id FROM ('
            'SELECT i.flow_id, i.meeting_id, i.response_id, count(*) OVER '
            '(PARTITION BY i.flow_id, i.meeting_id, i.answer_group) AS members '
            f'FROM survey_invitations i WHERE {ANSWERED} AND i.answer_group IS NOT NULL) g '
            f'WHERE members = {GROUP}'
        )
    else:
        members = (
            'SELECT i.flow_id, i.meeting_id, i.response_id FROM survey_invitations i '
            f'WHERE {ANSWERED} AND (SELECT count(*) FROM survey_invitations o WHERE o.flow_id = i.flow_id '
            "AND o.meeting_id = i.meeting_id AND o.status = 'answered' AND o.response_id IS NOT NULL) "
            f'>= {GROUP}'
        )
    sessions = bind.execute(
        sa.text(
            'SELECT i.flow_id, i.meeting_id, m.kind, m.starts_at, count(*), '
            f'count(CASE WHEN {ANSWERED} THEN 1 END), coalesce(max(c.n), 0) '
            'FROM survey_invitations i JOIN meetings m ON m.id = i.meeting_id '
            f'LEFT JOIN (SELECT flow_id, meeting_id, count(*) AS n FROM ({members}) k '
            'GROUP BY flow_id, meeting_id) c ON c.flow_id = i.flow_id AND c.meeting_id = i.meeting_id '
            'GROUP BY i.flow_id, i.meeting_id, m.kind, m.starts_at'
        )
    ).all()
    given: dict[tuple[str, int], dict[str, Counter[str]]] = {}
    for flow_id, meeting_id, step_id, text, n in bind.execute(
        sa.text(
            f'SELECT k.flow_id, k.meeting_id, a.step_id, {VALUE}, count(*) '
            f'FROM ({members}) k JOIN answers a ON a.response_id = k.response_id '
            f"WHERE {VALUE} != 'null' "
            f'GROUP BY k.flow_id, k.meeting_id, a.step_id, {VALUE}'
        )
    ).all():
        given.setdefault((flow_id, meeting_id), {}).setdefault(step_id, Counter())[text] += int(n)
    session_rows: list[dict[str, Any]] = []
    months: dict[tuple[str, str, str], Counter[str]] = {}
    answers: Counter[tuple[str, str, str, str, str]] = Counter()
    steps: Counter[tuple[str, str, str, str]] = Counter()
    for flow_id, meeting_id, kind, starts, invited, respondents, in_groups in sessions:
        counted_n = in_groups if grouped else (respondents if respondents >= GROUP else 0)
        starts_at = _moment(starts)
        month = starts_at.astimezone(PARIS).strftime('%Y-%m')
        mine = given.get((flow_id, meeting_id), {})
        counted = {s: dict(v) for s, v in mine.items() if v.total() >= GROUP} if counted_n else {}
        per_step = {s: v.total() for s, v in mine.items()} if counted_n else {}
        for step_id, n in per_step.items():
            steps[flow_id, step_id, kind, month] += n
        small, big = respondents >= 1 and not counted_n, counted_n > 0
        figures = {
            'invited': invited,
            'respondents': respondents,
            'left_out_sessions': int(small),
            'left_out_respondents': respondents if small else 0,
            'counted_sessions': int(big),
            'counted_invited': invited if big else 0,
            'counted_respondents': counted_n,
            'sessions': 1,
        }
        months.setdefault((flow_id, kind, month), Counter()).update(
            {name: figures[name] for name in _figures(grouped)}
        )
        for step_id, values in counted.items():
            for text, n in values.items():
                answers[flow_id, step_id, kind, month, text] += n
        row = {
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
        session_rows.append({**row, 'counted': counted_n} if grouped else row)
    month_rows = [
        {'flow_id': f, 'kind': k, 'month': m, **{name: figures[name] for name in _figures(grouped)}}
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
    for table, rows in (
        (sessions_table, session_rows),
        (months_table, month_rows),
        (answers_table, answer_rows),
        (steps_table, step_rows),
    ):
        if rows:
            op.bulk_insert(table, rows)


def upgrade() -> None:
    """Apply this revision."""
    op.add_column('survey_invitations', sa.Column('answer_group', sa.Integer(), nullable=True))
    _group_answers()
    _drop_totals()
    _fill(_tables(grouped=True), grouped=True)


def downgrade() -> None:
    """Revert this revision."""
    _drop_totals()
    _fill(_tables(grouped=False), grouped=False)
    with op.batch_alter_table('survey_invitations') as batch:
        batch.drop_column('answer_group')
