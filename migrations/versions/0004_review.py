"""Review circles, cohort review settings and peer reviews.

Revision ID: 0004_review
Revises: 0003_drafts
Create Date: 2026-11-21

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_review'
down_revision = '0003_drafts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reviewers_per_draft', sa.Integer(), server_default='2', nullable=False))
        batch_op.add_column(sa.Column('review_due_days', sa.Integer(), server_default='3', nullable=False))
        batch_op.add_column(sa.Column('anonymous_reviews', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('leadership_reviews_only', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table('circles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_circles_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circles')),
    sa.UniqueConstraint('cohort_id', 'number', name=op.f('uq_circles_cohort_id'))
    )
    with op.batch_alter_table('circles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circles_cohort_id'), ['cohort_id'], unique=False)

    with op.batch_alter_table('cohort_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('circle_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cohort_members_circle_id'), ['circle_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cohort_members_circle_id_circles'), 'circles', ['circle_id'], ['id'], ondelete='SET NULL')

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('peer', 'fallback', 'trainer', name='reviewkind', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reassigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ratings', sa.JSON(), nullable=False),
    sa.Column('worked', sa.Text(), nullable=False),
    sa.Column('suggestion', sa.Text(), nullable=False),
    sa.Column('helpfulness', sa.Integer(), nullable=True),
    sa.Column('thanks', sa.Text(), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('helpfulness IS NULL OR helpfulness BETWEEN 1 AND 5', name=op.f('ck_reviews_helpfulness_range')),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_reviews_cohort_id_cohorts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_reviews_draft_id_drafts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_reviews_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_reviews_reviewer_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['draft_versions.id'], name=op.f('fk_reviews_version_id_draft_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_draft_id'), ['draft_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_version_id'), ['version_id'], unique=False)


def downgrade():
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        for column in ('version_id', 'reviewer_id', 'due_at', 'draft_id', 'cohort_id'):
            batch_op.drop_index(batch_op.f(f'ix_reviews_{column}'))

    op.drop_table('reviews')
    with op.batch_alter_table('cohort_members', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cohort_members_circle_id_circles'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cohort_members_circle_id'))
        batch_op.drop_column('circle_id')

    with op.batch_alter_table('circles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circles_cohort_id'))

    op.drop_table('circles')
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        for column in ('leadership_reviews_only', 'anonymous_reviews', 'review_due_days', 'reviewers_per_draft'):
            batch_op.drop_column(column)
