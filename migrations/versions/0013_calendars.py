"""Calendars: a private subscription link per person, of which only the hash of its secret is kept.

Revision ID: 0013_calendars
Revises: 0014_events
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_calendars'
down_revision = '0014_events'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_links_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_links_token_hash'))
    )
    with op.batch_alter_table('calendar_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_links_user_id'), ['user_id'], unique=False)


def downgrade():
    op.drop_table('calendar_links')
