"""Data protection: when a person's account was deleted (its row stays, nameless, for the reviews they gave).

Revision ID: 0017_privacy
Revises: 0016_works_council_members
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_privacy'
down_revision = '0016_works_council_members'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch would copy and drop the users table, which other tables' rows refer to.
    op.add_column('users', sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    op.drop_column('users', 'deleted_at')
