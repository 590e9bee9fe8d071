"""grid counts: people per grid, orientation and UTC month kept as results come and go, filled from the results

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 05:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONTH = {
    'sqlite': "substr(created_at, 1, 7)",
    'postgresql': "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM')",
}
"""The UTC month of a result, as `storage.grid_counts.utc_month` writes it."""


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'grid_people',
        sa.Column('grid_id', sa.String(length=40), nullable=False),
        sa.Column('orientation', sa.String(length=40), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('results', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('grid_id', 'orientation', 'month', 'person_id', name=op.f('pk_grid_people')),
    )
    op.create_table(
        'grid_counts',
        sa.Column('grid_id', sa.String(length=40), nullable=False),
        sa.Column('orientation', sa.String(length=40), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('people', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('grid_id', 'orientation', 'month', name=op.f('pk_grid_counts')),
    )
    month = MONTH[op.get_bind().dialect.name]
    op.execute(
        "INSERT INTO grid_people (grid_id, orientation, month, person_id, results) "
        f"SELECT grid_id, orientation, {month}, person_id, count(*) FROM grid_results "
        f"GROUP BY grid_id, orientation, {month}, person_id"
    )
    op.execute(
        "INSERT INTO grid_counts (grid_id, orientation, month, people) "
        "SELECT grid_id, orientation, month, count(*) FROM grid_people GROUP BY grid_id, orientation, month"
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('grid_counts')
    op.drop_table('grid_people')
