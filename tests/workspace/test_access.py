"""Only trainers of the cohort's organisation (and admins) reach the cohort pages."""
import pytest
import sqlalchemy as sa

from course.accounts.models import Role
from course.extensions import db
from course.review.models import Review
from tests.workspace.conftest import learners, submit

ROUTES = [
    ("GET", "/cohorts/{cohort}/circles"),
    ("POST", "/cohorts/{cohort}/circles/form"),
    ("POST", "/cohorts/{cohort}/circles/move"),
    ("GET", "/cohorts/{cohort}/review-settings"),
    ("POST", "/cohorts/{cohort}/review-settings"),
    ("GET", "/cohorts/{cohort}/reviews"),
    ("POST", "/cohorts/{cohort}/reviews/{review}/hide"),
    ("POST", "/cohorts/{cohort}/reviews/{review}/reassign"),
    ("POST", "/cohorts/{cohort}/drafts/{draft}/feedback"),
    ("POST", "/cohorts/{cohort}/rebalance"),
]


@pytest.fixture
def reviewed_cohort(make_cohort, trainer):
    cohort = make_cohort(staff=5)
    draft = submit(learners(cohort)[0])
    review = db.session.scalar(sa.select(Review).where(Review.draft_id == draft.id).limit(1))
    return {"cohort": cohort.id, "draft": draft.id, "review": review.id}


def _request(client, auth, method: str, path: str):
    if method == "GET":
        return client.get(path)
    return auth.post(path, {"user_id": "1", "circle": "new", "reason": "Rude", "reviewers_per_draft": "3",
                            "review_due_days": "3"})


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_trainer_of_another_organisation_gets_404(client, auth, create_user, reviewed_cohort, method, route):
    outsider = create_user(Role.TRAINER)
    auth.login(outsider.email)
    assert _request(client, auth, method, route.format(**reviewed_cohort)).status_code == 404


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_learner_gets_403(client, auth, learner, reviewed_cohort, method, route):
    auth.login(learner.email)
    assert _request(client, auth, method, route.format(**reviewed_cohort)).status_code == 403


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_own_trainer_and_admin_get_through(client, auth, trainer, admin, reviewed_cohort, method, route):
    for user in (trainer, admin):
        auth.login(user.email)
        assert _request(client, auth, method, route.format(**reviewed_cohort)).status_code in (200, 302)
        auth.logout()


def test_an_outsider_changes_nothing(client, auth, create_user, make_cohort):
    cohort = make_cohort(staff=9)
    auth.login(create_user(Role.TRAINER).email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    db.session.expire_all()
    assert cohort.circles == []


def test_a_review_of_another_cohort_is_not_found_through_this_one(client, auth, trainer, make_cohort):
    mine, other = make_cohort(staff=5), make_cohort(staff=5)
    draft = submit(learners(other)[0])
    review = db.session.scalar(sa.select(Review).where(Review.draft_id == draft.id).limit(1))
    auth.login(trainer.email)
    assert auth.post(f"/cohorts/{mine.id}/reviews/{review.id}/hide", {"reason": "x"}).status_code == 404
    assert auth.post(f"/cohorts/{mine.id}/drafts/{draft.id}/feedback").status_code == 404
    assert auth.post(f"/cohorts/{other.id}/reviews/{review.id}/reassign").status_code == 302


@pytest.mark.parametrize("route", [route for method, route in ROUTES if method == "POST"])
def test_posts_without_a_csrf_token_are_refused(client, auth, trainer, reviewed_cohort, route):
    auth.login(trainer.email)
    response = client.post(route.format(**reviewed_cohort), data={"reason": "x", "user_id": "1", "circle": "new"})
    assert response.status_code == 400
