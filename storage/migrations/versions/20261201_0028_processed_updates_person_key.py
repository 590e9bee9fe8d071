"""processed_updates: whose update it was, indexed for "a later update of this person already handled"

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0028'
down_revision: str | None = '0027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_key', sa.BigInteger(), nullable=True))
        batch_op.create_index('ix_processed_updates_person_key', ['person_key', 'update_id'], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_processed_updates_person_key')
        batch_op.drop_column('person_key')
