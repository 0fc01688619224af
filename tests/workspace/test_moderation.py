"""The review-health page and what a trainer does there: hide, reassign, add feedback, rebalance."""
from contextlib import contextmanager
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role, User
from course.database import utcnow
from course.extensions import db
from course.review import services
from course.review.models import Review, ReviewKind
from tests.conftest import outbox_messages
from tests.workspace.conftest import learners, submit

RATINGS = {"authenticity": 3, "audience_fit": 2, "clarity": 4}


def _reviews(draft) -> list[Review]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id).order_by(Review.id)))


def _write(review: Review, worked: str = "The **hook** works.") -> Review:
    services.save_review(review, ratings=RATINGS, worked=worked, suggestion="Name the *tool*.", submit=True)
    db.session.commit()
    return review


@pytest.fixture
def reviewed(make_cohort, trainer):
    """A cohort of five; the first learner's draft has two peer reviews, the first one submitted."""
    cohort = make_cohort(staff=5, anonymous_reviews=True)
    draft = submit(learners(cohort)[0])
    _write(_reviews(draft)[0], worked="**Clear** hook <script>alert(1)</script>")
    return cohort, draft


@pytest.fixture
def moderate(auth, trainer, reviewed):
    """As the trainer, POST a moderation action (hide, reassign) on a review of the cohort."""
    auth.login(trainer.email)
    cohort, _draft = reviewed

    def post(review: Review, action: str, data: dict | None = None):
        return auth.post(f"/cohorts/{cohort.id}/reviews/{review.id}/{action}", data or {})

    return post


def _next_page(client, response) -> str:
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_page_shows_every_review_with_its_reviewer_even_when_anonymous(client, auth, trainer, reviewed):
    cohort, draft = reviewed
    written, waiting = _reviews(draft)
    written.helpfulness = 4
    db.session.commit()
    auth.login(trainer.email)
    html = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert "Connection, not detox" in html and draft.author.name in html and "Version 1, submitted" in html
    assert written.reviewer.name in html and waiting.reviewer.name in html
    assert "review-status--submitted" in html and "review-status--open" in html and "4 of 5" in html
    assert "<strong>Clear</strong>" in html and "<script>alert" not in html
    assert "Level 2 of 4" in html and "Audience fit" in html
    assert 'stats__value">1</span> <span class="stats__label">open reviews' in html
    assert 'stats__value">4.0</span>' in html


def test_overdue_reviews_are_counted_and_marked(client, auth, trainer, reviewed):
    cohort, draft = reviewed
    _reviews(draft)[1].due_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    auth.login(trainer.email)
    html = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert 'class="stats--alert"><span class="stats__value">1</span>' in html and "overdue since" in html


def test_hiding_needs_a_reason(reviewed, moderate):
    _cohort, draft = reviewed
    review = _reviews(draft)[0]
    response = moderate(review, "hide", {"reason": "   "})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Give a reason: the reviewer reads it." in html
    assert f'id="reason-{review.id}" name="reason" rows="3" required aria-invalid="true"' in html
    assert not _reviews(draft)[0].is_hidden


def test_hiding_tells_the_reviewer_why(client, reviewed, moderate):
    cohort, draft = reviewed
    review = _reviews(draft)[0]
    response = moderate(review, "hide", {"reason": "Please stay constructive."})
    assert response.headers["Location"] == f"/cohorts/{cohort.id}/reviews#draft-{draft.id}"
    hidden = _reviews(draft)[0]
    assert hidden.is_hidden and hidden.hidden_reason == "Please stay constructive."
    mail = outbox_messages()[-1]
    assert mail.recipient_id == review.reviewer_id and "Please stay constructive." in mail.body
    html = _next_page(client, response)
    assert "review-status--hidden" in html and "Reason: Please stay constructive." in html


def test_hiding_an_open_review_is_refused_with_a_message(client, reviewed, moderate):
    _cohort, draft = reviewed
    response = moderate(_reviews(draft)[1], "hide", {"reason": "Too late"})
    assert "Only a submitted review" in _next_page(client, response)
    assert not _reviews(draft)[1].is_hidden


def test_reassigning_to_a_chosen_person(client, reviewed, moderate):
    cohort, draft = reviewed
    old = _reviews(draft)[1]
    on_draft = {draft.user_id, *(r.reviewer_id for r in _reviews(draft))}
    chosen = next(p for p in learners(cohort) if p.id not in on_draft)
    response = moderate(old, "reassign", {"reviewer": chosen.id})
    assert f"The review now goes to {chosen.name}" in _next_page(client, response)
    reviews = _reviews(draft)
    assert reviews[1].withdrawn_at is not None
    assert (reviews[-1].reviewer_id, reviews[-1].kind, reviews[-1].is_open) == (chosen.id, ReviewKind.PEER, True)
    recipients = {m.recipient_id for m in outbox_messages()[-2:]}
    assert recipients == {old.reviewer_id, chosen.id}


def test_reassigning_automatically(reviewed, moderate):
    _cohort, draft = reviewed
    old = _reviews(draft)[1]
    moderate(old, "reassign", {"reviewer": ""})
    reviews = _reviews(draft)
    assert reviews[1].withdrawn_at is not None and len(reviews) == 3
    newcomer = reviews[-1]
    assert newcomer.reviewer_id not in {draft.user_id, old.reviewer_id, reviews[0].reviewer_id}
    assert {m.recipient_id for m in outbox_messages()[-2:]} == {old.reviewer_id, newcomer.reviewer_id}


def test_reassigning_automatically_when_nobody_is_free_leaves_the_review_where_it_is(
        client, trainer, reviewed, moderate):
    cohort, draft = reviewed
    services.add_trainer_feedback(trainer, draft)  # the only trainer is on the draft already
    on_draft = {draft.user_id, *(r.reviewer_id for r in _reviews(draft))}
    for person in learners(cohort):
        person.active = person.id in on_draft  # everyone else has left
    db.session.commit()
    waiting = _reviews(draft)[1]
    mails = len(outbox_messages())

    response = moderate(waiting, "reassign", {"reviewer": ""})

    assert "Nobody else is free to take this review" in _next_page(client, response)
    assert _reviews(draft)[1].is_open and len(_reviews(draft)) == 3
    assert len(outbox_messages()) == mails  # the reviewer was not told it was taken away


def test_reassigning_to_someone_not_on_the_list_changes_nothing(client, reviewed, moderate):
    _cohort, draft = reviewed
    response = moderate(_reviews(draft)[1], "reassign", {"reviewer": draft.user_id})
    assert "Choose someone from the list" in _next_page(client, response)
    assert len(_reviews(draft)) == 2 and _reviews(draft)[1].is_open


def test_a_trainers_own_feedback_or_an_already_covered_review_is_not_handed_on(client, auth, trainer, reviewed,
                                                                              moderate):
    cohort, draft = reviewed
    own = services.add_trainer_feedback(trainer, draft)
    covered = _reviews(draft)[1]
    page = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert f"/reviews/{covered.id}/reassign" in page  # an ordinary open review can be handed on
    covered.reassigned_at = utcnow()  # overdue, and someone else has it as well
    db.session.commit()
    page = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert f"/reviews/{own.id}/reassign" not in page and f"/reviews/{covered.id}/reassign" not in page

    response = moderate(own, "reassign", {"reviewer": ""})
    assert "This is a trainer’s own feedback; it is not handed on to others." in _next_page(client, response)
    response = moderate(covered, "reassign", {"reviewer": ""})
    assert "has already gone to someone else as well" in _next_page(client, response)
    assert own.is_open and _reviews(draft)[1].is_open and len(_reviews(draft)) == 3


def test_adding_own_feedback_creates_a_trainer_review(client, auth, trainer, reviewed):
    cohort, draft = reviewed
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/{cohort.id}/drafts/{draft.id}/feedback")
    mine = _reviews(draft)[-1]
    assert (mine.reviewer_id, mine.kind, mine.cohort_id) == (trainer.id, ReviewKind.TRAINER, cohort.id)
    assert response.headers["Location"] == f"/reviews/{mine.id}"
    auth.post(f"/cohorts/{cohort.id}/drafts/{draft.id}/feedback")
    assert len(_reviews(draft)) == 3  # the open one is reused


def test_rebalancing_reassigns_overdue_reviews(client, auth, trainer, reviewed):
    cohort, draft = reviewed
    auth.login(trainer.email)
    assert "No review is overdue" in _next_page(client, auth.post(f"/cohorts/{cohort.id}/rebalance"))
    _reviews(draft)[1].due_at = utcnow() - timedelta(days=1)
    db.session.commit()
    html = _next_page(client, auth.post(f"/cohorts/{cohort.id}/rebalance"))
    assert "1 overdue review was given to someone else as well." in html
    reviews = _reviews(draft)
    assert reviews[1].is_extra and len(reviews) == 3 and reviews[-1].is_open


@contextmanager
def _statements():
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def _count_page(client, path: str) -> tuple[int, str]:
    # Each request in production starts with an empty session; the test's own objects must not help or hinder.
    db.session.remove()
    with _statements() as seen:
        html = client.get(path).get_data(as_text=True)
    return len(seen), html


def test_the_page_reads_as_many_statements_for_six_drafts_as_for_two(client, auth, trainer, organisation,
                                                                     make_cohort, create_user):
    cohort = make_cohort(staff=8)
    colleagues = [(c.id, c.name) for c in (create_user(Role.TRAINER, organisation=organisation) for _ in range(4))]
    path, people = f"/cohorts/{cohort.id}/reviews", [person.id for person in learners(cohort)]
    for person in people[:2]:
        submit(db.session.get(User, person))
    auth.login(trainer.email)
    client.get(path)  # the first visit records when the trainer was last seen
    two, _html = _count_page(client, path)
    for person, colleague in zip(people[2:6], colleagues, strict=True):
        # Reviewers and authors the page's own list of active learners does not hold.
        author = db.session.get(User, person)
        draft = submit(author)
        _write(_reviews(draft)[0])
        services.add_trainer_feedback(db.session.get(User, colleague[0]), draft)
        author.active = False
        db.session.commit()
    six, html = _count_page(client, path)
    assert html.count('class="review-draft"') == 6 and html.count("review-status--submitted") == 4
    assert all(name in html for _id, name in colleagues)
    assert six == two
