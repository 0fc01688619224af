"""The audit log of an organisation, read and exported by its administrators and works council; administrators
name the works council's members."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from course.accounts.models import User
from course.audit import bp, queries, services
from course.audit.forms import LogFilterForm, MemberForm
from course.audit.labels import action_label
from course.audit.queries import Filters
from course.dashboard.export import to_csv
from course.dates import format_for_export
from course.downloads import download
from course.extensions import db
from course.forms import confirm_or_400
from course.permissions import admin_required, get_organisation_or_404


def _filters(organisation) -> tuple[LogFilterForm, Filters]:
    form = LogFilterForm(request.args)
    form.action.choices = [SelectChoice("", _("every kind")),
                           *(SelectChoice(action, action_label(action)) for action in queries.actions_in_log(organisation))]
    if request.args and not form.validate():
        return form, Filters()
    return form, Filters(form.action.data or "", form.since.data, form.until.data)


@bp.get("/<int:organisation_id>/audit-log")
@login_required
def log(organisation_id: int):
    organisation = _readable(organisation_id)
    form, filters = _filters(organisation)
    page = queries.log_page(organisation, filters, request.args.get("page", 1, type=int))
    return render_template("audit/log.html", organisation=organisation, form=form, page=page,
                           arguments=filters.arguments(), may_manage=current_user.is_admin,
                           members=queries.works_council(organisation))


@bp.get("/<int:organisation_id>/audit-log.csv")
@login_required
def export(organisation_id: int):
    organisation = _readable(organisation_id)
    form, filters = _filters(organisation)
    header = [_("When (UTC)"), _("Kind of entry"), _("Code"), _("By"), _("Whose data"), _("Detail")]
    rows = [[format_for_export(entry.event.created_at), entry.label, entry.event.action, entry.actor, entry.subject,
             entry.event.detail] for entry in queries.all_entries(organisation, filters)]
    services.record(current_user, "audit_log.exported", organisation_id=organisation.id,
                    detail=f"{len(rows)} rows")
    db.session.commit()
    return download(to_csv(header, rows), "text/csv", f"{organisation.name} audit log.csv")


def _readable(organisation_id: int):
    return queries.get_readable_organisation_or_404(current_user, organisation_id)


def _members_page(organisation, form: MemberForm, status: int = 200):
    return render_template("audit/members.html", organisation=organisation, form=form,
                           members=queries.works_council(organisation)), status


@bp.get("/<int:organisation_id>/works-council")
@admin_required
def members(organisation_id: int):
    return _members_page(get_organisation_or_404(current_user, organisation_id), MemberForm(formdata=None))


@bp.post("/<int:organisation_id>/works-council")
@admin_required
def add_member(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    form = MemberForm()
    if not form.validate_on_submit():
        return _members_page(organisation, form, 400)
    try:
        user = services.add_member(organisation, current_user, form.email.data)
    except services.MembershipError as error:
        form.email.errors.append(str(error))
        return _members_page(organisation, form, 400)
    db.session.commit()
    flash(_("%(name)s is a member of the works council and reads the audit log.", name=user.name), "success")
    return redirect(url_for("audit.members", organisation_id=organisation.id))


@bp.post("/<int:organisation_id>/works-council/<int:user_id>/remove")
@admin_required
def remove_member(organisation_id: int, user_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    user = db.session.get(User, user_id)
    if user is None or user.organisation_id != organisation.id or not user.works_council_member:
        abort(404)
    confirm_or_400()
    services.remove_member(organisation, current_user, user)
    db.session.commit()
    flash(_("%(name)s no longer reads the audit log.", name=user.name), "success")
    return redirect(url_for("audit.members", organisation_id=organisation.id))
