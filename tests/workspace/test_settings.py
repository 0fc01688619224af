"""A cohort's review settings: validation, saving, and the promise of anonymity."""
import re

import pytest

from course.extensions import db
from course.review.queries import draft_reviews
from course.workspace.reviews.services import SettingsError, update_review_settings
from tests.workspace.conftest import learners, submit

VALID = {"reviewers_per_draft": "3", "review_due_days": "7", "anonymous_reviews": "y"}


def _value(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html).group(1)


def test_settings_page_shows_the_current_values_and_explains_them(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=2, review_due_days=5)
    auth.login(trainer.email)
    html = client.get(f"/cohorts/{cohort.id}/review-settings").get_data(as_text=True)
    assert (_value(html, "reviewers_per_draft"), _value(html, "review_due_days")) == ("2", "5")
    assert "trainer always see who wrote what" in html and "<legend>" in html


def test_valid_settings_are_saved(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=2)
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/{cohort.id}/review-settings", {**VALID, "leadership_reviews_only": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (cohort.reviewers_per_draft, cohort.review_due_days) == (3, 7)
    assert cohort.anonymous_reviews and cohort.leadership_reviews_only
    assert "review settings are saved" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_bad_values_are_explained_and_kept(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=2)
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/{cohort.id}/review-settings", {"reviewers_per_draft": "9", "review_due_days": "soon"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose a whole number from 1 to 5." in html and "Not a valid integer value." in html
    assert (_value(html, "reviewers_per_draft"), _value(html, "review_due_days")) == ("9", "soon")
    response = auth.post(f"/cohorts/{cohort.id}/review-settings", {"reviewers_per_draft": "2", "review_due_days": "15"})
    assert "Choose a whole number from 1 to 14." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (cohort.reviewers_per_draft, cohort.review_due_days) == (2, 3)


def test_anonymity_cannot_be_taken_back_once_reviews_exist(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=4, anonymous_reviews=True)
    auth.login(trainer.email)
    assert auth.post(f"/cohorts/{cohort.id}/review-settings", VALID).status_code == 302
    submit(learners(cohort)[0])
    response = auth.post(f"/cohorts/{cohort.id}/review-settings", {**VALID, "anonymous_reviews": ""})
    assert response.status_code == 200 and "stay anonymous" in response.get_data(as_text=True)
    db.session.expire_all()
    assert cohort.anonymous_reviews


def test_turning_on_leadership_only_asks_to_form_the_circles_again(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=3, leadership=2)
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    response = auth.post(f"/cohorts/{cohort.id}/review-settings", {**VALID, "leadership_reviews_only": "y"})
    assert "Form the circles again" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_the_service_itself_refuses_numbers_out_of_range(app, make_cohort):
    cohort = make_cohort()
    with pytest.raises(SettingsError) as caught:
        update_review_settings(cohort, reviewers_per_draft=0, review_due_days=30, anonymous_reviews=False,
                               leadership_reviews_only=False)
    assert set(caught.value.problems) == {"reviewers_per_draft", "review_due_days"}
    changed = update_review_settings(cohort, reviewers_per_draft=2, review_due_days=4, anonymous_reviews=False,
                                     leadership_reviews_only=False)
    assert changed == {"review_due_days"} and cohort.review_due_days == 4


def _saved(client, auth, cohort, data) -> str:
    response = auth.post(f"/cohorts/{cohort.id}/review-settings", data)
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_turning_anonymity_on_says_it_covers_reviews_already_written(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=4, reviewers_per_draft=3, review_due_days=7)
    draft = submit(learners(cohort)[0])
    auth.login(trainer.email)

    html = _saved(client, auth, cohort, VALID)

    assert "from now on" not in html
    assert "Reviews in this cohort are now anonymous, including those already handed out" in html
    assert all(review.is_anonymous for review in draft_reviews(draft))  # what the message promises


def test_changed_numbers_apply_to_reviews_handed_out_from_now_on(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=2, anonymous_reviews=True)
    auth.login(trainer.email)
    html = _saved(client, auth, cohort, VALID)
    assert "The number of reviewers and the due date apply to reviews handed out from now on." in html
    assert "now anonymous" not in html


def test_turning_anonymity_off_before_any_review_says_names_will_be_shown(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=2, anonymous_reviews=True, reviewers_per_draft=3, review_due_days=7)
    auth.login(trainer.email)
    html = _saved(client, auth, cohort, {**VALID, "anonymous_reviews": ""})
    assert "Reviews in this cohort are named: authors will see who reviewed them." in html
    assert "from now on" not in html
