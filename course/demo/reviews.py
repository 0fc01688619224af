"""Review circles and a few reviewed posts for the demo, so a newcomer sees the whole loop.

Everything goes through the real services: drafts are submitted, reviewers
allocated, reviews written and rated as a person would. One review is left
overdue so that `flask reviews rebalance` has something to reassign.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from course.cohorts.models import Cohort
from course.cohorts.queries import circle_mates
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.models import Draft
from course.drafts.services import save_draft
from course.extensions import db
from course.review import services
from course.review.models import Review
from course.review.submission import submit_draft
from course.workspace.circles.services import form_circles

POST_LESSON = "connection-not-detox"
AWAY = "hannah@demo.example"  # not seen for ten days: the allocation passes her over

SAM = "sam@demo.example"
POSTS = [
    "Switched my phone to grey-scale for a week instead of deleting every app. I missed fewer conversations "
    "than I feared, and the ones I joined were better. Recommend: @digitalcourage's guide on calmer feeds. "
    "#DemoVernetzt",
    "Our team replaced the weekly status mail with a short thread where everyone posts one thing they learned. "
    "Half the questions now get answered before the meeting. #DemoVernetzt",
    "Three people I met through a hashtag last spring now review my talks before I give them. Networking is not "
    "collecting contacts, it is showing up again. #DemoVernetzt",
    "Tried a 'no feeds before ten' rule. Surprise: I post less but reply more, and the replies start the good "
    "conversations. #DemoVernetzt",
]

REVIEWS = [
    ({"authenticity": 4, "audience_fit": 3, "clarity": 3, "guidelines": 4},
     "The grey-scale detail makes it real: I could picture the week.",
     "Say in one sentence who the guide is for, so people know whether to click."),
    ({"authenticity": 3, "audience_fit": 3, "clarity": 4, "guidelines": 4},
     "Short and honest, and the recommendation at the end is useful.",
     "Ask a question at the end: what did others try? That invites replies."),
]


def seed_demo_reviews(cohort: Cohort) -> None:
    """Circles, four submitted posts and their reviews; does nothing once demo drafts exist."""
    people = {member.user.email: member.user for member in cohort.members}
    if db.session.scalar(sa.select(sa.func.count(Draft.id)).where(Draft.user_id.in_([u.id for u in people.values()]))):
        return
    now = utcnow()
    for user in people.values():
        user.last_seen_at = now - (timedelta(days=10) if user.email == AWAY else timedelta(hours=3))
    if not cohort.circles:
        form_circles(cohort)
    sam = people[SAM]
    # Sam first, then two of his circle, then someone from another circle: Sam's circle reviews
    # his post, and Sam, the least busy of his circle, gets his circle's next post to review.
    mates = [user for user in circle_mates(sam) if user.email != AWAY]
    others = [user for user in people.values() if user not in mates and user is not sam and user.email != AWAY]
    authors = [sam, *mates[:2], others[0]]
    lesson = lessons.curriculum.lessons[POST_LESSON]
    drafts = []
    for author, text in zip(authors, POSTS, strict=True):
        draft = save_draft(author, lesson, {"post": text}, platform="x", revision=0)
        submit_draft(author, lesson, draft)
        drafts.append(draft)
    _review_sams_post(drafts[0])
    _leave_one_overdue(drafts[3], now)
    db.session.flush()


def _reviews_of(draft: Draft) -> list[Review]:
    return list(db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id).order_by(Review.id)))


def _review_sams_post(draft: Draft) -> None:
    """Both reviews written; Sam rated the first one."""
    reviews = _reviews_of(draft)
    for review, (ratings, worked, suggestion) in zip(reviews, REVIEWS, strict=False):
        services.save_review(review, ratings=ratings, worked=worked, suggestion=suggestion, submit=True)
    services.rate_review(reviews[0], 5, "Thank you! I added who the guide is for.")


def _leave_one_overdue(draft: Draft, now) -> None:
    """One review written, the other four days old and a day past due."""
    reviews = _reviews_of(draft)
    ratings, worked, suggestion = REVIEWS[1]
    services.save_review(reviews[0], ratings=ratings, worked=worked, suggestion=suggestion, submit=True)
    if len(reviews) > 1:
        reviews[1].assigned_at, reviews[1].due_at = now - timedelta(days=4), now - timedelta(days=1)
