"""Progress: a lesson whose draft went to peer review is complete once its author answered the feedback.

Submitting used to complete such a lesson at once. Rows recorded that way are
set back to read unless the author has already answered the feedback: rated
a review they can read, or submitted a revision after it arrived.

Revision ID: 0009_completion
Revises: 0008_sign_in
Create Date: 2026-12-01

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_completion'
down_revision = '0008_sign_in'
branch_labels = None
depends_on = None

VISIBLE = "r.submitted_at IS NOT NULL AND r.hidden_at IS NULL"  # as Review.is_visible_to_author

NOT_ANSWERED = sa.text(f"""
UPDATE lesson_progress SET completed_at = NULL
WHERE completed_at IS NOT NULL AND EXISTS (
    SELECT 1 FROM drafts d
    WHERE d.user_id = lesson_progress.user_id AND d.lesson_slug = lesson_progress.lesson_slug
      AND d.first_submitted_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.draft_id = d.id AND {VISIBLE} AND r.rated_at IS NOT NULL)
      AND NOT EXISTS (
          SELECT 1 FROM draft_versions v
          WHERE v.draft_id = d.id AND v.submitted_at > (
              SELECT MIN(r.submitted_at) FROM reviews r WHERE r.draft_id = d.id AND {VISIBLE})))
""")


def upgrade():
    op.execute(NOT_ANSWERED)


def downgrade():
    # Submitting completed the lesson before this revision.
    op.execute(sa.text("""
UPDATE lesson_progress SET completed_at = read_at
WHERE completed_at IS NULL AND EXISTS (
    SELECT 1 FROM drafts d
    WHERE d.user_id = lesson_progress.user_id AND d.lesson_slug = lesson_progress.lesson_slug
      AND d.first_submitted_at IS NOT NULL)
"""))
