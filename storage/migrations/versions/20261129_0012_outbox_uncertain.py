"""outbox: messages cut by a crash while sending become "uncertain"

The status column is a plain string, so the new value needs no schema change. Messages given up as
"failed" at start-up because a crash interrupted them while sending may have reached the person:
they move to "uncertain", the category staff check with the person before sending one again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INTERRUPTED = 'interrupted while sending%'


def upgrade() -> None:
    """Apply this revision."""
    op.execute(
        sa.text("UPDATE outbox SET status = 'uncertain' WHERE status = 'failed' AND last_error LIKE :interrupted")
        .bindparams(interrupted=INTERRUPTED)
    )


def downgrade() -> None:
    """Revert this revision: before it, every message staff followed up was "failed"."""
    op.execute("UPDATE outbox SET status = 'failed' WHERE status = 'uncertain'")
