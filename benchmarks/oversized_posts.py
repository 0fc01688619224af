"""How long the composer takes to answer a post that is too long, against a normal one.

A signed-in learner saves, through the app's test client, a post of

  - 200 characters (the baseline: saved, redirected),
  - 20,001 characters (one over what a draft holds: refused at the field, shown back),
  - 1.9 MB (under the app's request limit, far over the field's: refused, shown back),
  - 50 MB (over the request limit: the 413 page).

It reports the median wall time of ``--runs`` requests of each (the body is encoded before the clock
starts) and the ratio to the baseline.

    .venv/bin/python benchmarks/oversized_posts.py [--runs 5]

It runs on a temporary SQLite file.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course import create_app  # noqa: E402
from course.accounts import services  # noqa: E402
from course.accounts.models import Role, Track  # noqa: E402
from course.extensions import db  # noqa: E402

PASSWORD = "benchmark password"
SLUG = "connection-not-detox"
SIZES = {"200 characters": 200, "20,001 characters": 20_001, "1.9 MB": 1_900_000, "50 MB": 50_000_000}


def token_of(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "benchmark", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                          "SESSION_COOKIE_SECURE": False, "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST_KIB": 1024})
        with app.app_context():
            upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))
            organisation = services.create_organisation("Bench AG")
            services.create_user(name="Bea Bench", email="bea@bench.example", role=Role.LEARNER,
                                 organisation=organisation, track=Track.STAFF, password=PASSWORD)
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"email": "bea@bench.example", "password": PASSWORD,
                                    "csrf_token": token_of(client, "/login")})
        token = token_of(client, f"/learn/{SLUG}/write")
        medians = {}
        for label, size in SIZES.items():
            times, status = [], None
            for run in range(runs):
                # Each baseline save is accepted and moves the draft on by one revision.
                revision = run if size == 200 else runs
                data = {"csrf_token": token, "revision": str(revision), "platform": "x", "save": "1",
                        "text_post": ("Hallo Netzwerk. " * (size // 16 + 1))[:size - 1] + str(run % 10)}
                body = urlencode(data).encode("ascii")  # encoded before the clock starts: the server's time only
                started = time.perf_counter()
                status = client.post(f"/learn/{SLUG}/write", data=body,
                                     content_type="application/x-www-form-urlencoded").status_code
                times.append(time.perf_counter() - started)
            medians[label] = statistics.median(times)
            print(f"{label:>18}: {medians[label] * 1000:9.1f} ms median of {runs} (status {status}), "
                  f"{medians[label] / medians['200 characters']:6.1f}x the 200-character post")


if __name__ == "__main__":
    main()
