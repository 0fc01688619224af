"""Single sign-on: an organisation's OpenID provider, the e-mail domains it covers, and people's links to it.

Revision ID: 0018_sso
Revises: 0017_privacy
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_sso'
down_revision = '0017_privacy'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'identity_providers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('issuer', sa.String(length=500), nullable=False),
        sa.Column('client_id', sa.String(length=255), nullable=False),
        sa.Column('client_secret_encrypted', sa.Text(), nullable=False),
        sa.Column('password_sign_in', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('provisioning', sa.Enum('invite', 'provision', name='provisioning', native_enum=False,
                                          create_constraint=True, length=16), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=True),
        sa.Column('group_claim', sa.String(length=100), nullable=False),
        sa.Column('group_tracks', sa.JSON(), nullable=False),
        sa.Column('default_track', sa.Enum('leadership', 'staff', name='track', native_enum=False,
                                           create_constraint=True, length=16), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_identity_providers_cohort_id_cohorts'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_identity_providers_organisation_id_organisations'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_providers')),
        sa.UniqueConstraint('organisation_id', name=op.f('uq_identity_providers_organisation_id')),
    )
    op.create_table(
        'sso_domains',
        sa.Column('name', sa.String(length=253), nullable=False),
        sa.Column('provider_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['provider_id'], ['identity_providers.id'],
                                name=op.f('fk_sso_domains_provider_id_identity_providers'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_sso_domains')),
    )
    op.create_index(op.f('ix_sso_domains_provider_id'), 'sso_domains', ['provider_id'], unique=False)
    op.create_table(
        'sso_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('provider_id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.String(length=255), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['provider_id'], ['identity_providers.id'],
                                name=op.f('fk_sso_links_provider_id_identity_providers'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sso_links_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sso_links')),
        sa.UniqueConstraint('provider_id', 'subject', name='uq_sso_links_provider_subject'),
        sa.UniqueConstraint('provider_id', 'user_id', name='uq_sso_links_provider_user'),
    )
    op.create_index(op.f('ix_sso_links_user_id'), 'sso_links', ['user_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_sso_links_user_id'), table_name='sso_links')
    op.drop_table('sso_links')
    op.drop_index(op.f('ix_sso_domains_provider_id'), table_name='sso_domains')
    op.drop_table('sso_domains')
    op.drop_table('identity_providers')
