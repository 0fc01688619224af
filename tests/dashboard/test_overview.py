"""The dashboard page: the matrix and its filters, needs attention, review health, and its statement count."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role, Track
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.dashboard.progress import load_progress
from course.dashboard.states import LessonStatus
from course.database import utcnow
from course.demo.large_cohort import seed_cohort
from course.extensions import db
from course.review.models import Review
from course.review.services import rate_review
from course.workspace.circles.services import form_circles
from tests.factories import submit_post
from tests.guidelines.factories import publish_guidelines
from tests.page_checks import duplicate_ids

POST = "connection-not-detox"


@pytest.fixture
def cohort(organisation, create_user):
    """Six staff and two leadership learners in circles; Ann has read, Ben completed, Cem submitted a post."""
    group = Cohort(organisation_id=organisation.id, name="Autumn", hashtag="#Autumn")
    db.session.add(group)
    names = ["Ann Adler", "Ben Brandt", "Cem Çelik", "Dora Dietz", "Emil Ernst", "Fay Fuchs", "Gül Groß",
             "Hal Hahn"]
    for index, name in enumerate(names):
        user = create_user(Role.LEARNER, organisation=organisation, name=name, last_seen_at=utcnow(),
                           track=Track.LEADERSHIP if index >= 6 else Track.STAFF)
        group.members.append(CohortMember(user=user))
    db.session.commit()
    form_circles(group)
    db.session.commit()
    return group


def person(cohort, name):
    return next(member.user for member in cohort.members if member.user.name == name)


def progress(user, slug, *, read_days_ago=None, completed_days_ago=None):
    now = utcnow()
    db.session.add(LessonProgress(
        user_id=user.id, lesson_slug=slug,
        read_at=now - timedelta(days=read_days_ago) if read_days_ago is not None else None,
        completed_at=now - timedelta(days=completed_days_ago) if completed_days_ago is not None else None))
    db.session.commit()


def dashboard(client, auth, trainer, cohort, **query):
    auth.login(trainer.email)
    response = client.get(f"/cohorts/{cohort.id}/dashboard", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_statuses_run_from_read_to_complete(app, cohort):
    progress(person(cohort, "Ann Adler"), "networking-is-doing", read_days_ago=1)
    progress(person(cohort, "Ben Brandt"), "networking-is-doing", read_days_ago=2, completed_days_ago=1)
    draft = submit_post(person(cohort, "Cem Çelik"))
    review = db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id)).first()
    review.submitted_at = utcnow()
    submit_post(person(cohort, "Dora Dietz"))
    answered = submit_post(person(cohort, "Emil Ernst"))
    rated = db.session.scalars(sa.select(Review).where(Review.draft_id == answered.id)).first()
    rated.submitted_at = utcnow()
    rate_review(rated, 5, None)
    db.session.commit()

    loaded = {learner.user.name: learner for learner in load_progress(cohort, lessons.curriculum, utcnow()).learners}

    assert loaded["Ann Adler"].statuses["networking-is-doing"] == LessonStatus.READ
    assert loaded["Ben Brandt"].statuses["networking-is-doing"] == LessonStatus.COMPLETE
    assert loaded["Cem Çelik"].statuses[POST] == LessonStatus.REVIEWED
    assert loaded["Dora Dietz"].statuses[POST] == LessonStatus.SUBMITTED
    assert loaded["Emil Ernst"].statuses[POST] == LessonStatus.COMPLETE  # he rated the feedback
    assert loaded["Fay Fuchs"].statuses[POST] == LessonStatus.NOT_STARTED
    # Track lessons only: the leadership-only lesson is not in a staff member's row.
    assert "guidelines-as-enablement" not in loaded["Ann Adler"].statuses
    assert "guidelines-as-enablement" in loaded["Gül Groß"].statuses
    assert loaded["Ben Brandt"].stages[0].completed == 1
    assert loaded["Ben Brandt"].stages[0].required == len(lessons.curriculum.stages[0].lessons_for("staff"))


def test_page_shows_the_matrix_with_each_status_read_out(client, auth, trainer, cohort):
    progress(person(cohort, "Ben Brandt"), "networking-is-doing", read_days_ago=2, completed_days_ago=1)

    page = dashboard(client, auth, trainer, cohort)

    assert "Learners and lessons" in page
    assert "Gül Groß" in page and "Cem Çelik" in page
    assert '<td class="cell cell--complete"><span aria-hidden="true">✓</span><span class="visually-hidden">complete' \
        in page
    assert 'class="cell cell--none"' in page  # staff rows have no leadership-only lesson
    assert 'scope="colgroup"' in page and "<caption" in page


def test_filters_by_track_and_circle(client, auth, trainer, cohort):
    leadership = dashboard(client, auth, trainer, cohort, track="leadership")
    assert "Gül Groß" in leadership and "Hal Hahn" in leadership and "Ann Adler" not in leadership

    circle = cohort.circles[0]
    in_circle = {member.user.name for member in circle.members}
    page = dashboard(client, auth, trainer, cohort, circle=str(circle.id))
    matrix = page.split('class="matrix"')[1]
    assert all(name in matrix for name in in_circle)
    assert not any(name in matrix for name in {m.user.name for m in cohort.members} - in_circle)


def test_bad_filter_values_fall_back_and_say_so(client, auth, trainer, cohort):
    page = dashboard(client, auth, trainer, cohort, track="nobody", circle="99999", days="0", page="x")

    assert "Ann Adler" in page and "Gül Groß" in page  # everyone shown
    assert "Enter a number of days from 1 to 90." in page


def test_needs_attention_names_each_reason(client, auth, trainer, cohort, organisation):
    now = utcnow()
    quiet = person(cohort, "Emil Ernst")
    progress(quiet, "networking-is-doing", read_days_ago=12, completed_days_ago=11)
    author = person(cohort, "Fay Fuchs")
    draft = submit_post(author)
    reviews = list(db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id)))
    late = reviews[0]
    late.due_at = now - timedelta(days=1)
    unreviewed = submit_post(person(cohort, "Ann Adler"))
    db.session.execute(sa.update(Review).where(Review.draft_id == unreviewed.id).values(withdrawn_at=now))
    publish_guidelines(organisation, trainer)
    db.session.commit()

    loaded = load_progress(cohort, lessons.curriculum, now)
    from course.dashboard.attention import needing_attention
    attention = needing_attention(loaded, now, 7)
    names = {reason: {learner.user.name for learner in people} for reason, people in attention.by_reason.items()}

    assert "Emil Ernst" in names["inactive"]
    assert "Ann Adler" not in names["inactive"]  # she submitted today
    assert names["overdue_reviews"] == {late.reviewer.name}
    assert names["unreviewed_drafts"] == {"Ann Adler"}
    assert len(names["guidelines"]) == len(cohort.members)  # nobody has acknowledged the new version

    page = dashboard(client, auth, trainer, cohort)
    assert "Needs attention" in page and "Overdue reviews" in page and "Drafts without reviewers" in page
    assert "last activity 11 days ago" in page


def test_review_health_per_circle(client, auth, trainer, cohort):
    draft = submit_post(person(cohort, "Ben Brandt"))
    first = db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id)).first()
    first.submitted_at, first.helpfulness = utcnow(), 4
    db.session.commit()
    circle = next(m.circle for m in cohort.members if m.user.name == "Ben Brandt")

    health = {row.circle_id: row for row in load_progress(cohort, lessons.curriculum, utcnow()).health}

    assert health[circle.id].submitted == 1
    assert health[circle.id].open == cohort.reviewers_per_draft - 1
    assert health[circle.id].average_helpfulness == 4
    page = dashboard(client, auth, trainer, cohort)
    assert "Review health per circle" in page and "4.0" in page


def test_an_empty_cohort_says_what_to_do(client, auth, trainer, organisation):
    empty = Cohort(organisation_id=organisation.id, name="Empty")
    db.session.add(empty)
    db.session.commit()

    page = dashboard(client, auth, trainer, empty)

    assert "no members yet" in page and f"/cohorts/{empty.id}/people" in page


def test_charts_come_with_a_table(client, auth, trainer, cohort):
    progress(person(cohort, "Ben Brandt"), "networking-is-doing", read_days_ago=3, completed_days_ago=2)

    page = dashboard(client, auth, trainer, cohort)

    assert page.count('role="img"') == 2
    assert "Completion over time" in page and "Stage funnel" in page
    assert page.count("<details") >= 2


def test_a_large_cohort_is_paged(client, auth, trainer, organisation):
    big = seed_cohort(organisation, 120, utcnow())
    db.session.commit()

    first = dashboard(client, auth, trainer, big)
    third = dashboard(client, auth, trainer, big, page="3")

    assert "Page 1 of 3" in first and f"Learner {big.id}-00000" in first
    assert "Page 3 of 3" in third and f"Learner {big.id}-00119" in third
    assert f"Learner {big.id}-00000" not in third.split('class="matrix"')[1]


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1


def statements_for(client, path) -> int:
    counter = StatementCounter()
    sa.event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", counter)
    return counter.count


def test_the_dashboard_takes_the_same_statements_for_10_and_200_learners(client, auth, trainer, organisation,
                                                                             create_organisation):
    now = utcnow()
    small = seed_cohort(organisation, 10, now, name="Small")
    large = seed_cohort(organisation, 200, now, name="Large")
    publish_guidelines(organisation, trainer)
    db.session.commit()
    auth.login(trainer.email)
    client.get(f"/cohorts/{small.id}/dashboard")  # warm up: the first request loads the session and catalogue

    counts = {size: statements_for(client, f"/cohorts/{cohort.id}/dashboard")
              for size, cohort in ((10, small), (200, large))}

    assert counts[10] == counts[200]
    assert counts[10] < 20
    # Each export commits its audit row, which expires what the tests' shared session holds: the ids are read
    # first, and one export before counting puts both counted ones after such a commit.
    paths = [f"/cohorts/{cohort_id}/export/lessons.csv" for cohort_id in (small.id, large.id)]
    client.get(paths[0])
    exports = [statements_for(client, path) for path in paths]
    assert exports[0] == exports[1]


def test_the_whole_dashboard_has_unique_ids(client, auth, trainer, cohort):
    progress(person(cohort, "Ann Adler"), "networking-is-doing", read_days_ago=20)  # quiet: a reminder is offered
    page = dashboard(client, auth, trainer, cohort)
    assert 'name="days"' in page.split('id="attention-title"')[1]  # the reminder form is on the page
    assert duplicate_ids(page) == []
