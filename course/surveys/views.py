"""The follow-up survey for learners, on its own page."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts.models import Role
from course.curriculum.library import lessons
from course.database import utcnow
from course.exercises.forms import form_class
from course.extensions import db
from course.permissions import role_required
from course.surveys import bp, services
from course.surveys.pages import follow_up_page
from course.surveys.series import SurveySeries, survey_series


def _series() -> SurveySeries:
    return survey_series(lessons.curriculum) or abort(404)


@bp.get("/follow-up")
@role_required(Role.LEARNER)
def follow_up():
    series = _series()
    page = follow_up_page(series, services.follow_up_for(current_user, series), str(get_locale()), utcnow())
    return render_template("surveys/follow_up.html", page=page, lesson=series.closing)


@bp.post("/follow-up")
@role_required(Role.LEARNER)
def answer_follow_up():
    series, language, now = _series(), str(get_locale()), utcnow()
    state = services.follow_up_for(current_user, series)
    form = form_class(series.closing, language)()
    if not state.is_open(now) or not form.validate_on_submit():
        page = follow_up_page(series, state, language, now, form)
        return render_template("surveys/follow_up.html", page=page, lesson=series.closing)
    services.save_follow_up(current_user, series, form.answers(), now)
    db.session.commit()
    flash(_("Thank you. Your answers are saved; below you see them beside your earlier ones."), "success")
    return redirect(url_for("surveys.follow_up", _anchor="comparison"))
