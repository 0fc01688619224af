"""Where a review stands, in one place: the key a page styles by and the words a trainer reads."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.dates import format_moment
from course.review.models import Review, ReviewKind

KIND_LABELS = {
    ReviewKind.PEER: _l("Peer"),
    ReviewKind.FALLBACK: _l("Trainer, because the cohort was short"),
    ReviewKind.TRAINER: _l("Trainer feedback"),
}


def review_status(review: Review, now: datetime) -> tuple[str, str]:
    """(open, overdue, extra, submitted, hidden or withdrawn; the words for it), most important state first."""
    due = format_moment(review.due_at)
    if review.withdrawn_at is not None:
        return "withdrawn", _("withdrawn: given to someone else")
    if review.is_hidden:
        return "hidden", _("submitted, hidden from the author")
    if review.is_submitted:
        return "submitted", _("extra review, submitted") if review.is_extra else _("submitted")
    if review.is_extra:
        return "extra", _("overdue since %(due)s, reassigned; may still count as extra", due=due)
    if review.is_overdue(now):
        return "overdue", _("overdue since %(due)s", due=due)
    return "open", _("open, due %(due)s", due=due)
