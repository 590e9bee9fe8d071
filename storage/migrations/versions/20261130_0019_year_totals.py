"""year totals: the yearly report's people, sessions and attendance kept as rows change, filled from the rows

`year_flows` starts with the flows counted as individual help today (categories rights, screening, request);
a flow of those categories finished later is added when its response is stored (storage/year_totals.py).

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 07:00:00
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PARIS = ZoneInfo('Europe/Paris')
HELPED_FLOWS = (
    'callback',
    'callback_on_behalf',
    'epices',
    'facilitator_meeting',
    'facilitator_meeting_on_behalf',
    'faire_lien',
    'gfst',
    'renoncement',
    'rights_check',
)
"""The flows of categories rights, screening and request shipped when this revision was written."""
MARKS = ('present', 'absent', 'excused')


def _aware(value: Any) -> datetime:
    """A timestamp read back (naive UTC on SQLite) as an aware UTC datetime."""
    found: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def upgrade() -> None:
    """Apply this revision."""
    year_meetings = op.create_table(
        'year_meetings',
        sa.Column('meeting_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('day', sa.String(length=10), nullable=False),
        sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.Column('absent', sa.Integer(), nullable=False),
        sa.Column('excused', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_year_meetings')),
    )
    op.create_index('ix_year_meetings_year_ends', 'year_meetings', ['year', 'ends_at'], unique=False)
    year_marks = op.create_table(
        'year_marks',
        sa.Column('meeting_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('person_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('meeting_id', 'person_id', name=op.f('pk_year_marks')),
    )
    year_sessions = op.create_table(
        'year_sessions',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('day', sa.String(length=10), nullable=False),
        sa.Column('meetings', sa.Integer(), nullable=False),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.Column('absent', sa.Integer(), nullable=False),
        sa.Column('excused', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'kind', 'day', name=op.f('pk_year_sessions')),
    )
    year_people = op.create_table(
        'year_people',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('what', sa.String(length=16), nullable=False),
        sa.Column('person_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'what', 'person_id', name=op.f('pk_year_people')),
    )
    year_counts = op.create_table(
        'year_counts',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('what', sa.String(length=16), nullable=False),
        sa.Column('people', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'what', name=op.f('pk_year_counts')),
    )
    year_flows = op.create_table(
        'year_flows',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('flow_id', name=op.f('pk_year_flows')),
    )
    _fill(year_meetings, year_marks, year_sessions, year_people, year_counts, year_flows)


def _fill(meetings_t: Any, marks_t: Any, sessions_t: Any, people_t: Any, counts_t: Any, flows_t: Any) -> None:
    """The tables as `storage.year_totals.rebuild` computes them, from the rows already there."""
    bind = op.get_bind()
    op.bulk_insert(flows_t, [{'flow_id': f} for f in HELPED_FLOWS])
    helped: Counter[tuple[int, int]] = Counter()
    responses = sa.text('SELECT person_id, completed_at FROM responses WHERE flow_id IN :flows').bindparams(
        sa.bindparam('flows', expanding=True)
    )
    for person_id, at in bind.execute(responses, {'flows': list(HELPED_FLOWS)}):
        helped[_aware(at).astimezone(PARIS).year, person_id] += 1
    held = {
        mid: (kind, _aware(starts).astimezone(PARIS).year, _aware(ends))
        for mid, kind, starts, ends in bind.execute(
            sa.text("SELECT id, kind, starts_at, ends_at FROM meetings WHERE status = 'scheduled'")
        )
    }
    marks: dict[int, Counter[str]] = defaultdict(Counter)
    present: dict[int, set[int]] = defaultdict(set)
    registrations = 'SELECT meeting_id, person_id, status, attendance FROM registrations WHERE attendance IS NOT NULL'
    for mid, person_id, status, attendance in bind.execute(sa.text(registrations)):
        if mid not in held:
            continue
        if status == 'registered':
            marks[mid][attendance] += 1
        if attendance == 'present':
            present[mid].add(person_id)
    met: Counter[tuple[int, int]] = Counter()
    buckets: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    meeting_rows, mark_rows = [], []
    for mid, (kind, year, ends) in held.items():
        day = ends.strftime('%Y-%m-%d')
        counted = [marks[mid][m] for m in MARKS]
        meeting_rows.append(
            {'meeting_id': mid, 'year': year, 'kind': kind, 'day': day, 'ends_at': ends, **dict(zip(MARKS, counted))}
        )
        bucket = buckets[year, kind, day]
        for i, n in enumerate((1, *counted)):
            bucket[i] += n
        for person_id in present[mid]:
            mark_rows.append({'meeting_id': mid, 'person_id': person_id})
            met[year, person_id] += 1
    op.bulk_insert(meetings_t, meeting_rows)
    op.bulk_insert(marks_t, mark_rows)
    op.bulk_insert(
        sessions_t,
        [
            {'year': y, 'kind': k, 'day': d, 'meetings': v[0], **dict(zip(MARKS, v[1:]))}
            for (y, k, d), v in buckets.items()
        ],
    )
    op.bulk_insert(
        people_t,
        [
            {'year': y, 'what': what, 'person_id': p, 'n': n}
            for what, found in (('helped', helped), ('met', met))
            for (y, p), n in found.items()
        ],
    )
    op.bulk_insert(
        counts_t,
        [
            {'year': y, 'what': what, 'people': n}
            for what, found in (('helped', helped), ('met', met))
            for y, n in Counter(y for y, _ in found).items()
        ],
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('year_flows')
    op.drop_table('year_counts')
    op.drop_table('year_people')
    op.drop_table('year_sessions')
    op.drop_table('year_marks')
    op.drop_index('ix_year_meetings_year_ends', table_name='year_meetings')
    op.drop_table('year_meetings')
