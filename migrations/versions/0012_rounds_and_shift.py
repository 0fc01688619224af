"""Circles that go on after the course, and the follow-up survey.

A circle's rounds (90 days each), every member's goal for a round, their check-ins, and one row per
check-in reminder sent, so the worker reminds once per due check-in; one row per follow-up survey offered.

Revision ID: 0012_rounds_and_shift
Revises: 0011_network
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_rounds_and_shift'
down_revision = '0011_network'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('survey_follow_up_offers',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('offered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_follow_up_offers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_survey_follow_up_offers'))
    )
    op.create_table('circle_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_circle_rounds_circle_id_circles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_circle_rounds_started_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circle_rounds')),
    sa.UniqueConstraint('circle_id', 'number', name=op.f('uq_circle_rounds_circle_id'))
    )
    with op.batch_alter_table('circle_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circle_rounds_circle_id'), ['circle_id'], unique=False)

    op.create_table('check_in_reminders',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['circle_rounds.id'], name=op.f('fk_check_in_reminders_round_id_circle_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_check_in_reminders_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'user_id', 'number', name=op.f('pk_check_in_reminders'))
    )
    op.create_table('round_check_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['circle_rounds.id'], name=op.f('fk_round_check_ins_round_id_circle_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_round_check_ins_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_check_ins'))
    )
    with op.batch_alter_table('round_check_ins', schema=None) as batch_op:
        batch_op.create_index('ix_round_check_ins_round_id_created_at', ['round_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_check_ins_user_id'), ['user_id'], unique=False)

    op.create_table('round_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['circle_rounds.id'], name=op.f('fk_round_goals_round_id_circle_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_round_goals_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_goals')),
    sa.UniqueConstraint('round_id', 'user_id', name=op.f('uq_round_goals_round_id'))
    )
    with op.batch_alter_table('round_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_goals_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('round_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_goals_user_id'))

    op.drop_table('round_goals')
    with op.batch_alter_table('round_check_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_check_ins_user_id'))
        batch_op.drop_index('ix_round_check_ins_round_id_created_at')

    op.drop_table('round_check_ins')
    op.drop_table('check_in_reminders')
    with op.batch_alter_table('circle_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circle_rounds_circle_id'))

    op.drop_table('circle_rounds')
    op.drop_table('survey_follow_up_offers')
