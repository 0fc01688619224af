"""The course overview and the lesson pages."""
from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from course.accounts.models import Role
from course.curriculum import bp, services
from course.curriculum.pages import find_lesson, lock_reason, render_lesson
from course.curriculum.queries import course_view
from course.extensions import db
from course.permissions import role_required


@bp.get("/")
@login_required
def index():
    language = str(get_locale())
    view = course_view(current_user)
    reasons = {state.stage.key: lock_reason(state, language) for state in view.stages if not state.is_open}
    return render_template("curriculum/index.html", view=view, reasons=reasons, language=language)


@bp.get("/<slug>")
@login_required
def lesson(slug: str):
    return render_lesson(*find_lesson(slug))


@bp.post("/<slug>/read")
@role_required(Role.LEARNER)
def mark_read(slug: str):
    view, stage, state = find_lesson(slug)
    if state.is_locked:
        return render_lesson(view, stage, state)
    services.mark_read(current_user, state.lesson)
    db.session.commit()
    flash(_("Marked as read."), "success")
    return redirect(url_for("curriculum.lesson", slug=slug, _anchor="progress"))
