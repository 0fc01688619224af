"""The author's side: feedback once submitted, helpfulness ratings, hidden reviews, anonymity, sanitising."""
import re

import pytest

from course.extensions import db
from course.review import services
from tests.conftest import open_every_stage, outbox_messages
from tests.drafts.conftest import POST_LESSON, Composer
from tests.review.conftest import GOOD_REVIEW, HIDDEN_EMAIL, HIDDEN_ID, HIDDEN_NAME, submit_text

FEEDBACK = f"/learn/{POST_LESSON}/feedback"
LEVELS = {"authenticity": 3, "audience_fit": 2, "clarity": 4}


def _write(review, *, submit=True, worked="The question at the end invites replies.",
           suggestion="Name the audit you mean."):
    services.save_review(review, ratings=LEVELS, worked=worked, suggestion=suggestion, submit=submit)
    db.session.commit()
    return review


def _page(client, path=FEEDBACK) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_author_sees_a_review_once_it_is_submitted_not_before(client, auth, make_circle):
    circle = make_circle()
    auth.login(circle.author.email)
    Composer(client, auth).save("Ask Jo about audits: she explains the why.", action="submit")  # the real page
    robin = circle.reviewers[0]
    review = _write(circle.review_by(robin), submit=False, worked="Unsent first thoughts.")
    html = _page(client)
    assert "Unsent first thoughts." not in html and "Robin Reviewer" not in html
    assert "2 reviewers are working on it; due by" in html and "No feedback on this version yet." in html
    assert "Feedback (0)" in _page(client, f"/learn/{POST_LESSON}")

    _write(review, worked="The *question* at the end invites replies.")
    html = _page(client)
    assert "The <em>question</em> at the end invites replies." in html and "Robin Reviewer" in html
    assert "<dt>Audience fit</dt>" in html
    assert "Level 2 of 4</span> Aimed at someone, but the reader has to work to see why it matters to them." in html
    assert "1 reviewer is working on it; due by" in html
    assert f'href="/learn/{POST_LESSON}/write">Revise your text</a>' in html
    lesson_page = _page(client, f"/learn/{POST_LESSON}")
    assert f'<a href="{FEEDBACK}">Feedback (1)</a>' in lesson_page
    assert "Robin Reviewer" not in lesson_page  # the lesson page only counts


def test_without_a_submitted_text_the_page_leads_to_the_composer(client, auth, learner, trainer):
    open_every_stage(learner)
    auth.login(learner.email)
    html = _page(client)
    assert "You have not submitted a text for this exercise yet." in html
    assert f'href="/learn/{POST_LESSON}/write">Open the composer</a>' in html
    assert client.get("/learn/networking-is-doing/feedback").status_code == 404  # a reflection, no composer
    assert client.get("/learn/no-such-lesson/feedback").status_code == 404
    auth.logout()
    auth.login(trainer.email)
    assert client.get(FEEDBACK).status_code == 403


@pytest.mark.parametrize("value", ["0", "6", "abc", ""])
def test_a_rating_outside_1_to_5_is_refused_and_the_thank_you_kept(client, auth, circle, value):
    review = _write(circle.review_by(circle.reviewers[0]))
    auth.login(circle.author.email)
    response = auth.post(f"/reviews/{review.id}/rate", {"helpfulness": value, "thanks": "Thanks, this *helped*."})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose how helpful the review was, from 1 to 5." in html
    assert f'href="#review-{review.id}-helpfulness-0"' in html
    thanks = rf'id="review-{review.id}-thanks" name="thanks" rows="3">\r?\n?Thanks, this \*helped\*\.</textarea>'
    assert re.search(thanks, html)
    db.session.expire_all()
    assert review.helpfulness is None and review.thanks is None


@pytest.mark.parametrize("value", [1, 5])
def test_the_author_rates_a_review_and_may_change_the_rating(client, auth, circle, value):
    review = _write(circle.review_by(circle.reviewers[0]))
    auth.login(circle.author.email)
    response = auth.post(f"/reviews/{review.id}/rate", {"helpfulness": str(value), "thanks": "Danke!"})
    assert response.status_code == 302 and response.location.endswith(f"{FEEDBACK}#review-{review.id}")
    html = _page(client)
    assert "Thank you for rating this review." in html
    assert f"Rated {value} of 5 for helpfulness" in html and "<p>Danke!</p>" in html
    assert re.search(rf'<input checked id="review-{review.id}-helpfulness-{value - 1}"', html)
    auth.post(f"/reviews/{review.id}/rate", {"helpfulness": "3", "thanks": ""})
    db.session.expire_all()
    assert review.helpfulness == 3 and review.thanks is None


def test_only_the_author_may_rate_and_only_a_visible_review(client, auth, circle, trainer, create_user,
                                                            create_organisation):
    robin, kim = circle.reviewers
    review = _write(circle.review_by(robin))
    outsider = create_user(organisation=create_organisation("Other AG"))
    for person in (robin, kim, trainer, outsider):
        auth.login(person.email)
        assert auth.post(f"/reviews/{review.id}/rate", {"helpfulness": "5"}).status_code == 404
        auth.logout()
    auth.login(circle.author.email)
    still_open = circle.review_by(kim)
    assert auth.post(f"/reviews/{still_open.id}/rate", {"helpfulness": "5"}).status_code == 404
    db.session.expire_all()
    assert review.helpfulness is None and still_open.helpfulness is None


def test_a_hidden_review_is_not_shown_to_the_author(client, auth, circle, trainer):
    robin = circle.reviewers[0]
    review = _write(circle.review_by(robin), worked="A remark that went too far.")
    services.hide_review(trainer, review, "Please keep to the *text*.")
    db.session.commit()
    auth.login(circle.author.email)
    html = _page(client)
    assert "A remark that went too far." not in html and "Robin Reviewer" not in html
    assert "Feedback (0)" in _page(client, f"/learn/{POST_LESSON}")
    assert auth.post(f"/reviews/{review.id}/rate", {"helpfulness": "4"}).status_code == 404
    auth.logout()
    auth.login(robin.email)
    for page in ("/reviews/", f"/reviews/{review.id}"):
        html = _page(client, page)
        assert "A trainer has hidden this review from the author." in html and "keep to the <em>text</em>" in html


def test_an_anonymous_reviewer_reaches_the_author_nowhere(client, auth, make_circle):
    circle = make_circle(anonymous=True, with_hidden_reviewer=True)
    hidden = circle.reviewers[0]
    assert hidden.id == HIDDEN_ID
    auth.login(circle.author.email)
    Composer(client, auth).save("Ask Jo about audits: she explains the why.", action="submit")
    auth.logout()
    auth.login(HIDDEN_EMAIL)
    review = circle.review_by(hidden)
    assert auth.post(f"/reviews/{review.id}", {**GOOD_REVIEW, "submit": "1"}).status_code == 302
    auth.logout()

    auth.login(circle.author.email)
    feedback = _page(client)
    assert re.search(r'<h3 id="review-\d+-title">Reviewer [12]</h3>', feedback)
    assert GOOD_REVIEW["worked"] in feedback
    auth.post(f"/reviews/{review.id}/rate", {"helpfulness": "4", "thanks": "Thank you!"})
    # Every page an author reaches: the feedback, the lesson, the composer, the versions, the course,
    # their own reviews and profile; plus every mail they were sent.
    paths = [f"/learn/{POST_LESSON}/feedback", f"/learn/{POST_LESSON}", f"/learn/{POST_LESSON}/write",
             f"/learn/{POST_LESSON}/versions", "/learn/", "/reviews/", "/profile"]
    pages = [_page(client, path) for path in paths]
    assert "Alex Author" in pages[-1]
    assert "You and 2 colleagues review each other’s texts" in pages[5] and "names are not shown here" in pages[5]
    mails = [f"{m.subject}\n{m.body}" for m in outbox_messages() if m.recipient_id == circle.author.id]
    assert mails and "A reviewer has reviewed your text" in mails[0]
    for text in pages + mails:
        for secret in (HIDDEN_NAME, "Zephyrine", "Quillfeather", HIDDEN_EMAIL, str(HIDDEN_ID)):
            assert secret not in text


def test_in_a_named_cohort_the_author_learns_who_reviewed(client, auth, circle):
    _write(circle.review_by(circle.reviewers[0]))
    auth.login(circle.author.email)
    assert '-title">Robin Reviewer</h3>' in _page(client)
    [mail] = [m for m in outbox_messages() if m.recipient_id == circle.author.id]
    assert "Robin Reviewer has reviewed your text" in mail.body


def test_trainer_feedback_is_shown_to_the_author(client, auth, learner, trainer):
    open_every_stage(learner)  # alone in the cohort: the trainer takes both reviews' place
    submit_text(learner)
    auth.login(trainer.email)
    index = _page(client, "/reviews/")
    [review_id] = re.findall(r'href="/reviews/(\d+)"', index)
    assert auth.post(f"/reviews/{review_id}", {**GOOD_REVIEW, "submit": "1"}).status_code == 302
    auth.logout()
    auth.login(learner.email)
    html = _page(client)
    assert "Tara Trainer" in html and '<span class="badge">Trainer</span>' in html
    assert GOOD_REVIEW["suggestion"] in html


def test_review_texts_are_sanitised(client, auth, circle):
    robin = circle.reviewers[0]
    review = _write(circle.review_by(robin), worked="<script>alert(1)</script> A **strong** hook.",
                    suggestion='<img src=x onerror=alert(1)> Try [this](javascript:alert(1)).')
    auth.login(circle.author.email)
    html = _page(client)
    assert "<strong>strong</strong> hook." in html and "Try" in html
    assert "<script>alert(1)" not in html and "onerror" not in html and "javascript:" not in html
    auth.post(f"/reviews/{review.id}/rate", {"helpfulness": "5", "thanks": "<script>alert(2)</script>Merci"})
    auth.logout()
    auth.login(robin.email)
    mine = _page(client, "/reviews/")
    assert "Merci" in mine and "<script>alert(2)" not in mine


def test_a_draft_not_yet_submitted_has_no_feedback_link(client, auth, learner):
    open_every_stage(learner)
    auth.login(learner.email)
    assert Composer(client, auth).save("Only a draft.").status_code == 302
    lesson_page = _page(client, f"/learn/{POST_LESSON}")
    assert "Your draft is saved." in lesson_page and FEEDBACK not in lesson_page
    assert "You have not submitted a text for this exercise yet." in _page(client)
