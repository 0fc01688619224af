"""An organisation's single sign-on settings, and signing in through its identity provider."""
import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from course.auth import sessions
from course.auth.forms import LoginForm
from course.cohorts.models import Cohort
from course.extensions import db, limiter
from course.forms import confirm_or_400
from course.permissions import admin_required, get_organisation_or_404
from course.security import is_safe_next
from course.sso import bp, flow, services, settings
from course.sso.forms import SsoSettingsForm
from course.sso.models import IdentityProvider


def _form(organisation, provider: IdentityProvider | None) -> SsoSettingsForm:
    cohorts = db.session.scalars(sa.select(Cohort).where(Cohort.organisation_id == organisation.id,
                                                         Cohort.closed_at.is_(None)).order_by(Cohort.name))
    form = SsoSettingsForm(obj=provider, organisation_id=organisation.id, cohorts=list(cohorts),
                           has_secret=provider is not None)
    if request.method == "GET" and provider is not None:
        form.domains.data = "\n".join(provider.domain_names)
        form.group_tracks.data = "\n".join(f"{group} = {track}" for group, track in provider.group_tracks)
        form.cohort_id.data = str(provider.cohort_id or "")
        form.default_track.data = provider.default_track.value if provider.default_track else ""
    return form


@bp.route("/organisations/<int:organisation_id>/sso", methods=["GET", "POST"])
@admin_required
def settings_page(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    provider = settings.provider_of(organisation)
    form = _form(organisation, provider)
    if form.validate_on_submit():
        changed = settings.save_settings(organisation, current_user, form.data)
        db.session.commit()
        flash(_("Single sign-on is saved.") if changed else _("Nothing was changed."), "success")
        return redirect(url_for("sso.settings_page", organisation_id=organisation.id))
    return render_template("sso/settings.html", organisation=organisation, form=form, provider=provider,
                           redirect_uri=url_for("sso.callback", _external=True))


@bp.post("/organisations/<int:organisation_id>/sso/remove")
@admin_required
def remove(organisation_id: int):
    organisation = get_organisation_or_404(current_user, organisation_id)
    confirm_or_400()
    if settings.remove_provider(organisation, current_user):
        db.session.commit()
        flash(_("Single sign-on is removed: everyone of %(organisation)s signs in with a password again.",
                organisation=organisation.name), "success")
    return redirect(url_for("sso.settings_page", organisation_id=organisation.id))


def _sign_in_page(message: str, status: int, email: str = ""):
    form = LoginForm(formdata=None, email=email)
    return render_template("auth/login.html", form=form, next=None, sso_problem=message, sso_offered=True), status


def _start_limit() -> str:
    return current_app.config["SSO_START_LIMIT"]


@bp.get("/sso/start")
@limiter.limit(_start_limit)
def start():
    email = (request.args.get("email") or "").strip()
    provider = services.provider_for_sign_in(email) if "@" in email else None
    if provider is None:
        flash(_("Please sign in with your e-mail address and password."), "info")
        return redirect(url_for("auth.login"))
    next_url = request.args.get("next")
    try:
        url = flow.start(provider, email, next_url if is_safe_next(next_url) else None)
    except flow.FlowFailed as error:
        current_app.logger.warning("Single sign-on with %s could not start: %s", provider.issuer, error)
        message = _("Your organisation's identity provider cannot be reached just now. Please try again in a few "
                    "minutes.")
        if provider.password_sign_in:
            message += " " + _("Or sign in with your password.")
        return _sign_in_page(message, 503, email)
    return redirect(url)


@bp.get("/sso/callback")
def callback():
    provider_id = flow.pending_provider_id()
    provider = db.session.get(IdentityProvider, provider_id) if provider_id is not None else None
    if provider is None:
        return _sign_in_page(_("This sign-in was not started in this browser, or it has already been used. "
                               "Please start again."), 400)
    try:
        finished = flow.finish(provider, request.args)
    except flow.FlowFailed as error:
        current_app.logger.warning("Single sign-on with %s failed: %s", provider.issuer, error)
        if error.provider_down:
            return _sign_in_page(_("Your organisation's identity provider cannot be reached just now. Please try "
                                   "again in a few minutes."), 503)
        return _sign_in_page(_("The sign-in through your identity provider did not succeed. Please start again."),
                             400)
    try:
        user = services.person_for_claims(provider, finished.claims)
    except services.SignInRefused as refusal:
        db.session.rollback()
        return _sign_in_page(str(refusal), 403)
    sessions.sign_in(user)
    db.session.commit()
    return redirect(finished.next_url or url_for("home.index"))
