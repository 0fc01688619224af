"""The start page, one per role, and the accessibility statement."""
from flask import current_app, redirect, render_template, url_for
from flask_login import current_user

from course.home import bp
from course.organisations import queries
from course.organisations.forms import OrganisationForm


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.is_learner:
        return redirect(url_for("curriculum.index"))
    form = OrganisationForm() if current_user.is_admin else None
    return render_template("home/staff.html", form=form, **queries.trainer_start(current_user))


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement: what Vernetzt meets, how it is checked, what is known not to, whom to tell."""
    return render_template("home/accessibility.html", contact=current_app.config["ACCESSIBILITY_CONTACT"])
