"""Helpers for the guidelines tests: published versions through the real services, a review circle."""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from course.accounts.models import Organisation, User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.models import Draft
from course.drafts.services import draft_for, save_draft
from course.extensions import db
from course.guidelines import services
from course.guidelines.models import Acknowledgement, GuidelineVersion
from course.guidelines.rules import Rules, rules_to_json
from course.review.models import Review
from course.review.submission import submit_draft
from tests.conftest import open_every_stage

BANNER = "social-media guidelines is published. Please read it and acknowledge it."
BANNER_CLASS = 'class="alert alert--info guidelines-banner"'


def publish_guidelines(organisation: Organisation, editor: User, *, rules: Rules | None = None,
                       note: str = "First version.", skip: tuple[str, ...] = (), language: str = "en",
                       details: dict[str, str] | None = None) -> GuidelineVersion:
    """Start, fill and publish the organisation's next version as the builder does; committed."""
    draft = services.start_draft(organisation, editor, language)
    services.update_details(draft, editor, revision=draft.revision, language=language,
                            details=details or {"organisation": organisation.name},
                            rules=rules_to_json(rules or Rules()))
    for section in draft.sections:
        if section.key in skip:
            services.set_skipped(section, editor, True)
    services.publish(draft, editor, note)
    db.session.commit()
    return draft


def acknowledgement(user: User, version: GuidelineVersion) -> Acknowledgement | None:
    """The row as stored now, not as the session remembers it."""
    db.session.expire_all()
    return db.session.scalar(sa.select(Acknowledgement).where(Acknowledgement.user_id == user.id,
                                                              Acknowledgement.version_id == version.id))


def reviews_of(draft: Draft | None) -> list[Review]:
    if draft is None:
        return []
    return list(db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id)))


@dataclass
class Circle3:
    author: User
    reviewers: list[User]
    cohort: Cohort


def circle_of_three(create_user, organisation: Organisation, author: User | None = None) -> Circle3:
    """``author`` and two colleagues seen recently, in one circle of a cohort whose stages are all open."""
    author = author or create_user(organisation=organisation, name="Alex Author", email="alex@acme.example")
    author.last_seen_at = utcnow()
    reviewers = [create_user(organisation=organisation, name=name, email=email, last_seen_at=utcnow())
                 for name, email in (("Robin Reviewer", "robin@acme.example"), ("Kim Colleague", "kim@acme.example"))]
    cohort = open_every_stage(author)
    circle = Circle(cohort=cohort, number=1)
    db.session.add(circle)
    cohort.members[0].circle = circle
    cohort.members += [CohortMember(user=reviewer, circle=circle) for reviewer in reviewers]
    db.session.commit()
    return Circle3(author, reviewers, cohort)


def submit_post(author: User, text: str, slug: str, platform: str | None = None) -> Draft:
    """Save and submit ``author``'s post as the composer does; reviewers are allocated."""
    lesson = lessons.curriculum.lessons[slug]
    draft = draft_for(author, slug)
    draft = save_draft(author, lesson, {"post": text}, platform=platform, revision=draft.revision if draft else 0)
    submit_draft(author, lesson, draft)
    db.session.commit()
    return draft


def between(html: str, start: str, end: str) -> str:
    """The part of ``html`` from ``start`` up to the next ``end``."""
    match = re.search(re.escape(start) + "(.*?)" + re.escape(end), html, re.S)
    assert match, f"nothing between {start!r} and {end!r}"
    return match.group(1)
