"""Helpers for the guidelines tests: published versions through the real services, what a page shows."""
from __future__ import annotations

import re

import sqlalchemy as sa

from course.accounts.models import Organisation, User
from course.drafts.models import Draft
from course.extensions import db
from course.guidelines import services
from course.guidelines.models import Acknowledgement, GuidelineVersion
from course.guidelines.rules import Rules, rules_to_json
from course.review.models import Review

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


def between(html: str, start: str, end: str) -> str:
    """The part of ``html`` from ``start`` up to the next ``end``."""
    match = re.search(re.escape(start) + "(.*?)" + re.escape(end), html, re.S)
    assert match, f"nothing between {start!r} and {end!r}"
    return match.group(1)
