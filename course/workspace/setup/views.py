"""Trainer pages to create, edit and delete a cohort."""
from collections.abc import Callable
from functools import partial

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from course.cohorts.models import Cohort
from course.cohorts.queries import get_cohort_or_404
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import get_organisation_or_404, staff_required
from course.workspace import bp
from course.workspace.setup import services
from course.workspace.setup.forms import CohortForm, DeleteCohortForm, cohort_form


def _saved(form: CohortForm, save: Callable[[services.CohortDetails], Cohort]) -> Cohort | None:
    """The cohort ``save`` made of a valid form, committed; None, with the problems on the form, otherwise."""
    if not form.validate_on_submit():
        return None
    try:
        cohort = save(form.details())
    except services.CohortError as error:
        form.add_problems(error.problems)
        return None
    db.session.commit()
    return cohort


@bp.route("/new/<int:organisation_id>", methods=["GET", "POST"])
@staff_required
def create(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    form = cohort_form(organisation.id)
    cohort = _saved(form, partial(services.create_cohort, organisation))
    if cohort is not None:
        flash(_("The cohort “%(name)s” is created.", name=cohort.name), "success")
        return redirect(url_for("organisations.detail", organisation_id=organisation.id))
    return render_template("workspace/setup/form.html", form=form, organisation=organisation, cohort=None,
                           action=url_for("cohorts.create", organisation_id=organisation.id))


@bp.route("/<int:cohort_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = cohort_form(cohort.organisation_id, cohort)
    if _saved(form, partial(services.update_cohort, cohort)) is not None:
        flash(_("The cohort is saved."), "success")
        return redirect(url_for("cohorts.edit", cohort_id=cohort.id))
    return render_template("workspace/setup/form.html", form=form, organisation=cohort.organisation, cohort=cohort,
                           action=url_for("cohorts.edit", cohort_id=cohort.id))


@bp.get("/<int:cohort_id>/delete")
@staff_required
def confirm_delete(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    return _confirmation(cohort, DeleteCohortForm(cohort))


@bp.post("/<int:cohort_id>/delete")
@staff_required
def delete(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = DeleteCohortForm(cohort)
    if not form.validate_on_submit():
        return _confirmation(cohort, form)
    name, organisation_id = cohort.name, cohort.organisation_id
    services.delete_cohort(cohort)
    db.session.commit()
    flash(_("The cohort “%(name)s” is deleted. Its people keep their accounts and their work.", name=name),
          "success")
    return redirect(url_for("organisations.detail", organisation_id=organisation_id))


@bp.route("/<int:cohort_id>/close", methods=["GET", "POST"])
@staff_required
def close(cohort_id: int):
    """Close the cohort for good, after a confirmation: its feed becomes read-only."""
    cohort = get_cohort_or_404(current_user, cohort_id)
    if request.method == "GET":
        return render_template("workspace/setup/confirm_close.html", cohort=cohort)
    confirm_or_400()
    services.close_cohort(cohort)
    db.session.commit()
    flash(_("The cohort “%(name)s” is closed. Its feed keeps what was published.", name=cohort.name), "success")
    return redirect(url_for("cohorts.edit", cohort_id=cohort.id))


def _confirmation(cohort: Cohort, form: DeleteCohortForm) -> str:
    return render_template("workspace/setup/confirm_delete.html", cohort=cohort, form=form,
                           members=len(cohort.members), circles=len(cohort.circles))
