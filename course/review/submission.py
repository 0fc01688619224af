"""Submitting a draft for review: the checks its version must pass, then reviewers at once. Functions flush."""
from __future__ import annotations

from flask_babel import gettext as _

from course.accounts.models import User
from course.curriculum.content import DEFAULT_LANGUAGE, Lesson
from course.curriculum.services import mark_read
from course.database import utcnow
from course.drafts.checks import problems_to_submit
from course.drafts.models import Draft, DraftVersion
from course.drafts.services import DraftError
from course.drafts.targets import parts_for
from course.extensions import db
from course.guidelines.acknowledgements import required_before_submitting
from course.review.assignment import send_for_review
from course.review.completion import complete_when_answered


def submit_draft(user: User, lesson: Lesson, draft: Draft, language: str | None = None) -> DraftVersion:
    """Send the draft's latest version to peer review.

    The lesson is complete once the author has answered the feedback (``review.completion``):
    the first submission records it as read, a revision after feedback completes it.

    Reviewers are allocated at once, so a late submitter waits no longer than anyone else.

    Raises DraftError, explaining what to change in ``language``, when a part is empty or over its
    limit, or when the cohort requires the guidelines to be acknowledged first.
    """
    version = draft.latest
    if version is None:
        raise DraftError({"": _("Write your text before you submit it.")})
    if version.is_submitted:
        raise DraftError({"": _("This version is already with your reviewers. Change the text to submit a revision.")})
    parts = parts_for(lesson, language or user.language or DEFAULT_LANGUAGE, draft.platform)
    problems = problems_to_submit(parts, version.texts)
    if problems:
        raise DraftError(problems)
    pending = required_before_submitting(user)
    if pending is not None:
        raise DraftError({"": _("Your cohort asks everyone to acknowledge the social-media guidelines before a "
                                "draft goes to review. Read version %(number)d and acknowledge it, then submit "
                                "again; your text is saved.", number=pending.number)})
    now = utcnow()
    version.submitted_at = now
    if draft.first_submitted_at is None:
        draft.first_submitted_at = now
        mark_read(user, lesson)
    db.session.flush()
    complete_when_answered(draft)
    send_for_review(draft, version, now)
    return version
