"""Writing a review: only the assigned reviewer, drafts kept, refused submissions explained; My reviews."""
import re
from datetime import timedelta

from course.database import utcnow
from course.extensions import db
from course.review import services
from tests.conftest import outbox_messages
from tests.drafts.conftest import POST_LESSON
from tests.drafts.test_views import _textarea
from tests.review.conftest import GOOD_REVIEW, assign, submit_text

TITLE = "Connection, not detox"


def _section(html: str, name: str) -> str:
    """The part of My reviews under one heading."""
    match = re.search(rf'id="{name}-title">(.*?)</section>', html, re.S)
    assert match, f"no section {name}"
    return match.group(1)


def test_only_the_assigned_reviewer_may_open_or_write_a_review(client, auth, circle, trainer, create_user,
                                                               create_organisation):
    robin, kim = circle.reviewers
    review = circle.review_by(robin)
    outsider = create_user(organisation=create_organisation("Other AG"))
    for person in (kim, circle.author, trainer, outsider):
        auth.login(person.email)
        assert client.get(f"/reviews/{review.id}").status_code == 404
        assert auth.post(f"/reviews/{review.id}", {**GOOD_REVIEW, "submit": "1"}).status_code == 404
        auth.logout()
    db.session.expire_all()
    assert review.submitted_at is None and review.worked == ""
    auth.login(robin.email)
    assert client.get(f"/reviews/{review.id}").status_code == 200


def test_the_review_page_shows_the_text_the_exercise_and_the_rubric(client, auth, circle):
    robin = circle.reviewers[0]
    auth.login(robin.email)
    html = client.get(f"/reviews/{circle.review_by(robin).id}").get_data(as_text=True)
    assert TITLE in html and "A text by Alex Author" in html and "Due " in html
    assert "Ask Jo about audits: she explains the why. Who else does?" in html  # the post, previewed
    assert "recommends something to your network" in html  # the exercise prompt
    assert '<legend class="field__label">Audience fit</legend>' in html
    assert "1 – Reads like a press release or an advert; no person is visible." in html
    assert html.count('name="rating_clarity" type="radio"') == 4
    assert "What worked" in html and "One suggestion" in html
    assert 'value="Save draft"' in html and 'value="Submit review"' in html


def test_levels_are_described_in_the_reviewers_language(client, auth, circle):
    robin = circle.reviewers[0]
    robin.language = "de"
    db.session.commit()
    auth.login(robin.email)
    html = client.get(f"/reviews/{circle.review_by(robin).id}").get_data(as_text=True)
    assert '<legend class="field__label">Authentizität</legend>' in html
    assert "1 – Liest sich wie eine Pressemitteilung oder Werbung; kein Mensch ist erkennbar." in html


def test_saving_a_draft_keeps_what_was_typed(client, auth, circle):
    robin = circle.reviewers[0]
    review = circle.review_by(robin)
    auth.login(robin.email)
    response = auth.post(f"/reviews/{review.id}", {"rating_clarity": "4", "worked": "Clear **question**.",
                                                   "suggestion": "", "save": "1"})
    assert response.status_code == 302 and response.location.endswith(f"/reviews/{review.id}")
    html = client.get(f"/reviews/{review.id}").get_data(as_text=True)
    assert "Review saved as a draft." in html
    assert _textarea(html, "worked") == "Clear **question**."
    assert re.search(r'<input checked [^>]*name="rating_clarity" type="radio" value="4">', html)
    db.session.expire_all()
    assert review.ratings == {"clarity": 4} and review.worked == "Clear **question**."
    assert review.saved_at is not None and review.submitted_at is None
    assert not [m for m in outbox_messages() if m.subject.startswith("New feedback")]


def test_an_incomplete_submission_is_refused_field_by_field_and_nothing_typed_is_lost(client, auth, circle):
    robin = circle.reviewers[0]
    review = circle.review_by(robin)
    auth.login(robin.email)
    response = auth.post(f"/reviews/{review.id}", {"rating_authenticity": "3", "rating_clarity": "9",
                                                   "worked": "Good hook.", "suggestion": "  ", "submit": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Choose a level for “Audience fit”.", "Choose a level for “Clarity”.",
                    "Give one suggestion the author can act on."):
        assert message in html
    assert 'href="#rating_audience_fit-0"' in html and 'href="#suggestion"' in html  # the error summary
    assert 'aria-describedby="rating_clarity-error"' in html
    assert re.search(r'<textarea aria-describedby="suggestion-hint suggestion-error" aria-invalid="true"', html)
    assert _textarea(html, "worked") == "Good hook."
    assert re.search(r'<input checked [^>]*name="rating_authenticity" type="radio" value="3">', html)
    db.session.expire_all()
    assert review.worked == "Good hook." and review.ratings == {"authenticity": 3}
    assert review.submitted_at is None


def test_submitting_sends_the_review_to_the_author(client, auth, circle):
    robin = circle.reviewers[0]
    review = circle.review_by(robin)
    auth.login(robin.email)
    response = auth.post(f"/reviews/{review.id}", {**GOOD_REVIEW, "submit": "1"})
    assert response.status_code == 302 and response.location.endswith("/reviews/")
    assert "Your review is on its way to the author." in client.get("/reviews/").get_data(as_text=True)
    db.session.expire_all()
    assert review.submitted_at is not None and review.ratings == {"authenticity": 3, "audience_fit": 2, "clarity": 4}
    [mail] = [m for m in outbox_messages() if m.recipient_id == circle.author.id]
    assert mail.subject == f"New feedback on “{TITLE}”" and "Robin Reviewer has reviewed" in mail.body
    assert f"/learn/{POST_LESSON}/feedback" in mail.body

    html = client.get(f"/reviews/{review.id}").get_data(as_text=True)
    assert "You sent this review on" in html and 'name="worked"' not in html
    assert "Level 4 of 4" in html and "One crisp point" not in html
    again = auth.post(f"/reviews/{review.id}", {**GOOD_REVIEW, "worked": "Changed my mind.", "submit": "1"})
    assert again.status_code == 200 and "already submitted and cannot be changed" in again.get_data(as_text=True)
    db.session.expire_all()
    assert review.worked == GOOD_REVIEW["worked"]


def test_a_withdrawn_review_is_read_only_and_says_why(client, auth, circle):
    robin = circle.reviewers[0]
    review = circle.review_by(robin)
    review.withdrawn_at = utcnow()
    db.session.commit()
    auth.login(robin.email)
    html = client.get(f"/reviews/{review.id}").get_data(as_text=True)
    assert "A trainer has given this review to someone else" in html and 'name="worked"' not in html
    refused = auth.post(f"/reviews/{review.id}", {**GOOD_REVIEW, "submit": "1"}).get_data(as_text=True)
    assert "can no longer be changed" in refused
    db.session.expire_all()
    assert review.worked == "" and review.submitted_at is None


def test_my_reviews_lists_to_do_overdue_and_done(client, auth, circle, create_user, organisation):
    robin, kim = circle.reviewers
    done = circle.review_by(robin)
    services.save_review(done, ratings={"authenticity": 3, "audience_fit": 3, "clarity": 3}, worked="Warm.",
                         suggestion="Shorter.", submit=True)
    services.rate_review(done, 4, "Danke, *Robin*!")
    db.session.commit()
    kims_draft = submit_text(kim, "A talk by Jo changed how I plan audits.")
    overdue = circle.review_by(robin, kims_draft)
    overdue.due_at, overdue.reassigned_at = utcnow() - timedelta(days=1), utcnow()
    casey = create_user(organisation=organisation, name="Casey Newcomer")
    to_do = assign(submit_text(casey, "My first post."), robin)

    auth.login(robin.email)
    html = client.get("/reviews/").get_data(as_text=True)
    todo_part, overdue_part, done_part = (_section(html, name) for name in ("to-do", "overdue", "done"))
    assert f'href="/reviews/{to_do.id}"' in todo_part and "Casey Newcomer" in todo_part and "Due " in todo_part
    assert TITLE in todo_part
    assert f'href="/reviews/{overdue.id}"' in overdue_part and "Kim Colleague" in overdue_part
    assert "yours now counts as an extra review. It is still welcome." in overdue_part
    assert f'href="/reviews/{done.id}"' in done_part and "Alex Author" in done_part
    assert "Rated 4 of 5 for helpfulness" in done_part and "Danke, <em>Robin</em>!" in done_part
    circle_part = _section(html, "circle")
    assert "Alex Author" in circle_part and "Kim Colleague" in circle_part and "Robin Reviewer" not in circle_part
    assert '<a href="/reviews/" aria-current="page">My reviews</a>' in html


def test_my_reviews_says_what_to_do_when_empty(client, auth, learner):
    auth.login(learner.email)
    html = client.get("/reviews/").get_data(as_text=True)
    assert "Nothing to review right now." in html and "Nothing overdue." in html
    assert "You have not sent a review yet." in html
    assert "You are not in a review circle yet. Your trainer forms the circles" in html


def test_an_unrated_review_says_so(client, auth, circle):
    robin = circle.reviewers[0]
    services.save_review(circle.review_by(robin), ratings={"authenticity": 2, "audience_fit": 2, "clarity": 2},
                         worked="Warm.", suggestion="Shorter.", submit=True)
    db.session.commit()
    auth.login(robin.email)
    assert "Not rated yet" in _section(client.get("/reviews/").get_data(as_text=True), "done")
