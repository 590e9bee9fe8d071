"""people erased counted among those who came through one meeting: its cancellation takes them out with the others

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0030'
down_revision: str | None = '0029'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (0 for every meeting: the people erased before it stay counted in `year_counts`)."""
    with op.batch_alter_table('year_meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_met', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('year_meetings', schema=None) as batch_op:
        batch_op.drop_column('erased_met')
