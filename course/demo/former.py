"""Data protection in the demo: twelve months' retention, and a participant who deleted their account after
reviewing Sam's post, so the review shows as from "a former participant" and the trainer sees that they left."""
from datetime import timedelta

import sqlalchemy as sa

from course.accounts import services
from course.accounts.models import Organisation, Role, Track, User
from course.cohorts.models import Cohort, CohortMember
from course.database import utcnow
from course.demo.reviews import POST_LESSON, SAM
from course.drafts.models import Draft
from course.extensions import db
from course.privacy.deletion import delete_personal_data
from course.review.models import Review

RETENTION_MONTHS = 12
FORMER = ("Ben Vogt", "ben.vogt@demo.example")
REVIEW = ({"authenticity": 4, "audience_fit": 4, "clarity": 3, "guidelines": 4},
          "I tried the grey-scale week after reading this. It works.",
          "Tell us what you missed least: that makes the point stronger.")


def seed_demo_former_participant(organisation: Organisation, cohort: Cohort) -> None:
    """Set the retention once; once, a reviewer of Sam's post who then deleted their account."""
    if organisation.retention_months is None:
        organisation.retention_months = RETENTION_MONTHS
    if db.session.scalar(sa.select(User.id).where(User.organisation_id == organisation.id,
                                                  User.deleted_at.is_not(None)).limit(1)):
        return
    sam = services.find_user_by_email(SAM)
    draft = sam and db.session.scalar(sa.select(Draft).where(Draft.user_id == sam.id, Draft.lesson_slug == POST_LESSON))
    if draft is None or draft.shared_version is None:
        return
    name, email = FORMER
    former = services.create_user(name=name, email=email, role=Role.LEARNER, track=Track.STAFF,
                                  organisation=organisation, password=None)
    cohort.members.append(CohortMember(user=former))
    ratings, worked, suggestion = REVIEW
    now = utcnow()
    db.session.add(Review(draft_id=draft.id, version_id=draft.shared_version.id, reviewer_id=former.id,
                          cohort_id=cohort.id, assigned_at=now - timedelta(days=6), due_at=now - timedelta(days=3),
                          submitted_at=now - timedelta(days=4), ratings=ratings, worked=worked,
                          suggestion=suggestion))
    db.session.flush()
    delete_personal_data(former, former)
