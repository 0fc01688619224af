"""The messages addressed to the signed-in person."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from course.extensions import db
from course.forms import ActionForm
from course.notifications import bp, queries, services


@bp.get("/")
@login_required
def index():
    page = queries.notifications_page(current_user, request.args.get("page", 1, type=int))
    return render_template("notifications/index.html", page=page, form=ActionForm())


@bp.get("/<int:message_id>")
@login_required
def message(message_id: int):
    message = queries.get_own_message_or_404(current_user, message_id)
    services.mark_read(message)
    db.session.commit()
    return render_template("notifications/message.html", message=message)


@bp.post("/read")
@login_required
def mark_all_read():
    if ActionForm().validate_on_submit():
        count = services.mark_all_read(current_user)
        db.session.commit()
        flash(ngettext("%(num)d message marked as read.", "%(num)d messages marked as read.", count), "success")
    return redirect(url_for("notifications.index"))
