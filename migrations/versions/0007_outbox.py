"""Outbox: delivery status, tries and errors, secret messages, read receipts; the audit log.

Revision ID: 0007_outbox
Revises: 0006_dashboard
Create Date: 2026-12-01

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_outbox'
down_revision = '0006_dashboard'
branch_labels = None
depends_on = None

STATUSES = ('waiting', 'sending', 'sent', 'failed', 'in_app')


def upgrade():
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['users.id'], name=op.f('fk_audit_events_subject_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_created_at'), ['created_at'], unique=False)

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_secret', sa.Boolean(), server_default=sa.false(), nullable=False))
        # Messages written before the worker existed were kept in the app only.
        batch_op.add_column(sa.Column('status', sa.Enum(*STATUSES, name='messagestatus', native_enum=False,
                                                        create_constraint=True, length=16),
                                      server_default='in_app', nullable=False))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_error', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('read_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_outbox_messages_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)
    # Old messages with links cannot be told apart reliably; treat the ones that carry sign-in links as secret.
    op.execute("UPDATE outbox_messages SET is_secret = true WHERE body LIKE '%/reset-password/%' "
               "OR body LIKE '%/invitation/%'")


def downgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_messages_status_next_attempt_at')
        batch_op.drop_constraint('messagestatus', type_='check')
        for column in ('read_at', 'sent_at', 'claimed_at', 'next_attempt_at', 'last_error', 'attempts', 'status',
                       'is_secret'):
            batch_op.drop_column(column)
    op.drop_table('audit_events')
