"""Outbox: the language each message was written in, so that a deleted person's name in it is replaced in that
language.

Revision ID: 0019_message_language
Revises: 0018_sso
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_message_language'
down_revision = '0018_sso'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('outbox_messages', sa.Column('language', sa.String(length=8), nullable=True))


def downgrade():
    op.drop_column('outbox_messages', 'language')
