"""For trainers: who has acknowledged the guidelines in force, and reminding those who have not."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from course.database import utcnow
from course.extensions import db
from course.forms import ActionForm
from course.guidelines import bp, queries
from course.guidelines.access import tracker_or_403
from course.guidelines.acknowledgements import can_remind, remind


@bp.get("/<int:organisation_id>/acknowledgements")
@login_required
def acknowledgements(organisation_id: int):
    access = tracker_or_403(current_user, organisation_id)
    version = queries.latest_published(access.organisation)
    receipts = queries.receipts(access.organisation, version) if version else []
    now = utcnow()
    return render_template(
        "guidelines/acknowledgements.html", access=access, version=version,
        acknowledged=[r for r in receipts if r.acknowledged_at], pending=[r for r in receipts if not r.acknowledged_at],
        remindable={r.user.id for r in receipts if can_remind(r, now)}, action_form=ActionForm())


@bp.post("/<int:organisation_id>/acknowledgements/remind")
@login_required
def remind_pending(organisation_id: int):
    """Remind everyone who has not acknowledged, or the one learner named in the form."""
    access = tracker_or_403(current_user, organisation_id)
    version = queries.latest_published(access.organisation)
    if version is None or not ActionForm().validate_on_submit():
        abort(400)
    receipts = [r for r in queries.receipts(access.organisation, version) if r.acknowledged_at is None]
    if "user_id" in request.form:  # one learner; a malformed id must not turn into "everyone"
        wanted = request.form.get("user_id", type=int)
        receipts = [r for r in receipts if r.user.id == wanted]
        if not receipts:
            abort(404)
    sent, recent = remind(version, receipts)
    db.session.commit()
    if sent:
        flash(ngettext("%(num)d reminder sent.", "%(num)d reminders sent.", sent), "success")
    if recent:
        flash(ngettext("%(num)d person was reminded less than a day ago and is left out until tomorrow.",
                       "%(num)d people were reminded less than a day ago and are left out until tomorrow.", recent),
              "info")
    if not sent and not recent:
        flash(_("Everybody has acknowledged this version: there is nobody to remind."), "info")
    return redirect(url_for("guidelines.acknowledgements", organisation_id=organisation_id))
