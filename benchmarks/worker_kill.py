"""Kill the worker with SIGKILL in the middle of a batch, start it again, count what arrived.

Writes a batch of messages (default 500) into the outbox of a temporary SQLite database, starts
`flask worker` against a real SMTP server (aiosmtpd) on 127.0.0.1, kills it with `kill -9` once a
given share of the batch has arrived, waits for the dead worker's claim to expire, starts a new
worker and waits until the outbox says everything is delivered (bounded by --timeout). Reports how
many arrived before the kill, after the restart, how many arrived twice, and the delivery rate of
the first worker.

    .venv/bin/python benchmarks/worker_kill.py [--messages 500] [--kill-at 0.3] [--threads 2]
"""
import argparse
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask_migrate import upgrade

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from course import create_app  # noqa: E402
from course.accounts.models import Organisation, Role, Track  # noqa: E402
from course.accounts.services import create_user  # noqa: E402
from course.extensions import db  # noqa: E402
from course.mail.models import MessageStatus, OutboxMessage  # noqa: E402
from course.mail.services import Mail, send_mails  # noqa: E402

CLAIM_TIMEOUT = 3


class Recorder:
    def __init__(self):
        self.message_ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.message_ids.append(message_from_bytes(envelope.content, policy=policy.default)["Message-ID"])
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition, timeout: float, interval: float = 0.01) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--kill-at", type=float, default=0.3, help="share of the batch delivered before the kill")
    parser.add_argument("--threads", type=int, default=2, help="worker threads")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    folder = tempfile.mkdtemp(prefix="vernetzt-worker-")
    database, queue = f"sqlite:///{folder}/bench.db", f"sqlite:///{folder}/tasks.db"
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=_free_port())
    controller.start()
    config = {"SECRET_KEY": "benchmark", "SQLALCHEMY_DATABASE_URI": database, "TASK_QUEUE_URL": queue,
              "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port, "MAIL_USE_TLS": False}
    app = create_app(config)
    with app.app_context():
        upgrade()
        organisation = Organisation(name="Benchmark AG")
        db.session.add(organisation)
        person = create_user(name="Reader", email="reader@bench.example", role=Role.LEARNER,
                             organisation=organisation, track=Track.STAFF)
        send_mails([Mail(person, f"Message {number}", "Hello from the benchmark.") for number in range(args.messages)])
        db.session.commit()

    def sent() -> int:
        with app.app_context():
            return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                                     .where(OutboxMessage.status == MessageStatus.SENT))

    environment = {**os.environ, "SECRET_KEY": "benchmark", "DATABASE_URL": database, "TASK_QUEUE_URL": queue,
                   "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(controller.port), "MAIL_USE_TLS": "false",
                   "MAIL_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT)}
    command = [sys.executable, "-m", "flask", "--app", "course", "worker", "--workers", str(args.threads)]

    def start():
        return subprocess.Popen(command, cwd=PROJECT, env=environment,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    worker = start()
    try:
        target = int(args.messages * args.kill_at)
        _wait(lambda: len(recorder.message_ids) >= 1, timeout=60)
        first_at = time.monotonic()
        _wait(lambda: len(recorder.message_ids) >= target, timeout=args.timeout)
        rate = len(recorder.message_ids) / max(time.monotonic() - first_at, 1e-6)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        at_kill = len(recorder.message_ids)
        recorded_at_kill = sent()
        time.sleep(CLAIM_TIMEOUT + 0.5)
        restarted = time.monotonic()
        worker = start()
        finished = _wait(lambda: sent() == args.messages, timeout=args.timeout, interval=0.2)
        recovery = time.monotonic() - restarted
    finally:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=10)
        controller.stop()

    copies = Counter(recorder.message_ids)
    print(f"{args.messages} messages, worker with {args.threads} thread(s), killed with SIGKILL after "
          f"{at_kill} had arrived ({recorded_at_kill} recorded as sent at that moment).")
    print(f"First worker delivered about {rate:.0f} messages/s to the local SMTP server.")
    print(f"After the restart: {'all delivered' if finished else 'NOT all delivered'} in {recovery:.1f} s; "
          f"{sent()} recorded as sent, {len(copies)} distinct messages arrived, "
          f"{sum(c - 1 for c in copies.values())} arrived twice (at most one per thread in flight at the kill).")


if __name__ == "__main__":
    main()
