"""send budget: one row every worker takes its send slots from (storage/send_budget.py)

The row starts with every slot free (times at 0, long past).

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 05:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    budget = op.create_table(
        'send_budget',
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('next_at', sa.Double(), nullable=False),
        sa.Column('paused_until', sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_send_budget')),
    )
    op.bulk_insert(budget, [{'name': 'telegram', 'next_at': 0.0, 'paused_until': 0.0}])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('send_budget')
