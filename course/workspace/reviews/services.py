"""A cohort's peer-review settings. Functions flush; the view commits."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.cohorts.models import Cohort
from course.extensions import db
from course.review.models import Review

REVIEWERS_PER_DRAFT = (1, 5)


REVIEW_DUE_DAYS = (1, 14)


OUT_OF_RANGE = _l("Choose a whole number from %(min)s to %(max)s.")  # the form's message too


class SettingsError(Exception):
    """Settings that cannot be saved; ``problems`` maps a field name to why."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def update_review_settings(cohort: Cohort, *, reviewers_per_draft: int, review_due_days: int,
                           anonymous_reviews: bool, leadership_reviews_only: bool,
                           guidelines_required: bool = False) -> set[str]:
    """Change how the cohort's drafts are reviewed; returns the names of the settings that changed.

    The new numbers apply to reviews handed out from now on; anonymity to
    every review at once (``settings_changed_notes`` says so). A cohort that
    promised anonymity cannot take it back once reviews exist: the names of
    people who reviewed under that promise would reach the authors.
    """
    problems = {}
    for name, value, (low, high) in (("reviewers_per_draft", reviewers_per_draft, REVIEWERS_PER_DRAFT),
                                     ("review_due_days", review_due_days, REVIEW_DUE_DAYS)):
        if not isinstance(value, int) or not low <= value <= high:
            problems[name] = OUT_OF_RANGE % {"min": low, "max": high}
    if cohort.anonymous_reviews and not anonymous_reviews and _has_reviews(cohort):
        problems["anonymous_reviews"] = _("Reviews in this cohort were written anonymously, so they stay anonymous.")
    if problems:
        raise SettingsError(problems)
    wanted = {"reviewers_per_draft": reviewers_per_draft, "review_due_days": review_due_days,
              "anonymous_reviews": anonymous_reviews, "leadership_reviews_only": leadership_reviews_only,
              "guidelines_required": guidelines_required}
    changed = {name for name, value in wanted.items() if getattr(cohort, name) != value}
    for name in changed:
        setattr(cohort, name, wanted[name])
    db.session.flush()
    return changed


def settings_changed_notes(cohort: Cohort, changed: set[str]) -> list[str]:
    """What the saved ``changed`` settings mean for reviews already handed out and for new ones.

    The numbers are copied into each review when it is handed out, so they
    only touch new ones; anonymity is read from the cohort whenever a review is
    shown, so switching it on covers every review at once (e-mails already
    sent keep the names they carried).
    """
    notes = []
    if changed & {"reviewers_per_draft", "review_due_days"}:
        notes.append(_("The number of reviewers and the due date apply to reviews handed out from now on."))
    if "anonymous_reviews" in changed and cohort.anonymous_reviews:
        notes.append(_("Reviews in this cohort are now anonymous, including those already handed out: authors "
                       "no longer see who reviewed them on any page or export. E-mails already sent keep the "
                       "names they carried.") if _has_reviews(cohort) else
                     _("Reviews in this cohort are now anonymous: authors will not learn who reviewed them."))
    elif "anonymous_reviews" in changed:
        notes.append(_("Reviews in this cohort are named: authors will see who reviewed them."))
    return notes


def _has_reviews(cohort: Cohort) -> bool:
    return db.session.scalar(sa.select(sa.exists().where(Review.cohort_id == cohort.id)))
