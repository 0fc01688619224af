"""Actions that write mail, while the mail server is fine, refuses connections, or never answers.

Seeds the demo organisation on a temporary SQLite file for each case, then times through the app's
test client the actions that used to talk SMTP inside the request: a password reset, an
invitation, a trainer's reminder, and a learner submitting a post (which assigns reviewers and
mails them). Every case must answer as fast as with no mail server at all, and every message must
be waiting in the outbox afterwards. Then it lets the delivery run once against the broken server
and reports what the outbox says.

    .venv/bin/python benchmarks/mail_outage.py [--runs 3]
"""
import argparse
import logging
import os
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course import create_app  # noqa: E402
from course.accounts.models import User  # noqa: E402
from course.demo import DEMO_PASSWORD, seed_demo  # noqa: E402
from course.extensions import db  # noqa: E402
from course.mail.delivery import deliver_due  # noqa: E402
from course.mail.models import MessageStatus, OutboxMessage  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
WRITERS = ["emre@demo.example", "hannah@demo.example", "tobias@demo.example", "priya@demo.example"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SilentServer:
    """Accepts connections and never answers, like a mail server behind a dead firewall rule."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.connections.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        for connection in self.connections:
            connection.close()
        self.listener.close()


def _token(client, path: str) -> str:
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def _sign_in(app, email: str):
    client = app.test_client()
    client.post("/login", data={"email": email, "password": DEMO_PASSWORD, "csrf_token": _token(client, "/login")})
    return client


def _timed(call) -> float:
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    assert response.status_code in (200, 302), response.status_code
    return elapsed


def run_case(name: str, mail_config: dict, runs: int) -> dict:
    folder = tempfile.mkdtemp(prefix="vernetzt-mail-")
    app = create_app({"SECRET_KEY": "benchmark", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                      "TASK_QUEUE_URL": f"sqlite:///{folder}/tasks.db", "SESSION_COOKIE_SECURE": False,
                      "BASE_URL": "http://127.0.0.1:5000", "MAIL_USE_TLS": False, "MAIL_TIMEOUT": 10,
                      **mail_config})
    times: dict[str, list[float]] = {"password reset": [], "invitation": [], "reminder": [], "submit a post": []}
    with app.app_context():  # requests run outside it, each with a fresh context, as in production
        upgrade()
        seed_demo()
        db.session.commit()
        before = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
        learner_ids = [db.session.scalar(sa.select(User.id).where(User.email == email)) for email in WRITERS]
    anonymous = app.test_client()
    trainer = _sign_in(app, "trainer@demo.example")
    for number in range(runs):
        times["password reset"].append(_timed(lambda: anonymous.post("/reset-password", data={
            "email": "lea@demo.example", "csrf_token": _token(anonymous, "/reset-password")})))
        times["invitation"].append(_timed(lambda n=number: trainer.post("/cohorts/1/people/invite", data={
            "name": f"New Person {n}", "email": f"new{n}@demo.example", "track": "staff",
            "csrf_token": _token(trainer, "/cohorts/1/people")})))
        times["reminder"].append(_timed(lambda user_id=learner_ids[number]: trainer.post(
            f"/cohorts/1/learners/{user_id}/remind", data={"csrf_token": _token(trainer, "/cohorts/1/people")})))
        writer = _sign_in(app, WRITERS[number])
        page = writer.get("/learn/connection-not-detox/write").get_data(as_text=True)
        field = re.search(r'<textarea[^>]* name="([^"]+)"', page).group(1)
        times["submit a post"].append(_timed(lambda w=writer, f=field, p=page: w.post(
            "/learn/connection-not-detox/write", data={
                f: "Ich habe heute gelernt, wie ein gemeinsamer Hashtag aus Publikum ein Netzwerk macht. #Vernetzt",
                "platform": "mastodon", "revision": "0", "submit": "1",
                "csrf_token": TOKEN.search(p).group(1)})))
    with app.app_context():
        statement = sa.select(OutboxMessage.status, sa.func.count()).where(OutboxMessage.id > before)
        written = dict(db.session.execute(statement.group_by(OutboxMessage.status)).all())
        delivery_started = time.perf_counter()
        delivery = deliver_due() if mail_config.get("MAIL_SERVER") else None
        delivery_seconds = time.perf_counter() - delivery_started
        errors = set(db.session.scalars(sa.select(OutboxMessage.last_error).where(OutboxMessage.last_error.is_not(None))))
        db.engine.dispose()
    return {"name": name, "times": times, "written": written, "delivery": delivery,
            "delivery_seconds": delivery_seconds, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, choices=range(1, len(WRITERS) + 1))
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    os.environ.pop("MAIL_SERVER", None)
    silent = SilentServer()
    cases = [
        ("no mail server (baseline)", {"MAIL_SERVER": None}),
        ("SMTP refused", {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": _free_port()}),
        ("SMTP unreachable (silent)", {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": silent.port}),
    ]
    results = [run_case(name, config, args.runs) for name, config in cases]
    silent.close()
    baseline = {action: statistics.median(values) for action, values in results[0]["times"].items()}
    print(f"Median / slowest of {args.runs} requests per action, and the ratio of the median to the baseline:\n")
    print(f"| case | {' | '.join(baseline)} |")
    print(f"|---|{'---|' * len(baseline)}")
    for result in results:
        cells = []
        for action, values in result["times"].items():
            median = statistics.median(values)
            cells.append(f"{median * 1000:.0f} / {max(values) * 1000:.0f} ms ({median / baseline[action]:.2f})")
        print(f"| {result['name']} | {' | '.join(cells)} |")
    print()
    for result in results:
        written = ", ".join(f"{count} {status}" for status, count in sorted(result["written"].items()))
        line = f"{result['name']}: messages written by the actions: {written}"
        if result["delivery"] is not None:
            run = result["delivery"]
            line += (f"; one delivery run took {result['delivery_seconds']:.1f} s: {run.sent} sent, "
                     f"{run.retrying} to retry, {run.failed} failed; last error: {', '.join(result['errors'])}")
        print(line)
    slowest = max(max(values) for result in results for values in result["times"].values())
    lost = [r["name"] for r in results[1:] if r["written"].get(MessageStatus.WAITING, 0) == 0]
    print(f"\nSlowest action in any case: {slowest * 1000:.0f} ms. Cases that lost messages: {lost or 'none'}.")


if __name__ == "__main__":
    main()
