"""staff console: one-time links, console sessions, staff display names, booking codes

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 23:00:00
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'console_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_members.id'], name=op.f('fk_console_links_staff_id_staff_members'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_console_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_console_links_token_hash')),
    )
    op.create_table(
        'console_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('csrf', sa.String(length=64), nullable=False),
        sa.Column('language', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_members.id'], name=op.f('fk_console_sessions_staff_id_staff_members'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_console_sessions')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_console_sessions_token_hash')),
    )
    with op.batch_alter_table('staff_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_name', sa.String(length=80), nullable=True))
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=8), nullable=True))
    registrations = sa.table('registrations', sa.column('id', sa.Integer()), sa.column('code', sa.String()))
    connection = op.get_bind()
    for (registration_id,) in connection.execute(sa.select(registrations.c.id)).all():
        code = "".join(secrets.choice(ALPHABET) for _ in range(6))
        connection.execute(registrations.update().where(registrations.c.id == registration_id).values(code=code))
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_registrations_meeting_code'), ['meeting_id', 'code'])


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_registrations_meeting_code'), type_='unique')
        batch_op.drop_column('code')
    with op.batch_alter_table('staff_members', schema=None) as batch_op:
        batch_op.drop_column('display_name')
    op.drop_table('console_sessions')
    op.drop_table('console_links')
