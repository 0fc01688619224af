"""Sign in, sign out, reset a forgotten password, accept an invitation."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, logout_user

from course.accounts import services, tokens
from course.accounts.forms import SetPasswordForm
from course.auth import bp, sessions, throttle
from course.auth.forms import LoginForm, ResetRequestForm
from course.extensions import db
from course.security import is_safe_next
from course.sso import services as sso


def _next_url() -> str | None:
    target = request.args.get("next")
    return target if is_safe_next(target) else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    is_valid = form.validate_on_submit()
    if form.is_submitted() and (to_provider := _sso_redirect(form)) is not None:
        return to_provider
    if is_valid:
        attempt = throttle.record_attempt(form.email.data)
        # Committed before the slow password check, so that attempts running in other
        # workers at the same moment count too; the verdict is the request's own commit.
        db.session.commit()
        if throttle.is_refused(attempt):
            throttle.forget_attempt(attempt)
            db.session.commit()
            return _throttled(form, attempt)
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            throttle.forget_attempt(attempt)
            sessions.sign_in(user, remember=form.remember.data)
            db.session.commit()
            return throttle.remember_device(redirect(_next_url() or url_for("home.index")), user.email)
        db.session.commit()
        form.password.errors.append(_("The e-mail address or the password is not correct."))
    return render_template("auth/login.html", form=form, next=_next_url(), sso_offered=sso.is_offered())


def _sso_redirect(form: LoginForm):
    """To the provider of the address's organisation, when it signs this person in: always once passwords are
    switched off for them, else when they left the password empty."""
    if "csrf_token" in form.errors or form.email.errors or not form.email.data:
        return None
    provider = sso.provider_for_sign_in(form.email.data)
    if provider is None or (form.password.data and provider.password_sign_in):
        return None
    return render_template("sso/continue.html", start_url=url_for("sso.start", email=form.email.data,
                                                                   next=_next_url()))


def _throttled(form: LoginForm, attempt: throttle.Attempt):
    minutes = throttle.wait_minutes()
    if attempt.from_known_device:
        message = ngettext("Too many failed sign-ins in this browser. Please wait a minute, then try again.",
                           "Too many failed sign-ins in this browser. Please wait %(num)d minutes, then try again.",
                           minutes)
    else:
        message = ngettext(
            "Too many failed sign-ins for this account or from this network. For the next minute, only a browser "
            "that has signed in to this account before can sign in to it.",
            "Too many failed sign-ins for this account or from this network. For the next %(num)d minutes, only a "
            "browser that has signed in to this account before can sign in to it.", minutes)
    page = render_template("auth/login.html", form=form, next=_next_url(), throttled=message)
    return page, 429, {"Retry-After": str(60 * minutes)}


@bp.post("/logout")
@login_required
def logout():
    sessions.end_current_session()
    logout_user()
    db.session.commit()
    flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"))


@bp.post("/logout/everywhere")
@login_required
def logout_everywhere():
    sessions.end_sessions(current_user)
    logout_user()
    db.session.commit()
    flash(_("You are signed out on every device."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/reset-password", methods=["GET", "POST"])
def request_password_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = services.find_user_by_email(form.email.data)
        if user is None or not sso.password_refused(user):
            services.send_password_reset(form.email.data)
        db.session.commit()
        flash(
            _("If an account uses %(email)s, a link to set a new password is on its way. "
              "It works for one hour.", email=form.email.data),
            "success",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


def _set_password_page(purpose: str, token: str, template: str, done_message: str):
    try:
        user = tokens.load_token(token, purpose)
    except tokens.TokenError as error:
        return render_template(
            "auth/link_invalid.html", is_invitation=purpose == tokens.INVITATION, expired=error.expired
        ), 400
    if sso.password_refused(user):
        # The organisation signs this person in through its identity provider only: no password is set here.
        if purpose == tokens.INVITATION:
            return redirect(url_for("sso.start", email=user.email), 303)
        return render_template("auth/password_off.html", user=user), 403
    form = SetPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        sessions.sign_in(user)
        db.session.commit()
        flash(done_message, "success")
        # Having read the mail, this browser is one the owner uses: it gets in even while others are throttled.
        return throttle.remember_device(redirect(url_for("home.index")), user.email)
    return render_template(template, form=form, user=user)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    return _set_password_page(
        tokens.PASSWORD_RESET, token, "auth/reset_password.html",
        _("Your new password is saved and you are signed in."),
    )


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    return _set_password_page(
        tokens.INVITATION, token, "auth/accept_invitation.html",
        _("Welcome to Vernetzt! Your password is saved."),
    )
