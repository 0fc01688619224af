"""The review loop in a real browser: a staff learner submits, two circle peers review, the author rates."""
import sqlalchemy as sa
from playwright.sync_api import expect

from course.accounts.models import Role, Track
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.database import utcnow
from course.drafts.models import Draft
from course.extensions import db
from course.review.models import Review
from course.workspace.circles.services import form_circles
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in

LESSON = "connection-not-detox"
POST = "Grey-scale phone for a week: fewer feeds, better conversations. What helped you? #DemoVernetzt"


def _circle(create_user, organisation, trainer):
    names = ["Sam Author", "Rita Reviewer", "Omar Reviewer", "Ines Peer"]
    people = [create_user(Role.LEARNER, organisation=organisation, track=Track.STAFF, name=name,
                          email=f"{name.split()[0].lower()}@acme.example", last_seen_at=utcnow()) for name in names]
    cohort = Cohort(organisation_id=organisation.id, name="Autumn", pacing=Pacing.SELF_PACED)
    cohort.members = [CohortMember(user=person) for person in people]
    db.session.add(cohort)
    db.session.flush()
    form_circles(cohort)
    db.session.commit()
    return people


def _reviewers_of_the_draft(author):
    db.session.rollback()  # see what the server committed
    draft = db.session.scalar(sa.select(Draft).where(Draft.user_id == author.id, Draft.lesson_slug == LESSON))
    return list(db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id).order_by(Review.id)))


def _write_review(page, reviewer, level: int, worked: str, suggestion: str):
    sign_in(page, reviewer.email, PASSWORD)
    page.get_by_role("link", name="My reviews").click()
    expect(page.get_by_role("heading", name="To do")).to_be_visible()
    page.get_by_role("link", name="Connection, not detox").click()
    expect(page.get_by_text(POST)).to_be_visible()
    groups = page.locator("fieldset.choices--levels")
    for index in range(groups.count()):
        groups.nth(index).get_by_role("radio").nth(level - 1).check()
    page.get_by_label("What worked").fill(worked)
    page.get_by_label("One suggestion").fill(suggestion)
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Your review is on its way to the author. Thank you!")).to_be_visible()


def test_a_post_is_reviewed_by_two_circle_peers_and_rated_by_its_author(
        browsing, create_user, organisation, trainer):
    author, *peers = _circle(create_user, organisation, trainer)

    page = browsing.new_page()
    sign_in(page, author.email, PASSWORD)
    page.goto(f"/learn/{LESSON}/write")
    page.get_by_role("textbox", name="Your post for X").fill(POST)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your text is submitted for peer review.")).to_be_visible()

    reviews = _reviewers_of_the_draft(author)
    assert len(reviews) == 2
    reviewers = [review.reviewer for review in reviews]
    assert {r.id for r in reviewers} <= {p.id for p in peers}  # all from the circle, never the author

    first = browsing.new_page()
    _write_review(first, reviewers[0], 4, "The question at the end invites answers.",
                  "Say which feeds you dropped.")
    second = browsing.new_page(viewport={"width": 390, "height": 844})
    _write_review(second, reviewers[1], 3, "Short and honest.", "Add **one** concrete tip.")

    page.goto(f"/learn/{LESSON}")
    page.get_by_role("link", name="Feedback (2)").click()
    first_review = page.locator("article.review-card").filter(has_text=reviewers[0].name)
    expect(first_review).to_contain_text("The question at the end invites answers.")
    expect(page.locator("article.review-card").filter(has_text=reviewers[1].name).locator("strong")).to_have_text(
        "one")
    first_review.get_by_role("radio", name="5").check()
    first_review.get_by_label("A thank-you (optional)").fill("Danke! I added the feeds.")
    first_review.get_by_role("button", name="Send rating").click()
    expect(page.get_by_text("Thank you for rating this review.")).to_be_visible()
    screenshot(page, "review-feedback")

    rated = _reviewers_of_the_draft(author)[0]
    assert (rated.helpfulness, rated.thanks) == (5, "Danke! I added the feeds.")

    first.goto("/reviews/")
    expect(first.get_by_text("Rated 5 of 5 for helpfulness")).to_be_visible()
    expect(first.get_by_text("Danke! I added the feeds.")).to_be_visible()
    second.goto("/reviews/")
    expect(second.get_by_text("Not rated yet")).to_be_visible()
    screenshot(second, "review-my-reviews-phone")
