"""Rolling out in an organisation: its default language, works-council mode and retention; a person's choice to
share their progress; the audit log kept per organisation.

Revision ID: 0015_rollout
Revises: 0013_calendars
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_rollout'
down_revision = '0013_calendars'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch would copy and drop these tables, which other tables' rows refer to.
    op.add_column('organisations', sa.Column('default_language', sa.String(length=8), nullable=True))
    op.add_column('organisations', sa.Column('works_council_mode', sa.Boolean(), server_default=sa.false(),
                                             nullable=False))
    op.add_column('organisations', sa.Column('smallest_group', sa.Integer(), server_default='5', nullable=False))
    op.add_column('organisations', sa.Column('retention_months', sa.Integer(), nullable=True))
    op.add_column('users', sa.Column('shares_progress', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_events_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_events_organisation_id_organisations'), 'organisations',
                                    ['organisation_id'], ['id'], ondelete='CASCADE')


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_events_organisation_id_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_audit_events_organisation_id'))
        batch_op.drop_column('organisation_id')
    # Plain DROP COLUMN (SQLite 3.35 and later too), for the same reason.
    op.drop_column('users', 'shares_progress')
    for column in ('retention_months', 'smallest_group', 'works_council_mode', 'default_language'):
        op.drop_column('organisations', column)
