"""Peer review for learners: my reviews, writing a review, the feedback on my own draft."""
from flask_login import login_required

from course.review import bp


@bp.get("/reviews/")
@login_required
def index():
    return "", 204


@bp.get("/learn/<slug>/feedback")
@login_required
def feedback(slug: str):
    return "", 204
