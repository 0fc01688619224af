"""Throttle benchmark: do the sign-in limits hold across gunicorn workers?

Starts gunicorn with several workers on 127.0.0.1 (a free port, a temporary
SQLite database, the default configuration), then sends wrong passwords for one
account from one address, each from a new browser (its own cookies and CSRF
token, no device cookie), and counts how many were answered as an ordinary
failure before the first 429. With the limits counted in the database that is
exactly LOGIN_FAILURE_LIMIT however many workers share the load. The server is
stopped at the end, and after --timeout seconds in any case.

    .venv/bin/python benchmarks/login_throttle.py [--workers 4] [--attempts 30] [--timeout 180]
"""
import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lesson_page import BIN, ROOT, free_port, start  # noqa: E402

sys.path.insert(0, str(ROOT))

from course import create_app  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
EMAIL, PASSWORD = "owner@example.org", "the owner's long password"


def wrong_password(port: int) -> int:
    """Sign in with a wrong password from a new browser; the answer's status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/login")
        response = connection.getresponse()
        token = TOKEN.search(response.read().decode()).group(1)
        cookie = response.getheader("Set-Cookie").split(";")[0]
        body = urllib.parse.urlencode({"csrf_token": token, "email": EMAIL, "password": "a wrong guess"})
        connection.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                   "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--attempts", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=180)
    arguments = parser.parse_args()
    deadline = time.monotonic() + arguments.timeout

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "SECRET_KEY": "benchmark", "DATABASE_URL": f"sqlite:///{folder}/bench.db",
               "SESSION_COOKIE_SECURE": "false", "PYTHONPATH": str(ROOT)}
        flask = [str(BIN / "flask"), "--app", "course"]
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "users", "create", "--name", "Owner", "--email", EMAIL, "--role", "admin",
                        "--password", PASSWORD], cwd=ROOT, env=env, check=True, capture_output=True)
        limit = create_app({"SECRET_KEY": "benchmark", "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"]}
                           ).config["LOGIN_FAILURE_LIMIT"]  # as the server reads it: defaults, instance/config.py
        port = free_port()
        server = start("course:create_app()", port, arguments.workers, env)
        statuses = []
        try:
            while len(statuses) < arguments.attempts and time.monotonic() < deadline:
                statuses.append(wrong_password(port))
                if statuses[-1] == 429:
                    break
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    if 429 not in statuses:
        raise SystemExit(f"no 429 in {len(statuses)} wrong passwords (answers: {statuses})")
    answered = statuses.index(429)
    print(f"gunicorn {arguments.workers} workers, SQLite, one account, one address, a new browser each time")
    print(f"wrong passwords answered as a normal failure before the first 429: {answered}")
    print(f"configured limit (LOGIN_FAILURE_LIMIT): {limit}" + ("" if answered == limit else "  -- MISMATCH"))


if __name__ == "__main__":
    main()
