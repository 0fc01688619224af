"""One's own data (download, deletion) and, for an organisation's staff, retention and the data-protection page."""
from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from course.accounts.passwords import verify_password
from course.database import utcnow
from course.downloads import download
from course.extensions import db
from course.forms import ActionForm, confirm_or_400
from course.permissions import admin_required, get_organisation_or_404, staff_required
from course.privacy import bp, queries, recorded
from course.privacy.archive import build_archive
from course.privacy.deletion import delete_personal_data
from course.privacy.forms import DeleteAccountForm
from course.privacy.processors import processors_for
from course.privacy.retention import due_for_deletion


@bp.get("/me/data")
@login_required
def data():
    return render_template("privacy/data.html", form=ActionForm())


@bp.post("/me/data")
@login_required
def download_data():
    confirm_or_400()
    return download(build_archive(current_user), "application/zip", "vernetzt-data.zip")


@bp.route("/me/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    has_password = current_user.has_password
    form = DeleteAccountForm.for_user(has_password)
    refusal = queries.deletion_refusal(current_user)
    if refusal is None and form.validate_on_submit():
        if has_password and not verify_password(current_user.password_hash, form.password.data):
            form.password.errors.append(_("This is not your password."))
        elif not has_password and form.typed_email.data.strip().lower() != current_user.email:
            form.typed_email.errors.append(_("This is not the e-mail address of your account."))
        else:
            delete_personal_data(current_user, current_user)
            db.session.commit()
            logout_user()
            flash(_("Your account is deleted, and your personal data with it. Thank you for taking part."), "success")
            return redirect(url_for("auth.login"))
    return render_template("privacy/delete.html", form=form, refusal=refusal, has_password=has_password)


@bp.get("/organisations/<int:organisation_id>/retention")
@admin_required
def retention(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    return render_template("privacy/retention.html", organisation=organisation,
                           due=due_for_deletion(utcnow(), organisation))


@bp.get("/organisations/<int:organisation_id>/data-protection")
@staff_required
def data_protection(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    return render_template("privacy/data_protection.html", organisation=organisation,
                           processors=processors_for(current_app.config, organisation),
                           records=recorded.what_is_recorded(organisation),
                           retention=recorded.retention_in_words(organisation))
