"""The event wall at scale and in a browser: page weight, statements per refresh, and the delay of an approval.

Seeds (not measured) an event with 10 posts (the baseline) and one with 500 outside posts of 500 characters,
then, through the app's test client:

  - the wall page and its refresh fragment: bytes, SQL statements, median time of the requests;
  - an unchanged refresh (the 204 every wall asks for every few seconds): statements, median time;

each for the 500-post event next to the 10-post one measured in the same run, with the ratio. Then it serves
the app on 127.0.0.1, opens the 500-post wall in Chromium (Debian's, through Playwright) and approves a waiting
post --approvals times, reporting how long each took to appear on the wall (the wall asks every 4 s).

    .venv/bin/python benchmarks/wall.py [--runs 20] [--approvals 5]
"""
import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course import create_app  # noqa: E402
from course.accounts import services as accounts  # noqa: E402
from course.cohorts.models import Cohort  # noqa: E402
from course.database import utcnow  # noqa: E402
from course.events import services  # noqa: E402
from course.events.models import Event, PostState, Source, WallPost  # noqa: E402
from course.extensions import db  # noqa: E402

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def seed_event(organisation, cohort, name: str, posts: int, length: int) -> tuple[Event, str]:
    now = utcnow()
    event = Event(organisation_id=organisation.id, name=name, hashtag=f"#{name.replace(' ', '')}", cohorts=[cohort],
                  starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=5))
    db.session.add(event)
    db.session.flush()
    db.session.add_all([WallPost(event_id=event.id, source=Source.MASTODON, external_id=f"{event.id}-{n}",
                                 author=f"@guest{n}@social.example", text=(f"Post {n} from the hall. " * 40)[:length],
                                 url=f"https://social.example/@guest/{n}", posted_at=now - timedelta(seconds=n),
                                 state=PostState.SHOWN) for n in range(posts)])
    token = services.new_wall_link(event)
    db.session.commit()
    return event, token


def measure(client, path: str, runs: int, status: int = 200) -> dict:
    statements = []

    def count(*_args):
        statements.append(1)

    times = []
    size = 0
    for run in range(runs):
        if run == 0:
            sa.event.listen(db.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        if run == 0:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == status, (path, response.status_code)
        size = len(response.data)
    return {"ms": statistics.median(times) * 1000, "statements": len(statements), "bytes": size}


def approval_delays(app, event_id: int, token: str, approvals: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    delays = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"http://127.0.0.1:{server.server_port}/wall/{token}")
            for number in range(approvals):
                text = f"Approved post number {number}"
                with app.app_context():
                    event = db.session.get(Event, event_id)
                    post = WallPost(event_id=event_id, source=Source.BLUESKY, external_id=f"approval-{number}",
                                    author="@guest.bsky.social", text=text, url="https://bsky.app/x",
                                    posted_at=utcnow() + timedelta(minutes=number + 1), state=PostState.WAITING)
                    db.session.add(post)
                    db.session.flush()
                    trainer = db.session.scalar(sa.select(accounts.User).where(accounts.User.email == "t@bench.invalid"))
                    services.moderate(post, event, PostState.SHOWN, trainer)
                    db.session.commit()
                approved = time.perf_counter()
                page.get_by_text(text).wait_for(timeout=20_000)
                delays.append(time.perf_counter() - approved)
                time.sleep(1.3 * number % 4)  # approvals at different points of the wall's cycle
            browser.close()
    finally:
        server.shutdown()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--approvals", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "SECRET_KEY": "benchmark",
                          "MAIL_SERVER": None, "BASE_URL": "http://localhost", "SESSION_COOKIE_SECURE": False,
                          "RATELIMIT_ENABLED": False})
        with app.app_context():
            logging.disable(logging.INFO)
            upgrade()
            logging.disable(logging.NOTSET)
            organisation = accounts.create_organisation("Benchmark")
            accounts.create_user(name="Trainer", email="t@bench.invalid", role=accounts.Role.TRAINER,
                                 organisation=organisation, password="benchmark password")
            cohort = Cohort(organisation_id=organisation.id, name="Benchmark cohort")
            db.session.add(cohort)
            small, small_token = seed_event(organisation, cohort, "Small day", 10, 120)
            large, large_token = seed_event(organisation, cohort, "Large day", 500, 500)
            client = app.test_client()
            rows = []
            for name, path, status in (("wall page", "/wall/{}", 200), ("refresh, changed", "/wall/{}/posts?version=0", 200),
                                       ("refresh, unchanged", "/wall/{}/posts?version={}", 204)):
                client.get(path.format(small_token, small.wall_version))  # warm
                rows.append((name, measure(client, path.format(large_token, large.wall_version), arguments.runs, status),
                             measure(client, path.format(small_token, small.wall_version), arguments.runs, status)))
            large_id = large.id
        delays = approval_delays(app, large_id, large_token, arguments.approvals)
    print("\nThe wall of an event with 500 posts against one with 10 (same run, median of the requests)\n")
    print(f"{'request':<20} {'ms':>7} {'base ms':>8} {'ratio':>6} {'stmts':>6} {'base':>5} {'KiB':>7} {'base KiB':>9}")
    for name, big, base in rows:
        print(f"{name:<20} {big['ms']:7.2f} {base['ms']:8.2f} {big['ms'] / base['ms']:6.2f} {big['statements']:6d} "
              f"{base['statements']:5d} {big['bytes'] / 1024:7.1f} {base['bytes'] / 1024:9.1f}")
    print(f"\nApproval to visible on the wall, {len(delays)} approvals: "
          + ", ".join(f"{delay:.1f} s" for delay in delays)
          + f" (median {statistics.median(delays):.1f} s, longest {max(delays):.1f} s)")


if __name__ == "__main__":
    main()
