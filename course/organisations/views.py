"""Organisation pages for trainers and admins."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts import services
from course.extensions import db
from course.organisations import bp, queries
from course.organisations.forms import OrganisationForm
from course.permissions import admin_required, get_organisation_or_404, staff_required


@bp.get("/<int:organisation_id>")
@staff_required
def detail(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    return render_template(
        "organisations/detail.html",
        organisation=organisation,
        members=queries.organisation_members(organisation),
        cohorts=queries.organisation_cohorts(organisation),
    )


@bp.post("/")
@admin_required
def create():
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            organisation = services.create_organisation(form.name.data)
        except services.AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("“%(name)s” is created.", name=organisation.name), "success")
            return redirect(url_for("organisations.detail", organisation_id=organisation.id))
    context = queries.trainer_start(current_user)
    return render_template("home/staff.html", form=form, **context)
