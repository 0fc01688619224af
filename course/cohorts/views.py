"""Trainer pages of a cohort: review circles and review settings (moderation is in moderation.py)."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from course.cohorts import bp, moderation, people, queries, setup_views  # noqa: F401 (moderation, people, setup_views add routes)
from course.cohorts import circles as circle_services
from course.cohorts.forms import MoveMemberForm, ReviewSettingsForm
from course.cohorts.settings import SettingsError, settings_changed_notes, update_review_settings
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import staff_required


def _to_circles(cohort_id: int):
    return redirect(url_for("cohorts.circles", cohort_id=cohort_id))


@bp.get("/<int:cohort_id>/circles")
@staff_required
def circles(cohort_id: int):
    cohort = queries.get_cohort_or_404(current_user, cohort_id)
    return render_template("cohorts/circles.html", cohort=cohort, page=queries.circles_page(cohort))


@bp.post("/<int:cohort_id>/circles/form")
@staff_required
def form_circles(cohort_id: int):
    cohort = queries.get_cohort_or_404(current_user, cohort_id)
    confirm_or_400()
    formed = circle_services.form_circles(cohort)
    db.session.commit()
    if formed:
        flash(ngettext("%(num)d circle formed.", "%(num)d circles formed.", len(formed)), "success")
    else:
        flash(_("There is nobody to place: only active learners of the cohort join circles."), "info")
    return _to_circles(cohort.id)


@bp.post("/<int:cohort_id>/circles/move")
@staff_required
def move_member(cohort_id: int):
    cohort = queries.get_cohort_or_404(current_user, cohort_id)
    form = MoveMemberForm(queries.circle_choices(cohort.circles))
    if not form.validate_on_submit():
        flash(_("Choose one of this cohort's circles."), "error")
        return _to_circles(cohort.id)
    try:
        member = circle_services.move_member(cohort, form.user_id.data, form.circle_id)
    except circle_services.CircleError as error:
        flash(str(error), "error")
        return _to_circles(cohort.id)
    db.session.commit()
    flash(_("%(name)s is now in circle %(number)d.", name=member.user.name, number=member.circle.number), "success")
    return _to_circles(cohort.id)


@bp.route("/<int:cohort_id>/review-settings", methods=["GET", "POST"])
@staff_required
def review_settings(cohort_id: int):
    cohort = queries.get_cohort_or_404(current_user, cohort_id)
    form = ReviewSettingsForm(obj=cohort)
    if form.validate_on_submit():
        try:
            changed = update_review_settings(cohort, **form.values())
        except SettingsError as error:
            for name, message in error.problems.items():
                getattr(form, name).errors.append(message)
        else:
            db.session.commit()
            flash(_("The review settings are saved."), "success")
            for note in settings_changed_notes(cohort, changed):
                flash(note, "info")
            if "leadership_reviews_only" in changed and cohort.leadership_reviews_only and cohort.circles:
                flash(_("Form the circles again to keep leadership and staff apart."), "info")
            return redirect(url_for("cohorts.review_settings", cohort_id=cohort.id))
    return render_template("cohorts/review_settings.html", cohort=cohort, form=form)
