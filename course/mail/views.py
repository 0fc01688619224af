"""The outbox: every message Vernetzt wrote for the people a trainer or admin looks after."""
from flask import render_template, request
from flask_login import current_user

from course.audit.services import record_access
from course.extensions import db
from course.mail import bp, queries
from course.mail.services import mail_backend
from course.permissions import staff_required


@bp.get("/")
@staff_required
def outbox():
    undelivered_only = request.args.get("show") == "undelivered"
    page = queries.outbox_page(current_user, request.args.get("page", 1, type=int),
                               undelivered_only=undelivered_only)
    return render_template("mail/outbox.html", page=page, backend=mail_backend(),
                           summary=queries.delivery_summary(current_user), undelivered_only=undelivered_only,
                           page_arguments={"show": "undelivered"} if undelivered_only else {})


@bp.get("/<int:message_id>")
@staff_required
def message(message_id: int):
    message = queries.get_message_or_404(current_user, message_id)
    is_readable = message.is_readable_by(current_user)
    if is_readable and message.recipient is not None:
        record_access(current_user, "mail.read", message.recipient, f"outbox message {message.id}")
        db.session.commit()
    return render_template("mail/message.html", message=message, is_readable=is_readable)
