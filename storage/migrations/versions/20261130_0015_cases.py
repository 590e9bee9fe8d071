"""cases: one model for everything that needs a human (call-back requests become cases), their conversations

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 02:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)
STATUS = {"open": ("new", None), "done": ("closed", "helped"), "cancelled": ("closed", "withdrawn")}


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('language', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=True),
        sa.Column('holder_id', sa.Integer(), nullable=True),
        sa.Column('holder', sa.String(length=64), nullable=True),
        sa.Column('response_id', sa.Integer(), nullable=True),
        sa.Column('origin_response_id', sa.Integer(), nullable=True),
        sa.Column('context', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('remind_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('person_wrote_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['holder_id'], ['staff_members.id'], name=op.f('fk_cases_holder_id_staff_members'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['origin_response_id'], ['responses.id'], name=op.f('fk_cases_origin_response_id_responses'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_cases_person_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_cases_response_id_responses'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
        sa.UniqueConstraint('response_id', name=op.f('uq_cases_response_id')),
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_holder_id'), ['holder_id'], unique=False)
        batch_op.create_index('ix_cases_status_created', ['status', 'created_at'], unique=False)
    op.create_table(
        'case_messages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('author', sa.String(length=16), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('staff', sa.String(length=64), nullable=True),
        sa.Column('text', sa.String(length=4000), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_messages_case_id_cases'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_members.id'], name=op.f('fk_case_messages_staff_id_staff_members'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_messages')),
    )
    with op.batch_alter_table('case_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_messages_case_id'), ['case_id'], unique=False)
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('in_case', sa.Integer(), nullable=True))
    _requests_to_cases()
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_callback_requests_person_id'))
    op.drop_table('callback_requests')


def _requests_to_cases() -> None:
    """Every call-back request becomes a case: a facilitator meeting request or a call-back, with its status."""
    connection = op.get_bind()
    requests = sa.table(
        'callback_requests',
        *(sa.column(c) for c in ('id', 'person_id', 'response_id', 'origin_response_id', 'status')),
        sa.column('created_at', WHEN), sa.column('handled_at', WHEN),
    )
    responses = sa.table('responses', sa.column('id'), sa.column('flow_id'))
    people = sa.table('people', sa.column('id'), sa.column('language'))
    cases = sa.table(
        'cases',
        *(sa.column(c) for c in (
            'person_id', 'kind', 'language', 'status', 'outcome', 'response_id', 'origin_response_id')),
        sa.column('context', sa.JSON()), sa.column('created_at', WHEN), sa.column('due_at', WHEN),
        sa.column('closed_at', WHEN),
    )
    query = (
        sa.select(requests, responses.c.flow_id, people.c.language)
        .join(responses, responses.c.id == requests.c.response_id)
        .join(people, people.c.id == requests.c.person_id)
    )
    for row in connection.execute(query).mappings().all():
        status, outcome = STATUS.get(row['status'], ("new", None))
        created = row['created_at']
        connection.execute(cases.insert().values(
            person_id=row['person_id'],
            kind="facilitator" if row['flow_id'] == "facilitator_meeting" else "callback",
            language=row['language'],
            status=status,
            outcome=outcome,
            response_id=row['response_id'],
            origin_response_id=row['origin_response_id'],
            context={},
            created_at=created,
            due_at=created + timedelta(days=2),
            closed_at=row['handled_at'] if status == "closed" else None,
        ))


def downgrade() -> None:
    """Revert this revision: cases made from a request become call-back requests again; the others are lost."""
    op.create_table('callback_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('origin_response_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('handled_by', sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(['origin_response_id'], ['responses.id'], name=op.f('fk_callback_requests_origin_response_id_responses'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_callback_requests_person_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_callback_requests_response_id_responses'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_callback_requests')),
        sa.UniqueConstraint('response_id', name=op.f('uq_callback_requests_response_id'))
    )
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_callback_requests_person_id'), ['person_id'], unique=False)
    connection = op.get_bind()
    cases = sa.table('cases', *(sa.column(c) for c in (
        'person_id', 'status', 'outcome', 'response_id', 'origin_response_id', 'created_at', 'closed_at')))
    requests = sa.table('callback_requests', *(sa.column(c) for c in (
        'person_id', 'response_id', 'origin_response_id', 'status', 'created_at', 'handled_at')))
    for row in connection.execute(sa.select(cases).where(cases.c.response_id.is_not(None))).mappings().all():
        status = "open" if row['status'] != "closed" else ("cancelled" if row['outcome'] == "withdrawn" else "done")
        connection.execute(requests.insert().values(
            person_id=row['person_id'], response_id=row['response_id'], origin_response_id=row['origin_response_id'],
            status=status, created_at=row['created_at'], handled_at=row['closed_at']))
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('in_case')
    with op.batch_alter_table('case_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_messages_case_id'))
    op.drop_table('case_messages')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_status_created')
        batch_op.drop_index(batch_op.f('ix_cases_holder_id'))
        batch_op.drop_index(batch_op.f('ix_cases_person_id'))
    op.drop_table('cases')
