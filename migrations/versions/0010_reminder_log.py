"""Reminders: one log for every reminder, so a learner gets at most one a day whichever page sends it.

Guideline reminders join the log: its cohort becomes optional (a learner may be in
no cohort), and the reminders already sent about the guidelines are copied in.

Revision ID: 0010_reminder_log
Revises: 0009_completion
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_reminder_log'
down_revision = '0009_completion'
branch_labels = None
depends_on = None

COPY_GUIDELINE_REMINDERS = sa.text("""
INSERT INTO reminders (user_id, cohort_id, sent_by_id, reasons, sent_at)
SELECT a.user_id, (SELECT m.cohort_id FROM cohort_members m WHERE m.user_id = a.user_id), NULL, :reasons, a.reminded_at
FROM guideline_acknowledgements a
WHERE a.reminded_at IS NOT NULL
""")


def upgrade():
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.alter_column('cohort_id', existing_type=sa.Integer(), nullable=True)
    op.get_bind().execute(COPY_GUIDELINE_REMINDERS.bindparams(sa.bindparam("reasons", ["guidelines"], type_=sa.JSON)))


def downgrade():
    op.execute("DELETE FROM reminders WHERE cohort_id IS NULL")
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.alter_column('cohort_id', existing_type=sa.Integer(), nullable=False)
