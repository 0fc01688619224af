"""The start page: one per role."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from course.organisations import queries
from course.organisations.forms import OrganisationForm

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.is_learner:
        return render_template("home/learner.html", organisation=current_user.organisation)
    form = OrganisationForm() if current_user.is_admin else None
    return render_template("home/staff.html", form=form, **queries.trainer_start(current_user))
