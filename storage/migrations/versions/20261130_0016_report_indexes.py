"""report indexes: the staff reports computed in SQL read covering indexes instead of whole tables

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    'ix_meetings_starts': ('meetings', ['starts_at']),
    'ix_registrations_meeting_attendance': ('registrations', ['meeting_id', 'attendance', 'status', 'person_id']),
    'ix_responses_flow_completed': ('responses', ['flow_id', 'completed_at', 'person_id']),
    'ix_grid_results_created': ('grid_results', ['created_at', 'grid_id', 'orientation', 'person_id']),
    'ix_survey_invitations_flow_meeting': (
        'survey_invitations',
        ['flow_id', 'meeting_id', 'status', 'response_id'],
    ),
}


def upgrade() -> None:
    """Apply this revision."""
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    """Revert this revision."""
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
