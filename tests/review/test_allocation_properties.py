"""Property tests of reviewer allocation: the in-memory choice (CohortPool) against an
independent reading of its documented preference, and allocation on submission in the database.

The preference, best first: active (seen within seven days) before inactive; then the
author's circle before the rest of the cohort; then fewest open reviews, fewest reviews
in all, lowest id. Never the author or anyone excluded; with leadership-only review a
leadership draft goes to leadership only.
"""
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.accounts.models import Role, Track
from course.cohorts.models import Cohort, CohortMember
from course.drafts.models import Draft
from course.extensions import db
from course.review.allocation import CohortPool, Loads, Reviewer, choose_trainer
from course.review.models import Review, ReviewKind
from course.workspace.circles.services import form_circles
from tests.factories import submit_post

NOW = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
SEVEN_DAYS = timedelta(days=7)
OUTSIDER = 10_001  # an author who is not among the cohort's possible reviewers
# How long ago someone was last seen: never, well within, exactly at and just past the window, long ago.
LAST_SEEN = st.one_of(st.none(), st.sampled_from(
    [timedelta(0), timedelta(days=3), SEVEN_DAYS, SEVEN_DAYS + timedelta(seconds=1), timedelta(days=40)]))


def is_active(reviewer: Reviewer, now: datetime = NOW) -> bool:
    return reviewer.last_seen_at is not None and now - reviewer.last_seen_at <= SEVEN_DAYS


@st.composite
def cohorts(draw, *, circles: bool = True):
    size = draw(st.integers(2, 30))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=size, max_size=size, unique=True))
    people = []
    for user_id in ids:
        ago = draw(LAST_SEEN)
        people.append(Reviewer(user_id, draw(st.none() | st.integers(1, 6)) if circles else None,
                               draw(st.sampled_from(["staff", "leadership"])), None if ago is None else NOW - ago))
    return people


@st.composite
def existing_loads(draw, ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Open and total reviews before the choice; someone without any is absent, as in the database."""
    open_, total = {}, {}
    for user_id in ids:
        if draw(st.booleans()):
            open_[user_id] = draw(st.integers(0, 4))
            total[user_id] = open_[user_id] + draw(st.integers(0, 4))
    return open_, total


def preference(author: int, people: dict[int, Reviewer], open_: dict, total: dict):
    """The documented key of each person: smaller is better."""
    circle = people[author].circle_id if author in people else None

    def key(user_id: int) -> tuple:
        reviewer = people[user_id]
        in_circle = circle is not None and reviewer.circle_id == circle
        return not is_active(reviewer), not in_circle, open_.get(user_id, 0), total.get(user_id, 0), user_id

    return key


def eligible(author: int, people: dict[int, Reviewer], exclude: set[int], *, active_only: bool,
             leadership_only: bool) -> set[int]:
    leadership = leadership_only and author in people and people[author].track == "leadership"
    return {u for u, r in people.items() if u != author and u not in exclude
            and (not leadership or r.track == "leadership") and (not active_only or is_active(r))}


@settings(max_examples=300, deadline=None)
@given(cohort=cohorts(), leadership_only=st.booleans(), data=st.data())
def test_each_choice_is_the_best_eligible_people_by_the_documented_preference(cohort, leadership_only, data):
    people = {r.user_id: r for r in cohort}
    open_, total = data.draw(existing_loads(list(people)))
    pool = CohortPool(cohort, Loads(dict(open_), dict(total)), NOW, leadership_only=leadership_only)
    for _ in range(data.draw(st.integers(1, 15), label="submissions")):
        author = data.draw(st.sampled_from([*people, OUTSIDER]), label="author")
        count = data.draw(st.integers(1, 6), label="N")
        exclude = data.draw(st.sets(st.sampled_from(list(people)), max_size=4), label="exclude")
        active_only = data.draw(st.booleans(), label="active_only")
        candidates = eligible(author, people, exclude, active_only=active_only, leadership_only=leadership_only)
        key = preference(author, people, open_, total)

        chosen = pool.choose(author, count, exclude=exclude, active_only=active_only)

        assert author not in chosen
        assert not set(chosen) & exclude
        assert len(set(chosen)) == len(chosen)
        assert len(chosen) == min(count, len(candidates))
        assert set(chosen) <= candidates
        unchosen = candidates - set(chosen)
        if chosen and unchosen:
            best_left_out = min(unchosen, key=key)
            assert max(map(key, chosen)) < key(best_left_out), f"{best_left_out} was better than someone chosen"
        assert chosen == sorted(chosen, key=key), "best first"
        for user_id in chosen:
            open_[user_id] = open_.get(user_id, 0) + 1
            total[user_id] = total.get(user_id, 0) + 1
        assert {u: pool.loads.open.get(u, 0) for u in people} == {u: open_.get(u, 0) for u in people}
        assert {u: pool.loads.total.get(u, 0) for u in people} == {u: total.get(u, 0) for u in people}


@settings(max_examples=200, deadline=None)
@given(cohort=cohorts(), data=st.data())
def test_active_only_never_chooses_an_inactive_person(cohort, data):
    people = {r.user_id: r for r in cohort}
    pool = CohortPool(cohort, Loads(*data.draw(existing_loads(list(people)))), NOW)
    for _ in range(data.draw(st.integers(1, 10))):
        author = data.draw(st.sampled_from(list(people)))
        count = data.draw(st.integers(1, 6))
        chosen = pool.choose(author, count, active_only=True)
        assert all(is_active(people[u]) for u in chosen)
        assert len(chosen) == min(count, sum(is_active(r) for u, r in people.items() if u != author))


def everyone_active(ids) -> list[Reviewer]:
    return [Reviewer(u, None, "staff", NOW - timedelta(hours=1)) for u in ids]


def spread(loads: Loads, ids) -> int:
    values = [loads.open.get(u, 0) for u in ids]
    return max(values) - min(values)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_open_loads_within_one_of_each_other_stay_so_after_a_choice(data):
    ids = data.draw(st.lists(st.integers(1, 10_000), min_size=2, max_size=30, unique=True))
    author = data.draw(st.sampled_from(ids))
    others = [u for u in ids if u != author]
    base = data.draw(st.integers(0, 5))
    open_ = {u: base + data.draw(st.integers(0, 1)) for u in others}
    open_[author] = data.draw(st.integers(0, 10))  # the author's own load does not matter
    total = {u: open_[u] + data.draw(st.integers(0, 5)) for u in ids}
    loads = Loads(open_, total)
    pool = CohortPool(everyone_active(ids), loads, NOW)

    count = data.draw(st.integers(1, len(ids) + 1))
    chosen = pool.choose(author, count)

    assert len(chosen) == min(count, len(others))
    assert spread(loads, others) <= 1


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_over_a_sequence_of_submissions_balanced_pools_stay_balanced(data):
    ids = data.draw(st.lists(st.integers(1, 10_000), min_size=2, max_size=30, unique=True))
    loads = Loads()
    pool = CohortPool(everyone_active(ids), loads, NOW)
    checked = 0
    for _ in range(data.draw(st.integers(1, 40))):
        author = data.draw(st.sampled_from(ids))
        others = [u for u in ids if u != author]
        balanced = spread(loads, others) <= 1
        pool.choose(author, data.draw(st.integers(1, 4)))
        if balanced:
            checked += 1
            assert spread(loads, others) <= 1
    assert checked >= 1  # the first submission always starts from a balanced pool


@given(st.dictionaries(st.integers(1, 100), st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=6))
def test_the_trainer_with_the_fewest_open_reviews_takes_the_fallback(trainers):
    loads = Loads({u: o for u, (o, _) in trainers.items()}, {u: o + t for u, (o, t) in trainers.items()})
    before = {u: (loads.open[u], loads.total[u], u) for u in trainers}
    chosen = choose_trainer(list(trainers), loads)
    if not trainers:
        assert chosen is None
        return
    assert before[chosen] == min(before.values())
    assert (loads.open[chosen], loads.total[chosen]) == (before[chosen][0] + 1, before[chosen][1] + 1)


# In the database ---------------------------------------------------------

SLUGS = ["connection-not-detox", "write-about-your-day"]  # both a single post, here for X


def submit(user, slug: str) -> None:
    """Write (or revise) the user's post for ``slug`` and submit it, as the composer does; not committed."""
    submit_post(user, slug=slug, commit=False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_submission_gets_its_reviewers_or_the_trainer_and_never_its_author(create_user, create_organisation,
                                                                                  data):
    organisation = create_organisation()  # a new one per example: examples do not see each other's rows
    trainers = [create_user(Role.TRAINER, organisation=organisation)
                for _ in range(data.draw(st.integers(0, 2), label="trainers"))]
    learners = []
    for index in range(data.draw(st.integers(1, 8), label="learners")):
        ago = data.draw(st.none() | st.sampled_from([0, 3, 10, 40]), label="last seen, days ago")
        learners.append(create_user(
            organisation=organisation, track=data.draw(st.sampled_from(list(Track))),
            active=index == 0 or data.draw(st.sampled_from([True, True, True, False]), label="account active"),
            last_seen_at=None if ago is None else datetime.now(UTC) - timedelta(days=ago)))
    cohort = Cohort(organisation_id=organisation.id, name="Cohort", members=[CohortMember(user=u) for u in learners],
                    reviewers_per_draft=data.draw(st.integers(1, 4), label="N"),
                    leadership_reviews_only=data.draw(st.booleans(), label="leadership only"))
    db.session.add(cohort)
    db.session.flush()
    if data.draw(st.booleans(), label="circles"):
        form_circles(cohort)
    db.session.commit()

    authors = [u for u in learners if u.active]
    for author, slug in data.draw(st.lists(st.tuples(st.sampled_from(authors), st.sampled_from(SLUGS)),
                                           min_size=1, max_size=8), label="submissions"):
        submit(author, slug)
    db.session.commit()

    trainer_ids = {t.id for t in trainers}
    drafts = db.session.scalars(sa.select(Draft).where(Draft.user_id.in_([u.id for u in learners]))).all()
    assert drafts
    for draft in drafts:
        reviews = db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id,
                                                             Review.withdrawn_at.is_(None))).all()
        author = draft.author
        peers = {u.id for u in learners if u.active and u.id != author.id and (
            not (cohort.leadership_reviews_only and author.track == Track.LEADERSHIP) or u.track == Track.LEADERSHIP)}
        reviewer_ids = [r.reviewer_id for r in reviews]
        assert author.id not in reviewer_ids
        assert len(set(reviewer_ids)) == len(reviewer_ids), "nobody reviews one draft twice"
        assert all(r.version_id == draft.latest.id for r in reviews), "open reviews follow the draft"
        fallbacks = [r for r in reviews if r.kind == ReviewKind.FALLBACK]
        assert {r.reviewer_id for r in reviews if r.kind == ReviewKind.PEER} <= peers
        assert {r.reviewer_id for r in fallbacks} <= trainer_ids
        wanted = cohort.reviewers_per_draft
        if trainer_ids:
            assert len(reviews) >= wanted or fallbacks, "N reviewers, or the trainer steps in"
        assert len(reviews) == min(wanted, len(peers) + len(trainer_ids))
        assert len(fallbacks) == max(0, len(reviews) - len(peers))
