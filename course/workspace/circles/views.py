"""The circles page: form the circles, move a member."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from course.cohorts.queries import get_cohort_or_404
from course.database import utcnow
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import staff_required
from course.workspace import bp
from course.workspace.circles import services
from course.workspace.circles.forms import MoveMemberForm
from course.workspace.circles.pages import circle_choices, circles_page


def _to_circles(cohort_id: int):
    return redirect(url_for("cohorts.circles", cohort_id=cohort_id))


@bp.get("/<int:cohort_id>/circles")
@staff_required
def circles(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    return render_template("workspace/circles/circles.html", cohort=cohort, page=circles_page(cohort, utcnow()))


@bp.post("/<int:cohort_id>/circles/form")
@staff_required
def form_circles(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    confirm_or_400()
    formed = services.form_circles(cohort)
    db.session.commit()
    if formed:
        flash(ngettext("%(num)d circle formed.", "%(num)d circles formed.", len(formed)), "success")
    else:
        flash(_("There is nobody to place: only active learners of the cohort join circles."), "info")
    return _to_circles(cohort.id)


@bp.post("/<int:cohort_id>/circles/move")
@staff_required
def move_member(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = MoveMemberForm(circle_choices(cohort.circles))
    if not form.validate_on_submit():
        flash(_("Choose one of this cohort's circles."), "error")
        return _to_circles(cohort.id)
    try:
        member = services.move_member(cohort, form.user_id.data, form.circle_id)
    except services.CircleError as error:
        flash(str(error), "error")
        return _to_circles(cohort.id)
    db.session.commit()
    circle = member.circle  # move_member always puts the member in a circle
    flash(_("%(name)s is now in circle %(number)d.", name=member.user.name, number=circle.number if circle else 0),
          "success")
    return _to_circles(cohort.id)
