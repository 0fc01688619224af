"""Events: the cohorts taking part, the wall's posts (members' and, switched on, public ones from outside),
members' consent to be shown at once, and the event a publication was written for.

Revision ID: 0014_events
Revises: 0012_rounds_and_shift
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_events'
down_revision = '0012_rounds_and_shift'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('hashtag', sa.String(length=100), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('wall_token_hash', sa.String(length=64), nullable=True),
    sa.Column('wall_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('wall_blanked', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('wall_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('mastodon_server', sa.String(length=255), nullable=True),
    sa.Column('fetch_bluesky', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('mastodon_since_id', sa.String(length=64), nullable=True),
    sa.Column('mastodon_retry_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('bluesky_retry_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outside_days', sa.Integer(), server_default='14', nullable=False),
    sa.CheckConstraint('ends_at >= starts_at', name=op.f('ck_events_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_events_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_events_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('wall_token_hash', name=op.f('uq_events_wall_token_hash'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('event_cohorts',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_event_cohorts_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_cohorts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'cohort_id', name=op.f('pk_event_cohorts'))
    )
    op.create_table('event_consents',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('agreed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_consents_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_event_consents_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'user_id', name=op.f('pk_event_consents'))
    )
    op.create_table('wall_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Enum('member', 'mastodon', 'bluesky', name='source', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('publication_id', sa.Integer(), nullable=True),
    sa.Column('external_id', sa.String(length=500), nullable=True),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.Enum('waiting', 'shown', 'pinned', 'hidden', name='poststate', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('held_for', sa.String(length=200), nullable=True),
    sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('moderated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_wall_posts_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moderated_by_id'], ['users.id'], name=op.f('fk_wall_posts_moderated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['publication_id'], ['publications.id'], name=op.f('fk_wall_posts_publication_id_publications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wall_posts')),
    sa.UniqueConstraint('event_id', 'external_id', name=op.f('uq_wall_posts_event_id_external_id')),
    sa.UniqueConstraint('event_id', 'publication_id', name=op.f('uq_wall_posts_event_id_publication_id'))
    )
    with op.batch_alter_table('wall_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wall_posts_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_wall_posts_event_state_posted', ['event_id', 'state', 'posted_at'], unique=False)

    with op.batch_alter_table('publications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_publications_event_id'), ['event_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_publications_event_id_events'), 'events', ['event_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('publications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_publications_event_id_events'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_publications_event_id'))
        batch_op.drop_column('event_id')

    with op.batch_alter_table('wall_posts', schema=None) as batch_op:
        batch_op.drop_index('ix_wall_posts_event_state_posted')
        batch_op.drop_index(batch_op.f('ix_wall_posts_event_id'))

    op.drop_table('wall_posts')
    op.drop_table('event_consents')
    op.drop_table('event_cohorts')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_organisation_id'))

    op.drop_table('events')
