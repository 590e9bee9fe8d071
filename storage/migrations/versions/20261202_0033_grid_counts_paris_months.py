"""grid counts by the service's month (Paris time), no longer the UTC month: counted again from the results

Revision ID: 0033
Revises: 0030
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0033'
down_revision: str | None = '0030'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_SUMMER = "strftime('%Y-%m', created_at, '+2 hours')"
PARIS = {
    'sqlite': f"CASE WHEN substr({SQLITE_SUMMER}, 6, 2) BETWEEN '04' AND '10' THEN {SQLITE_SUMMER} "
    "ELSE strftime('%Y-%m', created_at, '+1 hours') END",
    'postgresql': "to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM')",
}
"""The Paris month of a result, as `storage.grid_counts.paris_month` writes it."""
UTC = {
    'sqlite': "substr(created_at, 1, 7)",
    'postgresql': "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM')",
}
"""The UTC month of a result, as the statistics were kept before."""


def count_again(month: str) -> None:
    """People per grid, orientation and month counted again from the results; the people erased (/forget) stay in
    the month they were counted in (nothing is left to tell another)."""
    op.execute("DELETE FROM grid_people")
    op.execute("DELETE FROM grid_counts WHERE erased = 0")
    op.execute("UPDATE grid_counts SET people = 0")
    op.execute(
        "INSERT INTO grid_people (grid_id, orientation, month, person_id, results) "
        f"SELECT grid_id, orientation, {month}, person_id, count(*) FROM grid_results "
        f"GROUP BY grid_id, orientation, {month}, person_id"
    )
    op.execute(
        "INSERT INTO grid_counts (grid_id, orientation, month, people, erased) "
        "SELECT grid_id, orientation, month, count(*), 0 FROM grid_people WHERE true "
        "GROUP BY grid_id, orientation, month "
        "ON CONFLICT (grid_id, orientation, month) DO UPDATE SET people = excluded.people"
    )


def upgrade() -> None:
    """Apply this revision."""
    count_again(PARIS[op.get_bind().dialect.name])


def downgrade() -> None:
    """Revert this revision."""
    count_again(UTC[op.get_bind().dialect.name])
