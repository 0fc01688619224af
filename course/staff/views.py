"""The staff page: administrators invite, deactivate and reactivate trainers and administrators."""
from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from course.accounts.models import Role, User
from course.accounts.services import AccountError
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import admin_required, get_organisation_or_404
from course.staff import bp, queries, services
from course.staff.forms import InviteStaffForm


def _staff_page(form: InviteStaffForm, status: int = 200):
    page = queries.staff_page()
    form.organisation_id.choices = [SelectChoice(0, _("— none (administrators) —")),
                                    *(SelectChoice(o.id, o.name) for o in page.organisations)]
    return render_template("staff/index.html", page=page, form=form), status


@bp.get("/")
@admin_required
def index():
    form = InviteStaffForm(formdata=None, organisation_id=request.args.get("organisation", 0, type=int))
    return _staff_page(form)


@bp.post("/invite")
@admin_required
def invite():
    form = InviteStaffForm()
    form.organisation_id.choices = None  # checked below, against the organisations the administrator sees
    form.organisation_id.validate_choice = False
    if not form.validate_on_submit():
        return _staff_page(form, 400)
    organisation = (get_organisation_or_404(current_user, form.organisation_id.data)
                    if form.organisation_id.data else None)
    try:
        user, invited = services.invite_staff(current_user, name=form.name.data, email=form.email.data,
                                              role=Role(form.role.data), organisation=organisation,
                                              language=form.language.data)
    except AccountError as error:
        form.email.errors.append(str(error))
        return _staff_page(form, 400)
    db.session.commit()
    if invited:
        flash(_("An invitation is on its way to %(email)s.", email=user.email), "success")
    else:
        flash(_("%(name)s now also trains %(organisation)s.", name=user.name, organisation=organisation.name),
              "success")
    return redirect(url_for("staff.index"))


def _act(user_id: int, change: Callable[[User, User], None], done: str):
    user = queries.get_staff_or_404(user_id)
    confirm_or_400()
    try:
        change(current_user, user)
    except AccountError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(done % {"name": user.name, "email": user.email}, "success")
    return redirect(url_for("staff.index"))


@bp.post("/<int:user_id>/deactivate")
@admin_required
def deactivate(user_id: int):
    return _act(user_id, services.deactivate_staff,
                _("%(name)s is deactivated and signed out everywhere. Their cohorts keep their other trainers."))


@bp.post("/<int:user_id>/reactivate")
@admin_required
def reactivate(user_id: int):
    return _act(user_id, services.reactivate_staff, _("%(name)s is active again and can sign in."))


@bp.post("/<int:user_id>/resend")
@admin_required
def resend_invitation(user_id: int):
    return _act(user_id, services.resend_invitation, _("A new invitation is on its way to %(email)s."))
