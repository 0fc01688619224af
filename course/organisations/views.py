"""Organisation pages for trainers and admins."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from course.accounts import services as accounts
from course.extensions import db
from course.forms import confirm_or_400
from course.mail.services import mail_backend
from course.organisations import bp, queries, services
from course.organisations.forms import OrganisationForm, SettingsForm
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
            organisation = accounts.create_organisation(form.name.data)
        except accounts.AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("“%(name)s” is created.", name=organisation.name), "success")
            return redirect(url_for("organisations.detail", organisation_id=organisation.id))
    context = queries.trainer_start(current_user)
    return render_template("home/staff.html", form=form, **context)


def _settings_page(organisation, form: SettingsForm):
    return render_template("organisations/settings.html", organisation=organisation, form=form,
                           backend=mail_backend())


@bp.route("/<int:organisation_id>/settings", methods=["GET", "POST"])
@admin_required
def settings(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    form = SettingsForm(obj=organisation)
    if request.method == "GET":
        form.default_language.data = organisation.default_language or ""
    if form.validate_on_submit():
        changed = services.update_settings(organisation, current_user, form.data)
        db.session.commit()
        flash(_("The settings are saved.") if changed else _("Nothing was changed."), "success")
        return redirect(url_for("organisations.settings", organisation_id=organisation.id))
    return _settings_page(organisation, form)


@bp.post("/<int:organisation_id>/settings/test-mail")
@admin_required
def test_mail(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    confirm_or_400()
    message = services.send_test_mail(organisation, current_user)
    db.session.commit()
    flash(_("A test mail to %(address)s is in the outbox. Its status there says when the worker has delivered it.",
            address=message.recipient_address), "success")
    return redirect(url_for("mail.message", message_id=message.id))
