"""Timing benchmark: does a wrong password take as long for an unknown address as for a known one?

Signs in N times, in turns, through the real form (POST /login, in process, production
Argon2id parameters, a temporary SQLite database) with a wrong password, once
for an address that has an account and once for one that has none, and reports
the median of each and their ratio. A ratio near 1.00 means the answer's timing
does not tell whether an address has an account.

    .venv/bin/python benchmarks/login_timing.py [--runs 15]
"""
import argparse
import logging
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from course import create_app  # noqa: E402
from course.accounts.models import Role  # noqa: E402
from course.accounts.services import create_user  # noqa: E402
from course.extensions import db  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def sign_in_once(client, token: str, email: str) -> float:
    """Seconds of one wrong-password sign-in for ``email``."""
    started = time.perf_counter()
    response = client.post("/login", data={"email": email, "password": "not the password", "csrf_token": token})
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"a wrong password answered {response.status_code}, not the form again")
    return elapsed


def median_sign_ins(client, emails: list[str], runs: int) -> list[float]:
    """Median milliseconds of wrong-password sign-ins for each address, taken in turns so that
    other load on the machine weighs on every address alike."""
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    for email in emails:
        sign_in_once(client, token, email)  # warm-up: templates, the stand-in hash
    timings = [[sign_in_once(client, token, email) for email in emails] for _ in range(runs)]
    return [1000 * statistics.median(column) for column in zip(*timings, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # The sign-in throttle would answer 429 after a few failures; here every attempt must reach the password check.
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "SECRET_KEY": "benchmark",
                          "MAIL_SERVER": None, "SESSION_COOKIE_SECURE": False,
                          "LOGIN_FAILURE_LIMIT": 10**6})
        with app.app_context():
            logging.disable(logging.INFO)  # the migrations' progress lines
            upgrade()
            logging.disable(logging.NOTSET)
            create_user(name="Known Person", email="known@example.org", role=Role.ADMIN, password="the real password")
            db.session.commit()
            client = app.test_client()
            known, unknown = median_sign_ins(client, ["known@example.org", "unknown@example.org"], arguments.runs)
            db.engine.dispose()
        config = app.config
    print(f"Argon2id t={config['ARGON2_TIME_COST']} m={config['ARGON2_MEMORY_COST_KIB']} KiB "
          f"p={config['ARGON2_PARALLELISM']}, median of {arguments.runs} wrong-password sign-ins each")
    print(f"known address     {known:8.1f} ms")
    print(f"unknown address   {unknown:8.1f} ms")
    print(f"ratio unknown / known: {unknown / known:.2f}  (aim: between 0.90 and 1.10)")


if __name__ == "__main__":
    main()
