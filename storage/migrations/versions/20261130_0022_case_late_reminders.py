"""late reminders of cases someone took but did not answer: when the holder, then the coordinators, were told

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('late_reminded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('late_escalated_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('late_escalated_at')
        batch_op.drop_column('late_reminded_at')
