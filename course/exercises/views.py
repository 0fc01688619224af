"""Answering a lesson's exercise (reflection, plan, replies, survey)."""
from flask import abort, flash, redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts.models import Role
from course.curriculum.pages import find_lesson, render_lesson
from course.exercises import bp, services
from course.exercises.forms import FORM_KINDS, form_class
from course.extensions import db
from course.permissions import role_required


@bp.post("/<slug>/exercise")
@role_required(Role.LEARNER)
def submit(slug: str):
    view, stage, state = find_lesson(slug)
    lesson = state.lesson
    if lesson.exercise is None or lesson.exercise.kind not in FORM_KINDS:
        abort(404)
    if state.is_locked:
        return render_lesson(view, stage, state)
    form = form_class(lesson, str(get_locale()))()
    if not form.validate_on_submit():
        return render_lesson(view, stage, state, form=form)
    services.save_response(current_user, lesson, form.answers(), share=bool(form.data.get("share")))
    db.session.commit()
    flash(_("Your answer is saved. This lesson is complete."), "success")
    return redirect(url_for("curriculum.lesson", slug=slug, _anchor="exercise"))
