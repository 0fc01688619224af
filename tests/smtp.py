"""Fixtures: a real SMTP server (aiosmtpd) on the loopback interface, a port that refuses, one that stays silent."""
import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """Keeps every message the server accepted; answers ``reply`` instead when one is set."""

    def __init__(self):
        self.envelopes = []
        self.reply: str | None = None
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.reply:
            return self.reply
        with self._lock:
            self.envelopes.append(envelope)
        return "250 OK"

    def messages(self):
        return [message_from_bytes(envelope.content, policy=policy.default) for envelope in list(self.envelopes)]


class Server:
    def __init__(self, controller: Controller, recorder: Recorder):
        self.port = controller.port
        self.recorder = recorder

    def configure(self, app) -> None:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=self.port, MAIL_USE_TLS=False)


@pytest.fixture
def smtp_server():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield Server(controller, recorder)
    controller.stop()


@pytest.fixture
def refused_port() -> int:
    """A port on 127.0.0.1 where no server listens: connecting is refused at once."""
    return free_port()


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()
