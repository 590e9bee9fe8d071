"""row numbers never given twice on SQLite (AUTOINCREMENT), as PostgreSQL's sequences never give one twice: a row
made after the newest one was deleted (an invitation taken back, a person erased) no longer takes its number, and
with it the deleted row's queued messages, buttons and idempotency keys

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    'people',
    'responses',
    'answers',
    'cases',
    'case_messages',
    'outbox',
    'audit_log',
    'meetings',
    'registrations',
    'grid_results',
    'survey_invitations',
    'staff_members',
    'staff_invites',
    'question_flags',
    'console_links',
    'console_sessions',
)
"""Every table numbered by an `id` column (`storage/models.py`, `IDS_NEVER_REUSED`)."""

KEYED = {'survey': ('survey_invitations', 1), 'reg': ('registrations', 1), 'change': ('registrations', 1),
         'case': ('cases', 1), 'renewal': ('responses', 2)}
"""Outbox idempotency keys naming a row: their first word, the table and where the number is (`survey:{id}`)."""


def _recreate(table: str, autoincrement: bool) -> None:
    """Copy the table into one made with (or without) AUTOINCREMENT; its rows keep their numbers."""
    with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': autoincrement}):
        pass


def _numbers_still_named() -> dict[str, int]:
    """The highest number of a row already deleted that a kept outbox message still names, by table."""
    highest: dict[str, int] = {}
    for (key,) in op.get_bind().execute(sa.text('SELECT idempotency_key FROM outbox')):
        words = str(key).split(':')
        table, place = KEYED.get(words[0], ('', 0))
        if table and len(words) > place and words[place].isdigit():
            highest[table] = max(highest.get(table, 0), int(words[place]))
    return highest


def upgrade() -> None:
    """Apply this revision."""
    if op.get_bind().dialect.name != 'sqlite':
        return  # PostgreSQL's sequences never give a number twice
    for table in TABLES:
        _recreate(table, True)
    bind = op.get_bind()
    for table, number in _numbers_still_named().items():  # numbers freed before this revision stay unused
        seq = bind.execute(sa.text('SELECT seq FROM sqlite_sequence WHERE name = :t'), {'t': table}).scalar()
        if seq is None:
            bind.execute(sa.text('INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)'), {'t': table, 'n': number})
        elif int(seq) < number:
            bind.execute(sa.text('UPDATE sqlite_sequence SET seq = :n WHERE name = :t'), {'t': table, 'n': number})


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in TABLES:
        _recreate(table, False)
