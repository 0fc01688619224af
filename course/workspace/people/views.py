"""The People page: invite one person or import many, and resend, revoke, deactivate or reactivate a member."""
from collections.abc import Callable
from functools import partial
from pathlib import PurePath

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts.models import User
from course.audit.services import record
from course.cohorts.models import Cohort, CohortMember
from course.cohorts.queries import get_cohort_or_404, get_member_or_404
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import staff_required
from course.workspace import bp
from course.workspace.people import roster, services
from course.workspace.people.forms import ConfirmImportForm, InviteForm, UploadForm
from course.workspace.people.pages import people_page


def _delimiter() -> str:
    """Excel expects semicolons where the comma is the decimal sign, as in German."""
    locale = get_locale()
    return ";" if locale is not None and locale.language == "de" else ","


def _to_people(cohort_id: int):
    return redirect(url_for("cohorts.people", cohort_id=cohort_id))


def _people_page(cohort: Cohort, invite_form: InviteForm | None = None, upload_form: UploadForm | None = None):
    return render_template(
        "workspace/people/people.html", cohort=cohort, page=people_page(cohort),
        invite_form=invite_form or InviteForm(formdata=None), upload_form=upload_form or UploadForm(formdata=None),
        example=roster.example_csv(_delimiter()),
    )


def _preview_page(cohort: Cohort, reports: list[services.RowReport], filename: str | None = None):
    preview = services.Preview(reports)
    form = ConfirmImportForm(formdata=None, rows=services.sign_rows(cohort, preview.accepted_rows))
    return render_template("workspace/people/import_preview.html", cohort=cohort, preview=preview, form=form, filename=filename)


def _flash_added(cohort: Cohort, added: services.Added) -> None:
    if added.invited:
        flash(ngettext("%(num)d invitation was sent by e-mail.", "%(num)d invitations were sent by e-mail.",
                       len(added.invited)), "success")
    if added.joined:
        flash(ngettext("%(num)d person who already had an account joined the cohort.",
                       "%(num)d people who already had an account joined the cohort.", len(added.joined)), "success")
    if (added.invited or added.joined) and cohort.circles:
        flash(_("New members are in no circle yet. Place them on the Circles page, or form the circles again."), "info")


@bp.get("/<int:cohort_id>/people")
@staff_required
def people(cohort_id: int):
    return _people_page(get_cohort_or_404(current_user, cohort_id))


@bp.get("/<int:cohort_id>/people/example.csv")
@staff_required
def people_example(cohort_id: int):
    get_cohort_or_404(current_user, cohort_id)
    # With a byte-order mark, Excel reads the umlauts as UTF-8.
    body = ("\ufeff" + roster.example_csv(_delimiter())).encode()
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="people-example.csv"'})


@bp.post("/<int:cohort_id>/people/invite")
@staff_required
def invite(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            added = services.invite_person(cohort, current_user, **form.values())
        except services.InvitationError as error:
            for problem in error.problems:
                form[problem.field].errors.append(problem.message)
        else:
            db.session.commit()
            if added.invited:
                flash(_("%(name)s is invited: an e-mail with a link to set a password is on its way to %(email)s.",
                        name=added.invited[0].name, email=added.invited[0].email), "success")
            else:
                flash(_("%(name)s already had an account and is now in this cohort.", name=added.joined[0].name),
                      "success")
            return _to_people(cohort.id)
    return _people_page(cohort, invite_form=form)


@bp.post("/<int:cohort_id>/people/upload")
@staff_required
def upload_people(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = UploadForm()
    if form.validate_on_submit():
        try:
            rows = roster.read_roster(form.file.data.read(roster.MAX_BYTES + 1))
        except roster.RosterError as error:
            form.file.errors.append(str(error))
        else:
            filename = PurePath(form.file.data.filename or "").name or None
            return _preview_page(cohort, services.check_rows(cohort, rows), filename)
    return _people_page(cohort, upload_form=form)


@bp.post("/<int:cohort_id>/people/confirm")
@staff_required
def confirm_import(cohort_id: int):
    cohort = get_cohort_or_404(current_user, cohort_id)
    form = ConfirmImportForm()
    confirm_or_400(form)
    try:
        rows = services.unsign_rows(cohort, form.rows.data)
    except services.InvitationError:
        abort(400)
    try:
        added = services.import_rows(cohort, rows, current_user)
    except services.PreviewChanged as changed:
        flash(str(changed), "error")
        return _preview_page(cohort, changed.reports)
    db.session.commit()
    _flash_added(cohort, added)
    return _to_people(cohort.id)


def _act(cohort_id: int, user_id: int, action: Callable[[CohortMember], None], done: Callable[[User], str],
         audited_as: str):
    """Carry out ``action`` on a member of the cohort, note it in the audit log and say what happened."""
    cohort = get_cohort_or_404(current_user, cohort_id)
    member = get_member_or_404(cohort, user_id)
    confirm_or_400()
    user = member.user
    message = done(user)  # worded now: a revoked account is gone afterwards
    try:
        action(member)
    except services.InvitationError as error:
        flash(str(error), "error")
        return _to_people(cohort.id)
    gone = audited_as == "people.invitation_revoked"
    record(current_user, audited_as, organisation_id=cohort.organisation_id, subject=None if gone else user,
           detail=f"cohort {cohort.id}")
    db.session.commit()
    flash(message, "success")
    return _to_people(cohort.id)


@bp.post("/<int:cohort_id>/people/<int:user_id>/resend")
@staff_required
def resend_invitation(cohort_id: int, user_id: int):
    return _act(cohort_id, user_id, partial(services.resend_invitation, invited_by=current_user),
                lambda user: _("A new invitation is on its way to %(email)s.", email=user.email),
                "people.invitation_resent")


@bp.post("/<int:cohort_id>/people/<int:user_id>/revoke")
@staff_required
def revoke_invitation(cohort_id: int, user_id: int):
    return _act(cohort_id, user_id, services.revoke_invitation,
                lambda user: _("The invitation for %(name)s is withdrawn: the account is deleted and the link "
                               "no longer works.", name=user.name), "people.invitation_revoked")


@bp.post("/<int:cohort_id>/people/<int:user_id>/deactivate")
@staff_required
def deactivate(cohort_id: int, user_id: int):
    return _act(cohort_id, user_id, services.deactivate,
                lambda user: _("%(name)s is deactivated: they cannot sign in and get no new reviews. "
                               "Their work is kept.", name=user.name), "people.deactivated")


@bp.post("/<int:cohort_id>/people/<int:user_id>/reactivate")
@staff_required
def reactivate(cohort_id: int, user_id: int):
    return _act(cohort_id, user_id, services.reactivate,
                lambda user: _("%(name)s is active again and can sign in.", name=user.name), "people.reactivated")
