"""Guidelines: versions, sections, acknowledgements, and the cohort setting that requires them.

Revision ID: 0005_guidelines
Revises: 0004_review
Create Date: 2026-11-21

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_guidelines'
down_revision = '0004_review'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('guidelines_required', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table('guideline_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_guideline_versions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_guideline_versions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_guideline_versions_updated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_guideline_versions_published_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guideline_versions')),
    sa.UniqueConstraint('organisation_id', 'number', name=op.f('uq_guideline_versions_organisation_id'))
    )
    with op.batch_alter_table('guideline_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guideline_versions_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('guideline_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('is_skipped', sa.Boolean(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['guideline_versions.id'], name=op.f('fk_guideline_sections_version_id_guideline_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guideline_sections')),
    sa.UniqueConstraint('version_id', 'key', name=op.f('uq_guideline_sections_version_id'))
    )
    with op.batch_alter_table('guideline_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guideline_sections_version_id'), ['version_id'], unique=False)

    op.create_table('guideline_acknowledgements',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_guideline_acknowledgements_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['guideline_versions.id'], name=op.f('fk_guideline_acknowledgements_version_id_guideline_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'version_id', name=op.f('pk_guideline_acknowledgements'))
    )
    with op.batch_alter_table('guideline_acknowledgements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guideline_acknowledgements_version_id'), ['version_id'], unique=False)


def downgrade():
    op.drop_table('guideline_acknowledgements')
    op.drop_table('guideline_sections')
    op.drop_table('guideline_versions')
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.drop_column('guidelines_required')
