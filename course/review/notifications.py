"""The mails of peer review, each in its recipient's language.

Mails to an author never name a reviewer of an anonymous cohort: the author
templates get a display name that is already anonymised, never the person.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.curriculum.library import lessons
from course.links import external_url
from course.mail.services import Mail, compose_mail, mail_language


def _mail(recipient: User, subject, template: str, **context) -> Mail:
    title = lessons.curriculum.lesson_title(context["lesson_slug"], mail_language(recipient))
    mail = compose_mail(recipient, subject, f"mail/{template}", lesson_title=title, **context)
    return replace(mail, subject=mail.subject.format(lesson=title))


def review_assigned(reviewer: User, author: User, lesson_slug: str, due_at: datetime, *, as_trainer: bool) -> Mail:
    """To a reviewer: a draft waits for them (a trainer also learns that the cohort was short)."""
    return _mail(reviewer, _l("Please review: “{lesson}”"), "review_assigned.txt", author=author,
                 lesson_slug=lesson_slug, due_at=due_at, as_trainer=as_trainer, link=external_url("review.index"))


def review_received(author: User, lesson_slug: str, reviewer_label: str) -> Mail:
    """To the author: a review arrived. ``reviewer_label`` is a name, or a neutral label when anonymous."""
    return _mail(author, _l("New feedback on “{lesson}”"), "review_received.txt", lesson_slug=lesson_slug,
                 reviewer_label=reviewer_label, link=external_url("review.feedback", slug=lesson_slug))


def review_overdue(reviewer: User, author: User, lesson_slug: str, due_at: datetime) -> Mail:
    """To a late reviewer, once: the draft has gone to someone else too; theirs still counts as extra."""
    return _mail(reviewer, _l("Your review of “{lesson}” is overdue"), "review_overdue.txt", author=author,
                 lesson_slug=lesson_slug, due_at=due_at, link=external_url("review.index"))


def review_hidden(reviewer: User, author: User, lesson_slug: str, reason: str) -> Mail:
    """To a reviewer whose review a trainer hid from the author."""
    return _mail(reviewer, _l("Your review of “{lesson}” was hidden"), "review_hidden.txt", author=author,
                 lesson_slug=lesson_slug, reason=reason, link=external_url("review.index"))


def review_withdrawn(reviewer: User, author: User, lesson_slug: str) -> Mail:
    """To a reviewer whose open review a trainer gave to someone else."""
    return _mail(reviewer, _l("You no longer need to review “{lesson}”"), "review_withdrawn.txt", author=author,
                 lesson_slug=lesson_slug, link=external_url("review.index"))
