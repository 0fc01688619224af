"""Handing out reviews in the database: on submission, on revision, and again when a review is overdue."""
from contextlib import contextmanager
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Track
from course.cohorts.models import Circle, Cohort, CohortMember
from course.database import utcnow
from course.drafts.models import Draft, DraftVersion
from course.drafts.services import draft_for
from course.extensions import db
from course.review.assignment import rebalance_reviews, request_reviews
from course.review.models import Review, ReviewKind
from course.review.services import rubric_for, save_review
from course.workspace.circles.services import form_circles
from tests.conftest import outbox_messages
from tests.factories import submit_post

SLUG = "connection-not-detox"


@pytest.fixture
def people(create_user, organisation):
    """``people(n)``: n learners of the organisation, seen just now unless told otherwise."""
    def factory(count: int, **fields):
        fields.setdefault("last_seen_at", utcnow())
        return [create_user(organisation=organisation, **fields) for _ in range(count)]

    return factory


def cohort_of(organisation, learners, circles=(), **settings) -> Cohort:
    """A cohort of ``learners``; ``circles`` lists groups of them, each a circle."""
    cohort = Cohort(organisation_id=organisation.id, name=f"Cohort {learners[0].id}", **settings)
    members = {user.id: CohortMember(user=user) for user in learners}
    cohort.members = list(members.values())
    for number, group in enumerate(circles, 1):
        circle = Circle(cohort=cohort, number=number)
        for user in group:
            members[user.id].circle = circle
    db.session.add(cohort)
    db.session.commit()
    return cohort


def submit(user, slug: str = SLUG) -> DraftVersion:
    """Write (or revise) the user's post and submit it, as the composer does."""
    return submit_post(user, slug=slug).latest


def reviews_of(version: DraftVersion) -> list[Review]:
    return list(db.session.scalars(sa.select(Review).where(Review.version_id == version.id,
                                                           Review.withdrawn_at.is_(None)).order_by(Review.id)))


def reviewers(version: DraftVersion) -> set[int]:
    return {review.reviewer_id for review in reviews_of(version)}


def mails_to(user, word: str) -> list:
    return [m for m in outbox_messages() if m.recipient_id == user.id and word in m.subject]


def write_review(review: Review, now=None) -> Review:
    ratings = {criterion.key: 3 for criterion in rubric_for(review.draft.lesson_slug)}
    save_review(review, ratings=ratings, worked="The opening line.", suggestion="Name the tool.", submit=True, now=now)
    db.session.commit()
    return review


def let_time_pass(reviews: list[Review], days: int) -> None:
    """Move the reviews' dates back, as if ``days`` had passed since they were handed out."""
    for review in reviews:
        review.assigned_at, review.due_at = review.assigned_at - timedelta(days=days), review.due_at - timedelta(days=days)
    db.session.commit()


def test_circle_members_review_first_even_when_others_have_lower_ids(people, organisation):
    outsiders, circle = people(4), people(4)
    cohort_of(organisation, outsiders + circle, circles=[outsiders, circle])
    version = submit(circle[0])
    assert reviewers(version) == {circle[1].id, circle[2].id}
    assert all(r.kind == ReviewKind.PEER and r.cohort_id is not None for r in reviews_of(version))
    assert [len(mails_to(user, "Please review")) for user in outsiders + circle] == [0, 0, 0, 0, 0, 1, 1, 0]


def test_the_rest_of_the_cohort_helps_when_the_circle_is_short_least_loaded_first(people, organisation):
    pair, four = people(2), people(4)
    cohort_of(organisation, pair + four, circles=[pair, four], reviewers_per_draft=3)
    submit(four[0])  # four[1:] now have an open review each; four[0] has none
    assert reviewers(submit(pair[0])) == {pair[1].id, four[0].id, four[1].id}


def test_a_trainer_takes_what_the_cohort_cannot_and_is_told_why(people, organisation, trainer):
    author, mate = people(2)
    cohort_of(organisation, [author, mate], circles=[[author, mate]])
    version = submit(author)
    assert {(r.reviewer_id, r.kind) for r in reviews_of(version)} == {(mate.id, ReviewKind.PEER),
                                                                      (trainer.id, ReviewKind.FALLBACK)}
    (to_trainer,) = mails_to(trainer, "Please review")
    (to_mate,) = mails_to(mate, "Please review")
    assert "too few reviewers" in to_trainer.body and "too few reviewers" not in to_mate.body


def test_without_a_trainer_a_lone_author_is_left_with_a_waiting_draft_and_nothing_else(people, organisation):
    (author,) = people(1)
    cohort_of(organisation, [author])
    version = submit(author)
    assert version.is_submitted and draft_for(author, SLUG).is_submitted
    assert reviews_of(version) == [] and outbox_messages() == []


def test_inactive_people_are_skipped_while_active_ones_are_left_even_in_the_circle(people, organisation):
    author, active_mate = people(2)
    (away,) = people(1, last_seen_at=utcnow() - timedelta(days=8))
    outsiders = people(2)
    cohort_of(organisation, [author, active_mate, away, *outsiders], circles=[[author, active_mate, away], outsiders],
              reviewers_per_draft=3)
    assert reviewers(submit(author)) == {active_mate.id, *(u.id for u in outsiders)}


def test_inactive_people_review_before_a_trainer_is_asked(people, organisation, trainer):
    (author,) = people(1)
    away = people(1, last_seen_at=utcnow() - timedelta(days=30)) + people(1, last_seen_at=None)
    cohort_of(organisation, [author, *away])
    version = submit(author)
    assert reviewers(version) == {u.id for u in away} and mails_to(trainer, "Please review") == []


def test_leadership_drafts_go_to_leadership_only_and_staff_drafts_to_anyone(people, organisation, trainer):
    leader, other_leader = people(2, track=Track.LEADERSHIP)
    staff, more_staff = people(2, track=Track.STAFF)
    cohort_of(organisation, [leader, other_leader, staff, more_staff],
              circles=[[leader, other_leader, staff, more_staff]], leadership_reviews_only=True)
    by_leader = reviews_of(submit(leader))
    assert {(r.reviewer_id, r.kind) for r in by_leader} == {(other_leader.id, ReviewKind.PEER),
                                                            (trainer.id, ReviewKind.FALLBACK)}
    # other_leader now has an open review, so the least loaded of the rest take the staff draft.
    assert reviewers(submit(staff)) == {leader.id, more_staff.id}


def test_a_revision_takes_the_open_reviews_along_and_tops_up(people, organisation):
    author, done, still_open, fresh = people(4)
    cohort_of(organisation, [author, done, still_open, fresh], circles=[[author, done, still_open, fresh]])
    first = submit(author)
    assert reviewers(first) == {done.id, still_open.id}
    finished = next(r for r in reviews_of(first) if r.reviewer_id == done.id)
    moving = next(r for r in reviews_of(first) if r.reviewer_id == still_open.id)
    write_review(finished)

    second = submit(author)

    db.session.expire_all()
    assert [r.id for r in reviews_of(first)] == [finished.id]
    assert moving.version_id == second.id and moving.submitted_at is None
    # Fewest open reviews, then fewest in all: fresh (0, 0) before done (0, 1).
    assert reviewers(second) == {still_open.id, fresh.id}
    assert len(mails_to(still_open, "Please review")) == 1 and len(mails_to(fresh, "Please review")) == 1


def test_an_overdue_review_goes_to_an_active_reviewer_and_the_late_one_is_told_once(people, organisation):
    author, punctual, late = people(3)
    (away,) = people(1, last_seen_at=utcnow() - timedelta(days=20))
    (helper,) = people(1)
    cohort_of(organisation, [author, punctual, late, away, helper], circles=[[author, punctual, late, away, helper]])
    version = submit(author)
    assert reviewers(version) == {punctual.id, late.id}
    write_review(next(r for r in reviews_of(version) if r.reviewer_id == punctual.id))
    overdue = next(r for r in reviews_of(version) if r.reviewer_id == late.id)
    later = version.submitted_at + timedelta(days=4)

    result = rebalance_reviews(now=later)
    again = rebalance_reviews(now=later + timedelta(hours=1))
    db.session.commit()

    assert (result.overdue, [(a.reviewer_id, a.kind) for a in result.assignments]) == (1, [(helper.id, ReviewKind.PEER)])
    assert again.overdue == 0
    assert overdue.reassigned_at == later and overdue.is_open and overdue.is_extra
    new = next(r for r in reviews_of(version) if r.reviewer_id == helper.id)
    assert (new.assigned_at, new.due_at) == (later, later + timedelta(days=3))
    assert len(mails_to(late, "overdue")) == 1 and mails_to(away, "Please review") == []

    write_review(overdue, now=later + timedelta(days=1))
    assert overdue.is_submitted and overdue.is_extra
    assert len(mails_to(author, "New feedback")) == 2


def test_rebalancing_never_hands_a_review_to_someone_inactive_but_to_the_trainer(people, organisation, trainer):
    author, reviewer = people(2)
    (away,) = people(1, last_seen_at=utcnow() - timedelta(days=20))
    cohort_of(organisation, [author, reviewer, away], reviewers_per_draft=1)
    version = submit(author)
    assert reviewers(version) == {reviewer.id}

    result = rebalance_reviews(now=version.submitted_at + timedelta(days=4))

    assert [(a.reviewer_id, a.kind) for a in result.assignments] == [(trainer.id, ReviewKind.FALLBACK)]
    assert reviewers(version) == {reviewer.id, trainer.id}


def test_a_review_nobody_can_take_over_yet_waits_for_the_next_rebalance(people, organisation):
    author, first, second = people(3)
    cohort = cohort_of(organisation, [author, first, second])
    version = submit(author)
    let_time_pass(reviews_of(version), days=4)

    nobody = rebalance_reviews()
    (newcomer,) = people(1)
    db.session.add(CohortMember(cohort_id=cohort.id, user=newcomer))  # someone joins who can help
    db.session.commit()
    somebody = rebalance_reviews()
    db.session.commit()

    assert (nobody.overdue, nobody.reassigned, nobody.waiting, nobody.assignments) == (2, 0, 2, [])
    assert (somebody.overdue, somebody.reassigned, len(somebody.assignments)) == (2, 1, 1)
    late = [r for r in reviews_of(version) if r.reviewer_id in (first.id, second.id)]
    assert [r.reassigned_at is not None for r in late] == [True, False]  # one taken over, one still counted on
    assert (len(mails_to(first, "overdue")), len(mails_to(second, "overdue"))) == (1, 0)


def test_every_submission_rebalances_its_own_cohort(people, organisation):
    first_author, *first_circle = people(5)
    second_author, *second_circle = people(3)
    cohort_of(organisation, [first_author, *first_circle], circles=[[first_author, *first_circle]])
    elsewhere = cohort_of(organisation, [second_author, *second_circle])
    waiting = submit(first_author)
    untouched = submit(second_author)
    late = reviews_of(waiting)
    let_time_pass(late + reviews_of(untouched), days=4)

    submit(first_circle[0], "write-about-your-day")

    db.session.expire_all()
    assert all(review.reassigned_at is not None for review in late)
    assert len(reviews_of(waiting)) == 4
    other_cohort = reviews_of(untouched)
    assert {r.cohort_id for r in other_cohort} == {elsewhere.id} and all(r.reassigned_at is None for r in other_cohort)


def test_flask_reviews_rebalance_prints_what_it_did(runner, people, organisation):
    author, *others = people(4)
    cohort_of(organisation, [author, *others])
    version = submit(author)
    let_time_pass(reviews_of(version)[:1], days=4)

    first = runner.invoke(args=["reviews", "rebalance"])
    second = runner.invoke(args=["reviews", "rebalance"])

    assert first.exit_code == 0 and "1 overdue review(s): 1 given to someone else as well (1 new review(s), 0 of them to a trainer)." in first.output
    assert second.exit_code == 0 and "No overdue reviews" in second.output
    db.session.expire_all()
    assert len(reviews_of(version)) == 3 and sum(r.reassigned_at is not None for r in reviews_of(version)) == 1


# A fixed number of statements, however many drafts are handled at once ------------

@contextmanager
def counted_statements():
    statements: list[str] = []
    count = lambda _connection, _cursor, statement, *_: statements.append(statement)  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


@pytest.fixture
def forty_five_submissions(people, organisation, trainer) -> list[int]:
    """45 learners in circles, each with a submitted version that has no reviewers yet."""
    learners = people(45)
    cohort = cohort_of(organisation, learners)
    form_circles(cohort)
    now = utcnow()
    drafts = [Draft(user_id=user.id, lesson_slug=SLUG, first_submitted_at=now, versions=[
        DraftVersion(number=1, texts={"post": "Hello."}, platform="x", submitted_at=now)]) for user in learners]
    db.session.add_all(drafts)
    db.session.commit()
    return [draft.versions[0].id for draft in drafts]


def test_allocating_reviews_takes_as_many_statements_for_40_versions_as_for_5(forty_five_submissions):
    with counted_statements() as for_five:
        five = request_reviews(forty_five_submissions[:5])
    with counted_statements() as for_forty:
        forty = request_reviews(forty_five_submissions[5:])
    db.session.commit()
    assert (len(five), len(forty)) == (10, 80)
    assert len(for_five) == len(for_forty), (for_five, for_forty)


def test_rebalancing_takes_as_many_statements_for_40_overdue_reviews_as_for_5(forty_five_submissions):
    request_reviews(forty_five_submissions)
    db.session.commit()
    handed_out = list(db.session.scalars(sa.select(Review).order_by(Review.id)))
    now = utcnow()
    results, counts = [], []
    for batch in (handed_out[:5], handed_out[5:45]):
        let_time_pass(batch, days=4)
        with counted_statements() as statements:
            results.append(rebalance_reviews(now=now))
        db.session.commit()
        counts.append(len(statements))
    assert [(r.overdue, len(r.assignments)) for r in results] == [(5, 5), (40, 40)]
    assert counts[0] == counts[1]


def test_the_worker_rebalances_every_half_hour(people, organisation):
    from datetime import datetime

    from course.tasks import rebalance_overdue_reviews

    author, *others = people(4)
    cohort_of(organisation, [author, *others])
    version = submit(author)
    let_time_pass(reviews_of(version)[:1], days=4)

    task = rebalance_overdue_reviews.s()
    runs = [minute for minute in range(60) if task.validate_datetime(datetime(2026, 12, 1, 9, minute))]
    rebalance_overdue_reviews.call_local()

    assert runs == [0, 30]
    db.session.expire_all()
    assert len(reviews_of(version)) == 3 and sum(r.reassigned_at is not None for r in reviews_of(version)) == 1
