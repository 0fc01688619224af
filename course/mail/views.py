"""The outbox: mail kept in the app when no SMTP server is configured."""
from flask import current_app, render_template, request
from flask_login import current_user

from course.mail import bp, queries
from course.permissions import staff_required


@bp.get("/")
@staff_required
def outbox():
    page = queries.outbox_page(current_user, request.args.get("page", 1, type=int))
    return render_template(
        "mail/outbox.html", page=page, smtp_configured=bool(current_app.config.get("MAIL_SERVER"))
    )


@bp.get("/<int:message_id>")
@staff_required
def message(message_id: int):
    return render_template(
        "mail/message.html", message=queries.get_message_or_404(current_user, message_id)
    )
