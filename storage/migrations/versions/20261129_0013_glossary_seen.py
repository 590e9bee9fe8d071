"""glossary terms already explained to each person

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('glossary_seen', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('glossary_seen')
