"""A cohort of any size with realistic progress, written in bulk: for the dashboard benchmark and its statement-count test.

Most people are somewhere in the first stages, a few have finished; some have
submitted posts, most of those were reviewed by their circle, a few reviews
are overdue. A few people are still invited or deactivated.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from course.accounts.models import Organisation, Role, Track, User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.drafts.models import Draft, DraftVersion
from course.extensions import db
from course.reminders.models import Reminder
from course.review.models import Review, ReviewKind

POST_KINDS = ("post", "profile")


def seed_cohort(organisation: Organisation, size: int, now: datetime, *, seed: int = 7,
                name: str | None = None) -> Cohort:
    """A cohort of ``size`` learners of ``organisation`` in circles of five, with progress, drafts and reviews."""
    rng = random.Random(seed)
    cohort = Cohort(organisation_id=organisation.id, name=name or f"Cohort of {size}",
                    starts_on=(now - timedelta(days=40)).date())
    db.session.add(cohort)
    db.session.flush()
    circles = [Circle(cohort_id=cohort.id, number=number) for number in range(1, (size + 4) // 5 + 1)]
    db.session.add_all(circles)
    db.session.flush()
    users: list[dict[str, Any]] = [{"name": f"Learner {cohort.id}-{index:05d}",
              "email": f"learner{cohort.id}-{index}@scale.example", "role": Role.LEARNER,
              "track": Track.LEADERSHIP if index % 6 == 0 else Track.STAFF, "organisation_id": organisation.id,
              "password_hash": None if index % 25 == 24 else "seeded", "active": index % 50 != 49,
              "session_token": f"seed-{cohort.id}-{index}", "created_at": now - timedelta(days=40)}
             for index in range(size)]
    ids = _insert(User, users)
    for user, user_id in zip(users, ids, strict=True):
        user["id"] = user_id
    db.session.execute(sa.insert(CohortMember), [
        {"cohort_id": cohort.id, "user_id": user["id"], "circle_id": circles[index // 5].id,
         "joined_at": now - timedelta(days=40)} for index, user in enumerate(users)])
    progress, drafts = [], []
    for index, user in enumerate(users):
        if user["password_hash"] is None:
            continue
        sequence = lessons.curriculum.sequence(user["track"].value)
        done = min(len(sequence), int(rng.expovariate(1 / 7)))
        quiet = rng.choice([0, 1, 2, 3, 5, 9, 15])
        for position, lesson in enumerate(sequence[:done + 1]):
            moment = now - timedelta(days=quiet + (done - position) * 1.3, minutes=rng.randrange(600))
            progress.append({"user_id": user["id"], "lesson_slug": lesson.slug, "read_at": moment,
                             "completed_at": moment + timedelta(minutes=20) if position < done else None})
            if lesson.exercise and lesson.exercise.kind in POST_KINDS and position <= done and rng.random() < 0.8:
                drafts.append((index, lesson.slug, moment))
    db.session.execute(sa.insert(LessonProgress), progress)
    _drafts_and_reviews(users, drafts, now, rng)
    db.session.execute(sa.insert(Reminder), [
        {"user_id": user["id"], "cohort_id": cohort.id, "reasons": ["inactive"], "sent_at": now - timedelta(hours=5)}
        for user in users[::40]])
    db.session.flush()
    return cohort


def _drafts_and_reviews(users: list[dict], drafts: list[tuple[int, str, datetime]], now: datetime,
                        rng: random.Random) -> None:
    if not drafts:
        return
    draft_ids = _insert(Draft, [
        {"user_id": users[index]["id"], "lesson_slug": slug, "revision": 1, "first_submitted_at": moment,
         "created_at": moment, "updated_at": moment} for index, slug, moment in drafts])
    version_ids = _insert(DraftVersion, [
        {"draft_id": draft_id, "number": 1, "texts": {"post": "A post."}, "created_at": moment, "saved_at": moment,
         "submitted_at": moment} for draft_id, (_, _, moment) in zip(draft_ids, drafts, strict=True)])
    review_rows = []
    for draft_id, version_id, (index, _, moment) in zip(draft_ids, version_ids, drafts, strict=True):
        mates = [other for other in range(index - index % 5, min(index - index % 5 + 5, len(users)))
                 if other != index]
        for reviewer in rng.sample(mates, min(2, len(mates))) if rng.random() < 0.9 else []:
            state = rng.random()
            submitted = moment + timedelta(days=1) if state < 0.7 else None
            review_rows.append({
                "draft_id": draft_id, "version_id": version_id, "reviewer_id": users[reviewer]["id"],
                "kind": ReviewKind.PEER, "assigned_at": moment, "due_at": moment + timedelta(days=3),
                "submitted_at": submitted, "ratings": {}, "worked": "", "suggestion": "",
                "helpfulness": rng.randint(2, 5) if submitted and state < 0.5 else None})
    if review_rows:
        db.session.execute(sa.insert(Review), review_rows)


def _insert(model, rows: list[dict]) -> list[int]:
    """Insert ``rows`` in bulk and return their new ids, in order."""
    return list(db.session.scalars(sa.insert(model).returning(model.id, sort_by_parameter_order=True), rows))
