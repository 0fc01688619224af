"""Scale benchmark: the trainer's dashboard of a cohort of 2,000 learners.

Seeds (not measured) one organisation with two cohorts, the same way the
statement-count test does (``course/demo/large_cohort.py``): a baseline
cohort of 20 learners and a large one of 2,000, each learner somewhere in the
course (about 27 lessons per track), with submitted posts, reviews (some
overdue) and reminders. Then a signed-in trainer requests, through the app's
test client:

  - the dashboard (first page of the matrix, every list and chart),
  - the dashboard's last page,
  - the learner × lesson CSV export (one row per learner and lesson).

For each it reports the median wall time of five requests, the SQL statements
of one request, and the peak memory Python allocated during one request
(``tracemalloc``, measured in a separate request because tracing slows it
down), each next to the same figure for the 20-learner cohort measured in the
same run, and the ratio.

    .venv/bin/python benchmarks/dashboard.py [--learners 2000] [--runs 5]

It runs on a temporary SQLite file; ``DATABASE_URL=postgresql://…`` runs it on
that database instead, which must be an empty one made for the purpose (the
seeded rows are committed, as the requests need them).
"""
import argparse
import logging
import os
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course import create_app  # noqa: E402
from course.accounts import services  # noqa: E402
from course.accounts.models import Role  # noqa: E402
from course.database import utcnow  # noqa: E402
from course.demo.large_cohort import seed_cohort  # noqa: E402
from course.extensions import db  # noqa: E402

PASSWORD = "benchmark password"
BASELINE_LEARNERS = 20


def sign_in(client, email: str) -> None:
    page = client.get("/login").get_data(as_text=True)
    tag = re.search(r'<input[^>]*name="csrf_token"[^>]*>', page).group(0)
    token = re.search(r'value="([^"]+)"', tag).group(1)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "sign-in failed"


def measure(client, path: str, runs: int) -> dict:
    """Median seconds of ``runs`` requests, statements of one, and peak traced memory of one."""
    statements = []

    def count(*_args):
        statements.append(1)

    times = []
    for run in range(runs):
        if run == 0:
            sa.event.listen(db.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        if run == 0:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200, (path, response.status_code)
        size = len(response.data)
    tracemalloc.start()
    client.get(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": statistics.median(times), "statements": len(statements), "peak": peak, "bytes": size}


def report(rows: list[tuple[str, dict, dict]], learners: int) -> None:
    print(f"\nDashboard of {learners:,} learners against {BASELINE_LEARNERS} (same run, median of the requests)\n")
    print(f"{'request':<26} {'ms':>8} {'base ms':>8} {'ratio':>6} {'stmts':>6} {'base':>5} "
          f"{'peak MiB':>9} {'base':>6} {'KiB sent':>9}")
    for name, large, base in rows:
        print(f"{name:<26} {large['seconds'] * 1000:8.1f} {base['seconds'] * 1000:8.1f} "
              f"{large['seconds'] / base['seconds']:6.1f} {large['statements']:6d} {base['statements']:5d} "
              f"{large['peak'] / 2**20:9.1f} {base['peak'] / 2**20:6.1f} {large['bytes'] / 1024:9.0f}")


def run(learners: int, runs: int) -> list[tuple[str, dict, dict]]:
    now = utcnow()
    organisation = services.create_organisation(f"Benchmark {now.isoformat()}")
    trainer = services.create_user(name="Trainer", email=f"trainer-{organisation.id}@bench.invalid",
                                   role=Role.TRAINER, organisation=organisation, password=PASSWORD)
    base = seed_cohort(organisation, BASELINE_LEARNERS, now, name="Baseline")
    large = seed_cohort(organisation, learners, now, name="Large")
    db.session.commit()
    client = current_app.test_client()
    sign_in(client, trainer.email)
    last_page = (learners + 49) // 50
    requests = [("dashboard", "/cohorts/{}/dashboard", 1),
                ("dashboard, last page", "/cohorts/{}/dashboard?page={}", last_page),
                ("export, learner x lesson", "/cohorts/{}/export/lessons.csv", 1)]
    rows = []
    for name, pattern, page in requests:
        client.get(pattern.format(base.id, 1))  # warm: templates compiled, catalogue loaded
        rows.append((name, measure(client, pattern.format(large.id, page), runs),
                     measure(client, pattern.format(base.id, 1), runs)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.db"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "MAIL_SERVER": None,
                          "BASE_URL": "http://localhost", "SESSION_COOKIE_SECURE": False,
                          "RATELIMIT_ENABLED": False})
        with app.app_context():
            logging.disable(logging.INFO)  # the migrations' progress lines
            upgrade()
            logging.disable(logging.NOTSET)
            try:
                rows = run(arguments.learners, arguments.runs)
            finally:
                db.session.rollback()
                db.engine.dispose()
    report(rows, arguments.learners)


if __name__ == "__main__":
    main()
