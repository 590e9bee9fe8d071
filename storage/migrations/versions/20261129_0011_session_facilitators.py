"""session facilitators: who follows each session

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 20:00:00

A facilitator follows (roster, attendance, poll, results) only the sessions they created or are
assigned to. Sessions published in the bot before this revision record their creator as
`telegram:<id>`: each one is assigned to that staff member.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('meeting_facilitators',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('assigned_by', sa.String(length=64), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_facilitators_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_members.id'], name=op.f('fk_meeting_facilitators_staff_id_staff_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'staff_id', name=op.f('pk_meeting_facilitators'))
    )
    with op.batch_alter_table('meeting_facilitators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_facilitators_staff_id'), ['staff_id'], unique=False)
    op.execute(
        "INSERT INTO meeting_facilitators (meeting_id, staff_id, assigned_by, assigned_at) "
        "SELECT meetings.id, staff_members.id, 'migration', meetings.created_at FROM meetings "
        "JOIN staff_members ON meetings.created_by = 'telegram:' || CAST(staff_members.telegram_id AS VARCHAR(20))"
    )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('meeting_facilitators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_facilitators_staff_id'))
    op.drop_table('meeting_facilitators')
