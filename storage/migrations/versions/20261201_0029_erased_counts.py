"""counts of erased people: /forget keeps a person counted, anonymously, in the statistics they were part of

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-01 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0029'
down_revision: str | None = '0028'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    'grid_counts': ('erased',),
    'year_counts': ('erased',),
    'year_meetings': ('erased_present', 'erased_absent', 'erased_excused'),
}
"""Per table, its new counts of people erased (0 for everything already there: nobody erased was kept before)."""


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'survey_erased',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('answer_group', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('invited', sa.Integer(), nullable=False),
        sa.Column('respondents', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['meeting_id'], ['meetings.id'], name=op.f('fk_survey_erased_meeting_id_meetings'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('flow_id', 'meeting_id', 'answer_group', name=op.f('pk_survey_erased')),
    )
    op.create_table(
        'survey_erased_answers',
        sa.Column('flow_id', sa.String(length=40), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('answer_group', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('step_id', sa.String(length=40), nullable=False),
        sa.Column('value_key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column('answers', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['meeting_id'],
            ['meetings.id'],
            name=op.f('fk_survey_erased_answers_meeting_id_meetings'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint(
            'flow_id', 'meeting_id', 'answer_group', 'step_id', 'value_key', name=op.f('pk_survey_erased_answers')
        ),
    )
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.add_column(sa.Column(column, sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('survey_erased_answers')
    op.drop_table('survey_erased')
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in reversed(columns):
                batch_op.drop_column(column)
