"""The profile page, changing the password, switching the language."""
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from course.accounts import bp, services
from course.accounts.forms import ChangePasswordForm, LanguageForm, ProfileForm
from course.auth.sessions import list_sessions
from course.calendars import CALENDAR_ROLES
from course.extensions import db
from course.security import is_safe_next
from course.works_council.forms import SharingForm
from course.works_council.services import offers_sharing


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if request.method == "GET":
        form.language.data = current_user.language or ""
    if form.validate_on_submit():
        services.update_profile(current_user, name=form.name.data, language=form.language.data)
        db.session.commit()
        refresh()  # confirm in the language just chosen
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("accounts.profile"))
    sharing_form = SharingForm(shares_progress=current_user.shares_progress) if offers_sharing(current_user) else None
    return render_template("accounts/profile.html", form=form, sessions=list_sessions(current_user),
                           shows_calendar=current_user.role in CALENDAR_ROLES, sharing_form=sharing_form)


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except services.AccountError as error:
            form.current_password.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.post("/language")
def switch_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            services.set_language(current_user, form.language.data)
            db.session.commit()
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("home.index"))
