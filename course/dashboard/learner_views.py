"""A learner's page for trainers: progress, timeline, drafts, reviews and shared answers."""
from flask import render_template
from flask_babel import get_locale
from flask_login import current_user

from course.cohorts.queries import get_cohort_or_404, get_member_or_404
from course.dashboard import bp, reminders
from course.dashboard.learner import learner_page, learner_rows
from course.database import utcnow
from course.permissions import staff_required


@bp.get("/<int:cohort_id>/learners/<int:user_id>")
@staff_required
def learner(cohort_id: int, user_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    member = get_member_or_404(cohort, user_id)
    now = utcnow()
    rows = learner_rows(member.user)
    page = learner_page(cohort, member, rows, str(get_locale()), now)
    can_remind, remind_blocked = reminders.can_remind(member.user, rows.last_reminded, now)
    return render_template("dashboard/learner.html", cohort=cohort, page=page, can_remind=can_remind,
                           remind_blocked=remind_blocked)
