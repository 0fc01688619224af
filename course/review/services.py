"""Writing, rating and moderating reviews. Functions flush; the view commits."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _

from course.accounts.models import Role, User
from course.audit.services import record
from course.cohorts.models import CohortMember
from course.cohorts.queries import cohort_of
from course.curriculum.content import DEFAULT_LANGUAGE, Criterion
from course.curriculum.exercise_specs import DEFAULT_RUBRIC
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.models import Draft
from course.extensions import db
from course.mail.services import send_mails
from course.review import assignment, notifications
from course.review.completion import complete_when_answered
from course.review.models import Review, ReviewKind

MAX_TEXT = 5_000
MAX_THANKS = 1_000
MAX_REASON = 1_000
LEVELS = (1, 2, 3, 4)


class ReviewError(Exception):
    """The request cannot be carried out; ``problems`` maps a field name ('' for all) to why."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def rubric_for(lesson_slug: str) -> list[Criterion]:
    """The criteria a review of this lesson's exercise rates, from its spec (default: four)."""
    curriculum = lessons.curriculum
    lesson = curriculum.lessons.get(lesson_slug)
    keys = lesson.exercise.settings.get("rubric", DEFAULT_RUBRIC) if lesson and lesson.exercise else DEFAULT_RUBRIC
    return [curriculum.criteria[key] for key in keys]


def chosen_levels(ratings: dict[str, int], lesson_slug: str, language: str) -> list[tuple[str, int, str]]:
    """Each rated criterion of the lesson's rubric: its name, the level given and that level's descriptor."""
    levels = []
    for criterion in rubric_for(lesson_slug):
        level = ratings.get(criterion.key)
        if level in LEVELS:
            texts = criterion.levels[level - 1]
            levels.append((criterion.name(language), level, texts.get(language) or texts[DEFAULT_LANGUAGE]))
    return levels


def reviewer_label(review: Review, number: int | None = None) -> str:
    """How the author sees who wrote ``review``: a name, or in an anonymous cohort only
    "Reviewer <number>" ("A reviewer" where there is no number, as in mail)."""
    if not review.is_anonymous:
        return review.reviewer.name
    if review.is_from_trainer:
        return _("Your trainer")
    return _("Reviewer %(number)d", number=number) if number else _("A reviewer")


def save_review(review: Review, *, ratings: Mapping[str, int | None], worked: str, suggestion: str,
                submit: bool, now: datetime | None = None) -> Review:
    """Store what the reviewer wrote; with ``submit``, send it to the author.

    A submission missing a level or a free text is stored as a draft and
    refused with the reason, so nothing typed is lost.
    """
    if review.withdrawn_at is not None:
        raise ReviewError({"": _("A trainer has given this review to someone else, so it can no longer be changed.")})
    if review.is_submitted:
        raise ReviewError({"": _("This review is already submitted and cannot be changed.")})
    worked, suggestion = (worked or "").strip(), (suggestion or "").strip()
    problems = {name: _("Keep it under %(limit)d characters; it has %(count)d.", limit=MAX_TEXT, count=len(text))
                for name, text in (("worked", worked), ("suggestion", suggestion)) if len(text) > MAX_TEXT}
    if problems:
        raise ReviewError(problems)
    criteria = rubric_for(review.draft.lesson_slug)
    now = now or utcnow()
    review.ratings = {c.key: level for c in criteria if (level := ratings.get(c.key)) is not None and level in LEVELS}
    review.worked, review.suggestion, review.saved_at = worked, suggestion, now
    db.session.flush()
    if submit:
        problems = _missing(review, criteria)
        if problems:
            raise ReviewError(problems)
        review.submitted_at = now
        db.session.flush()
        if not review.is_hidden:
            send_mails([notifications.review_received(review.draft.author, review.draft.lesson_slug,
                                                      reviewer_label(review))])
    return review


def _missing(review: Review, criteria: list[Criterion]) -> dict[str, str]:
    language = str(get_locale() or DEFAULT_LANGUAGE)
    problems = {f"rating_{c.key}": _("Choose a level for “%(criterion)s”.", criterion=c.name(language))
                for c in criteria if c.key not in review.ratings}
    if not review.worked:
        problems["worked"] = _("Say what worked: at least one thing the author should keep.")
    if not review.suggestion:
        problems["suggestion"] = _("Give one suggestion the author can act on.")
    return problems


def rate_review(review: Review, helpfulness: int, thanks: str | None, now: datetime | None = None) -> Review:
    """Record how helpful the author found ``review`` (1-5) and an optional thank-you; may be changed later.

    Rating answers the feedback, which completes the lesson.
    """
    if not review.is_visible_to_author:
        raise ReviewError({"": _("This review cannot be rated.")})
    if helpfulness not in (1, 2, 3, 4, 5):
        raise ReviewError({"helpfulness": _("Choose how helpful the review was, from 1 to 5.")})
    thanks = (thanks or "").strip()
    if len(thanks) > MAX_THANKS:
        raise ReviewError({"thanks": _("Keep it under %(limit)d characters; it has %(count)d.",
                                       limit=MAX_THANKS, count=len(thanks))})
    review.helpfulness, review.thanks, review.rated_at = helpfulness, thanks or None, now or utcnow()
    db.session.flush()
    complete_when_answered(review.draft)
    return review


def hide_review(trainer: User, review: Review, reason: str, now: datetime | None = None) -> Review:
    """Hide a submitted review from its author; the reviewer is told why."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError({"reason": _("Give a reason: the reviewer reads it.")})
    if len(reason) > MAX_REASON:
        raise ReviewError({"reason": _("Keep it under %(limit)d characters; it has %(count)d.",
                                       limit=MAX_REASON, count=len(reason))})
    if not review.is_submitted or review.is_hidden:
        raise ReviewError({"": _("Only a submitted review that is not hidden yet can be hidden.")})
    review.hidden_at, review.hidden_reason, review.hidden_by_id = now or utcnow(), reason, trainer.id
    db.session.flush()
    record(trainer, "review.hidden", organisation_id=review.reviewer.organisation_id, subject=review.reviewer,
           detail=f"review {review.id}")
    send_mails([notifications.review_hidden(review.reviewer, review.draft.author, review.draft.lesson_slug, reason)])
    return review


def reassign_review(review: Review, reviewer: User | None = None,
                    now: datetime | None = None) -> list[assignment.Assignment]:
    """Take an open review back and give the draft to ``reviewer``, or to whoever allocation picks.

    When allocation finds nobody, nothing changes: the review stays with its reviewer.
    """
    if not review.is_open:
        raise ReviewError({"": _("Only an open review can be given to someone else.")})
    if review.is_extra:
        raise ReviewError({"": _("This overdue review has already gone to someone else as well; the late reviewer "
                                 "may still finish it as an extra review.")})
    if review.kind == ReviewKind.TRAINER:
        raise ReviewError({"": _("This is a trainer’s own feedback; it is not handed on to others.")})
    now = now or utcnow()
    if reviewer is not None and reviewer.id not in {p.id for p in reassign_candidates(review)}:
        raise ReviewError({"reviewer": _("Choose someone from the list.")})
    review.withdrawn_at = now
    db.session.flush()
    if reviewer is None:
        assignments = assignment.request_reviews([review.version_id], now, exclude={review.reviewer_id})
        if not assignments:
            review.withdrawn_at = None
            db.session.flush()
            raise ReviewError({"": _("Nobody else is free to take this review, so it stays where it is. "
                                     "You can add your own feedback instead.")})
    else:
        due_at = now + (review.due_at - review.assigned_at)
        db.session.add(Review(draft_id=review.draft_id, version_id=review.version_id, reviewer_id=reviewer.id,
                              cohort_id=review.cohort_id, kind=ReviewKind.PEER, assigned_at=now, due_at=due_at))
        db.session.flush()
        send_mails([notifications.review_assigned(reviewer, review.draft.author, review.draft.lesson_slug, due_at,
                                                  as_trainer=False)])
        assignments = [assignment.Assignment(review.version_id, review.draft_id, reviewer.id, ReviewKind.PEER)]
    send_mails([notifications.review_withdrawn(review.reviewer, review.draft.author, review.draft.lesson_slug)])
    return assignments


def reassign_candidates(review: Review) -> list[User]:
    """Active learners of the review's cohort who could take it: not the author, not already on the draft."""
    if review.cohort_id is None:
        return []
    on_draft = sa.select(Review.reviewer_id).where(Review.draft_id == review.draft_id, Review.withdrawn_at.is_(None))
    return list(db.session.scalars(
        sa.select(User).join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == review.cohort_id, User.active.is_(True), User.role == Role.LEARNER,
               User.id != review.draft.user_id, User.id.not_in(on_draft))
        .order_by(User.name)
    ))


def add_trainer_feedback(trainer: User, draft: Draft, now: datetime | None = None) -> Review:
    """The trainer's own review of the draft's latest submitted version (reused while still open)."""
    version = draft.shared_version
    if version is None:
        raise ReviewError({"": _("This draft has not been submitted yet.")})
    existing = db.session.scalar(sa.select(Review).where(
        Review.version_id == version.id, Review.reviewer_id == trainer.id, Review.withdrawn_at.is_(None)))
    if existing is not None:
        return existing
    cohort = cohort_of(draft.author)
    now = now or utcnow()
    days = cohort.review_due_days if cohort else assignment.DEFAULT_DUE_DAYS
    review = Review(draft_id=draft.id, version_id=version.id, reviewer_id=trainer.id,
                    cohort_id=cohort.id if cohort else None, kind=ReviewKind.TRAINER, assigned_at=now,
                    due_at=now + timedelta(days=days))
    db.session.add(review)
    db.session.flush()
    return review
