"""The real worker (`flask worker`, Huey's consumer) in its own process, against a real SMTP server."""
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from huey.storage import SqliteStorage

from course.extensions import db
from course.mail.models import MessageStatus, OutboxMessage
from course.mail.services import compose_mail, send_mails
from course.worker import huey
from tests.conftest import csrf_token

PROJECT = Path(__file__).resolve().parents[2]
CLAIM_TIMEOUT = 2


@pytest.fixture
def worker(app, smtp_server, tmp_path, monkeypatch):
    """Starts `flask worker` on the test database and a queue both this app and the worker use."""
    smtp_server.configure(app)
    queue = tmp_path / "tasks.db"
    monkeypatch.setattr(huey, "storage", SqliteStorage(huey.name, filename=str(queue)))
    environment = {
        **os.environ,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "TASK_QUEUE_URL": f"sqlite:///{queue}",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_server.port),
        "MAIL_USE_TLS": "false",
        "MAIL_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
        "BASE_URL": "http://localhost",
    }
    processes = []

    def start() -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "course", "worker", "--workers", "1"],
                                   cwd=PROJECT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _count(status: MessageStatus) -> int:
    db.session.rollback()  # see what the worker committed
    return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.status == status))


def _wait_for(condition, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def test_a_password_reset_reaches_the_mail_server_after_the_request(client, learner, worker, smtp_server):
    worker()
    time.sleep(3)  # the worker is up and has caught up with nothing
    response = client.post("/reset-password", data={"email": learner.email, "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert _wait_for(lambda: smtp_server.recorder.envelopes, timeout=30)
    (mail,) = smtp_server.recorder.messages()
    assert mail["To"] == learner.email and "/reset-password/" in mail.get_content()
    assert _count(MessageStatus.SENT) == 1


def test_killing_the_worker_mid_batch_loses_nothing_and_sends_at_most_one_twice(app, learner, worker, smtp_server):
    batch = 500
    mail = compose_mail(learner, "Batch", "mail/reminder.txt", reasons=[], course_link="x")
    send_mails([mail] * batch)
    db.session.commit()

    first = worker()
    assert _wait_for(lambda: len(smtp_server.recorder.envelopes) >= 100, timeout=60, interval=0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    delivered_before_restart = len(smtp_server.recorder.envelopes)
    assert delivered_before_restart < batch, "the worker finished before it could be killed"

    time.sleep(CLAIM_TIMEOUT + 0.5)  # the dead worker's claim expires
    worker()
    assert _wait_for(lambda: _count(MessageStatus.SENT) == batch, timeout=120, interval=0.2)
    ids = Counter(message["Message-ID"] for message in smtp_server.recorder.messages())
    assert len(ids) == batch  # every message arrived
    assert sum(count - 1 for count in ids.values()) <= 1  # only the one in flight at the kill can come twice
