"""Members of an organisation's works council, who read and export its audit log.

Revision ID: 0016_works_council_members
Revises: 0015_rollout
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_works_council_members'
down_revision = '0015_rollout'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch would copy and drop users, which other tables' rows refer to.
    op.add_column('users', sa.Column('works_council_member', sa.Boolean(), server_default=sa.false(),
                                     nullable=False))


def downgrade():
    op.drop_column('users', 'works_council_member')
