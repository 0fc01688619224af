"""Scale benchmark: allocating and rebalancing peer reviews for one large cohort.

Seeds one cohort of 1,000 learners (circles of 4-5 from ``form_circles``, about
15% not seen for more than a week) and 5,000 submitted draft versions, then
measures wall time and the number of SQL statements (``before_cursor_execute``)
of:

  (a) ``request_reviews`` for all 5,000 versions in one call;
  (b) ``request_reviews`` in batches of 1, 10, 100 and 1,000 versions (on versions
      without reviewers yet, after the reviews of (a) are removed);
  (c) ``rebalance_reviews`` with ``now`` after the due date, so every review of (a)
      is overdue at once.

Baselines from the same run: the statements and time of allocating one version,
and the time of a plain Core ``SELECT`` of every review row; the table gives each
figure's ratio to them. The statement count must not grow with the number of
versions handled at once. Seeding is not measured. Mail goes to the outbox.

    .venv/bin/python benchmarks/review_allocation.py           # temporary SQLite file
    DATABASE_URL=postgresql://... .venv/bin/python benchmarks/review_allocation.py

With ``DATABASE_URL`` the migrations are applied to that database and everything
runs in one transaction that is rolled back at the end, so it is left as it was.
"""
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course import create_app  # noqa: E402
from course.accounts.models import Organisation, Role, Track, User, trainer_organisations  # noqa: E402
from course.cohorts.models import Cohort, CohortMember  # noqa: E402
from course.database import utcnow  # noqa: E402
from course.drafts.models import Draft, DraftVersion  # noqa: E402
from course.extensions import db  # noqa: E402
from course.mail.models import OutboxMessage  # noqa: E402
from course.review.assignment import rebalance_reviews, request_reviews  # noqa: E402
from course.review.models import Review  # noqa: E402
from course.workspace.circles.services import form_circles  # noqa: E402

LEARNERS = 1_000
VERSIONS = 5_000
INACTIVE_SHARE = 0.15
SLUGS = ["connection-not-detox", "write-about-your-day", "form-and-limits", "your-profile", "working-out-loud"]
BATCHES = {1: 20, 10: 10, 100: 5, 1000: 1}  # batch size: how many calls of that size


def seed(now, rng: random.Random) -> tuple[Cohort, list[int]]:
    """The organisation, its trainer, 1,000 learners in circles and 5,000 submitted versions."""
    organisation = Organisation(name=f"Benchmark {now.isoformat()}")
    db.session.add(organisation)
    db.session.flush()
    tag = organisation.id
    trainer = User(name="Trainer", email=f"trainer-{tag}@bench.invalid", role=Role.TRAINER, last_seen_at=now)
    db.session.add(trainer)
    db.session.flush()
    db.session.execute(sa.insert(trainer_organisations).values(user_id=trainer.id, organisation_id=organisation.id))

    def last_seen():
        if rng.random() < INACTIVE_SHARE:
            return None if rng.random() < 0.3 else now - timedelta(days=rng.uniform(8, 90))
        return now - timedelta(hours=rng.uniform(0, 24 * 6))

    db.session.execute(sa.insert(User), [
        {"name": f"Learner {i:04d}", "email": f"learner-{tag}-{i}@bench.invalid", "role": Role.LEARNER,
         "track": Track.LEADERSHIP if i % 7 == 0 else Track.STAFF, "organisation_id": organisation.id,
         "last_seen_at": last_seen()} for i in range(LEARNERS)])
    learner_ids = list(db.session.scalars(
        sa.select(User.id).where(User.organisation_id == organisation.id).order_by(User.id)))
    cohort = Cohort(organisation_id=organisation.id, name="Benchmark cohort")
    db.session.add(cohort)
    db.session.flush()
    db.session.execute(sa.insert(CohortMember), [{"cohort_id": cohort.id, "user_id": u} for u in learner_ids])
    db.session.expire(cohort, ["members"])
    form_circles(cohort)

    pairs = [(user_id, slug) for slug in SLUGS for user_id in learner_ids][:VERSIONS]
    db.session.execute(sa.insert(Draft), [
        {"user_id": u, "lesson_slug": s, "revision": 1, "first_submitted_at": now, "created_at": now,
         "updated_at": now} for u, s in pairs])
    draft_ids = list(db.session.scalars(sa.select(Draft.id).where(Draft.user_id.in_(learner_ids)).order_by(Draft.id)))
    db.session.execute(sa.insert(DraftVersion), [
        {"draft_id": d, "number": 1, "texts": {"post": "What I learnt this week."}, "platform": "x",
         "created_at": now, "saved_at": now, "submitted_at": now - timedelta(minutes=rng.uniform(1, 600))}
        for d in draft_ids])
    versions = list(db.session.scalars(
        sa.select(DraftVersion.id).where(DraftVersion.draft_id.in_(draft_ids)).order_by(DraftVersion.id)))
    db.session.flush()
    return cohort, versions


@contextmanager
def measured():
    """Wall time and SQL statements of the block: ``figures['seconds']``, ``figures['statements']``."""
    figures = {"statements": 0}

    def count(*_args):
        figures["statements"] += 1

    sa.event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    try:
        yield figures
    finally:
        figures["seconds"] = time.perf_counter() - started
        sa.event.remove(db.engine, "before_cursor_execute", count)


def select_all_reviews() -> float:
    """Baseline time: read every review row with a plain Core SELECT (median of three)."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        db.session.execute(sa.select(Review.__table__)).all()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def remove_reviews(cohort: Cohort) -> None:
    """Not measured: back to versions without reviewers, and an empty outbox for the organisation."""
    db.session.execute(sa.delete(Review).where(Review.cohort_id == cohort.id))
    db.session.execute(sa.delete(OutboxMessage).where(OutboxMessage.organisation_id == cohort.organisation_id))


def run() -> tuple[list[tuple[str, int, int, dict]], float]:
    """Seed, then measure (a), (c) and (b); returns the table's rows and the SELECT baseline."""
    rng = random.Random(5)
    now = utcnow()
    started = time.perf_counter()
    cohort, versions = seed(now, rng)
    print(f"seeded {LEARNERS} learners in {len(cohort.circles)} circles and {len(versions)} submitted versions "
          f"in {time.perf_counter() - started:.1f} s on {db.engine.dialect.name}", flush=True)

    with measured() as figures:
        allocated = request_reviews(versions, now)
    at_once = ("(a) request_reviews, one call", len(versions), len(allocated), figures)
    read_all = select_all_reviews()

    later = now + timedelta(days=cohort.review_due_days + 1)
    with measured() as figures:
        result = rebalance_reviews(later, cohort.id)
    rebalanced = (f"(c) rebalance_reviews, {result.overdue} overdue", result.overdue, len(result.assignments), figures)

    remove_reviews(cohort)
    fresh = iter(rng.sample(versions, sum(size * calls for size, calls in BATCHES.items())))
    batched = []
    for size, calls in BATCHES.items():
        runs = []
        for _ in range(calls):
            batch = [next(fresh) for _ in range(size)]
            with measured() as figures:
                handed_out = request_reviews(batch, now)
            runs.append((figures, len(handed_out)))
        figures, handed_out = sorted(runs, key=lambda run: run[0]["seconds"])[len(runs) // 2]
        batched.append((f"(b) request_reviews, batch of {size} (median of {calls})", size, handed_out, figures))
    return [at_once, *batched, rebalanced], read_all


def report(rows, read_all: float) -> None:
    one = next(figures for name, size, _, figures in rows if name.startswith("(b)") and size == 1)
    print(f"\nbaselines: allocating 1 version = {one['statements']} statements, {1000 * one['seconds']:.1f} ms; "
          f"plain SELECT of all reviews = {1000 * read_all:.1f} ms\n")
    header = (f"{'measurement':<46} {'versions':>8} {'reviews':>8} {'seconds':>8} {'ms/version':>10} "
              f"{'statements':>10} {'x stmts(1)':>10} {'x SELECT':>9}")
    print(header)
    print("-" * len(header))
    for name, size, handed_out, figures in rows:
        print(f"{name:<46} {size:>8} {handed_out:>8} {figures['seconds']:>8.2f} "
              f"{1000 * figures['seconds'] / size:>10.2f} {figures['statements']:>10} "
              f"{figures['statements'] / one['statements']:>10.2f} {figures['seconds'] / read_all:>9.1f}")
    counts = {figures["statements"] for name, *_, figures in rows if name.startswith(("(a)", "(b)"))}
    verdict = "constant" if len(counts) == 1 else f"NOT constant: {sorted(counts)}"
    print(f"\nstatements of request_reviews across batch sizes 1 to {VERSIONS}: {verdict}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.db"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "MAIL_SERVER": None,
                          "BASE_URL": "http://localhost"})
        with app.app_context():
            logging.disable(logging.INFO)  # the migrations' progress lines
            upgrade()
            logging.disable(logging.NOTSET)
            try:
                rows, read_all = run()
            finally:
                db.session.rollback()  # leaves a given DATABASE_URL as it was
                db.engine.dispose()
    report(rows, read_all)


if __name__ == "__main__":
    main()
