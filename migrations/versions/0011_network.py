"""The network: where people are online, posts published from the course, private follow and reply marks,
and a cohort's life after the course (alumni from its end date, closed for good, feed open to the organisation).

Revision ID: 0011_network
Revises: 0010_reminder_log
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0011_network'
down_revision = '0010_reminder_log'
branch_labels = None
depends_on = None

def upgrade():
    op.create_table('follow_marks',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('followed_id', sa.Integer(), nullable=False),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['followed_id'], ['users.id'], name=op.f('fk_follow_marks_followed_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follow_marks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'followed_id', name=op.f('pk_follow_marks'))
    )
    op.create_table('network_profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('visibility', sa.Enum('nobody', 'circle', 'cohort', 'organisation', name='visibility', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('shown_as', sa.Enum('name', 'handle', 'initials', name='shownas', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_network_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_network_profiles'))
    )
    op.create_table('presences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_presences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presences')),
    sa.UniqueConstraint('user_id', 'platform', name=op.f('uq_presences_user_id'))
    )
    with op.batch_alter_table('presences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presences_user_id'), ['user_id'], unique=False)

    op.create_table('publications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=True),
    sa.Column('cohort_id', sa.Integer(), nullable=True),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_publications_cohort_id_cohorts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_publications_draft_id_drafts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_publications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publications')),
    sa.UniqueConstraint('user_id', 'url', name=op.f('uq_publications_user_id'))
    )
    with op.batch_alter_table('publications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publications_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_publications_draft_id'), ['draft_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_publications_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_publications_user_id'), ['user_id'], unique=False)

    op.create_table('reply_marks',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('publication_id', sa.Integer(), nullable=False),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['publication_id'], ['publications.id'], name=op.f('fk_reply_marks_publication_id_publications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reply_marks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'publication_id', name=op.f('pk_reply_marks'))
    )
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('feed_open_to_organisation', sa.Boolean(), server_default=sa.false(), nullable=False))

def downgrade():
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.drop_column('feed_open_to_organisation')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('ends_on')

    op.drop_table('reply_marks')
    with op.batch_alter_table('publications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publications_user_id'))
        batch_op.drop_index(batch_op.f('ix_publications_published_at'))
        batch_op.drop_index(batch_op.f('ix_publications_draft_id'))
        batch_op.drop_index(batch_op.f('ix_publications_cohort_id'))

    op.drop_table('publications')
    with op.batch_alter_table('presences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presences_user_id'))

    op.drop_table('presences')
    op.drop_table('network_profiles')
    op.drop_table('follow_marks')
