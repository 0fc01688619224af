"""Saving and versioning drafts (submitting one is in ``course.review.submission``). Functions flush; the view commits."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import User
from course.curriculum.content import DEFAULT_LANGUAGE, Lesson
from course.database import utcnow
from course.drafts.checks import problems_to_save
from course.drafts.models import Draft, DraftVersion
from course.drafts.targets import parts_for
from course.extensions import db
from course.text.cleaning import clean_user_text

# Saves within this time of a version's start refine it; later ones start a new version,
# so the history shows writing sessions rather than every keystroke.
VERSION_WINDOW = timedelta(minutes=30)


class DraftError(Exception):
    """The draft cannot be saved or submitted; ``problems`` maps a part key ('' for all) to why."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


class DraftConflict(Exception):
    """The save was based on an older revision: someone saved in another tab or on another device."""

    def __init__(self, draft: Draft):
        super().__init__(f"draft {draft.id} is at revision {draft.revision}")
        self.draft = draft


def draft_for(user: User, lesson_slug: str) -> Draft | None:
    """The user's draft for a lesson, if they have started one."""
    return db.session.scalar(sa.select(Draft).where(Draft.user_id == user.id, Draft.lesson_slug == lesson_slug))


def save_draft(user: User, lesson: Lesson, texts: dict[str, str], *, platform: str | None,
               revision: int, new_version: bool = False, language: str | None = None) -> Draft:
    """Store ``texts`` as the user's draft, based on the draft's ``revision``.

    Raises DraftConflict when the draft has moved on since ``revision`` (nothing is
    overwritten), and DraftError for text that cannot be stored, explained in ``language``
    (the page's; by default the user's).
    """
    parts = parts_for(lesson, language or user.language or DEFAULT_LANGUAGE, platform)
    platform = parts[0].platform.key if parts[0].key == "post" else None
    texts = {part.key: clean_user_text(texts.get(part.key)) for part in parts}
    problems = problems_to_save(parts, texts)
    if problems:
        raise DraftError(problems)
    draft = draft_for(user, lesson.slug)
    if draft is None:
        if not any(text.strip() for text in texts.values()):
            raise DraftError({"": _("Write something first: an empty draft is not saved.")})
        draft = Draft(user_id=user.id, lesson_slug=lesson.slug)
        db.session.add(draft)
    elif texts == draft.texts and platform == draft.platform:
        return draft
    elif revision != draft.revision:
        raise DraftConflict(draft)
    _store(draft, texts, platform, new_version)
    db.session.flush()
    return draft


def _store(draft: Draft, texts: dict[str, str], platform: str | None, new_version: bool) -> None:
    now = utcnow()
    latest = draft.latest
    if latest is None or latest.is_submitted or new_version or now - latest.created_at > VERSION_WINDOW:
        number = latest.number + 1 if latest else 1
        draft.versions.append(DraftVersion(number=number, texts=texts, platform=platform, created_at=now, saved_at=now))
    else:
        latest.texts, latest.platform, latest.saved_at = texts, platform, now
    draft.platform = platform
    draft.revision = (draft.revision or 0) + 1
    draft.updated_at = now
