"""Where a learner stands with one lesson, as the dashboard's matrix shows it."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class LessonStatus(StrEnum):
    """Ordered from nothing to done; each status includes the ones before it."""

    NOT_STARTED = "not_started"
    READ = "read"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    COMPLETE = "complete"


STATUS_LABELS = {
    LessonStatus.NOT_STARTED: _l("not started"),
    LessonStatus.READ: _l("read"),
    LessonStatus.SUBMITTED: _l("submitted"),
    LessonStatus.REVIEWED: _l("reviewed"),
    LessonStatus.COMPLETE: _l("complete"),
}

# One character per status for the matrix's cells; the label is read out beside it.
STATUS_SYMBOLS = {
    LessonStatus.NOT_STARTED: "·",
    LessonStatus.READ: "R",
    LessonStatus.SUBMITTED: "S",
    LessonStatus.REVIEWED: "F",
    LessonStatus.COMPLETE: "✓",
}


def lesson_status(*, read: bool, completed: bool, submitted: bool = False, reviewed: bool = False) -> LessonStatus:
    """The furthest step reached; complete exactly when the lesson's progress row says so.

    A lesson whose draft went to peer review shows the review loop until it is
    complete: submitted, then reviewed once feedback is visible to the author;
    it becomes complete when the author answers the feedback (see
    ``review.completion``). Any other lesson is read, then complete.
    """
    if completed:
        return LessonStatus.COMPLETE
    if submitted:
        return LessonStatus.REVIEWED if reviewed else LessonStatus.SUBMITTED
    return LessonStatus.READ if read else LessonStatus.NOT_STARTED
