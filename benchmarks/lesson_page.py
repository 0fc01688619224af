"""Load benchmark: an authenticated lesson page against a bare Flask baseline.

Both apps run under gunicorn (same workers, same SQLite database) on 127.0.0.1;
a threaded client holds keep-alive connections for a fixed time against each
and reports requests per second, p50 and p99 latency, and the ratio of the
lesson page's throughput to the baseline's. The time is spent in slices of
``--slice`` seconds taken in turns (lesson, baseline, baseline, lesson, …), so
both see the same background load on a shared machine; ``--slice 0`` loads
one for the whole time, then the other.

    .venv/bin/python benchmarks/lesson_page.py [--seconds 10] [--concurrency 8] [--workers 2] [--slice 1]
"""
import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(app: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", app],
        cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{app} did not start on port {port}")


def session_cookie(response: http.client.HTTPResponse) -> str:
    """The ``session=…`` pair among the response's cookies (sign-in also sets a device cookie)."""
    for header in response.headers.get_all("Set-Cookie") or []:
        pair = header.split(";")[0]
        if pair.startswith("session="):
            return pair
    raise SystemExit("no session cookie in the response")


def sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the real form; return the session cookie header."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", "/login")
    response = connection.getresponse()
    html = response.read().decode()
    cookie = session_cookie(response)
    tag = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html).group(0)
    token = re.search(r'value="([^"]+)"', tag).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    connection.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                               "Cookie": cookie})
    response = connection.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"sign-in failed with {response.status}")
    return session_cookie(response)


def load(port: int, path: str, headers: dict, seconds: float, concurrency: int) -> tuple[list[float], float]:
    """The latency of every request answered in ``seconds``, and the time it took."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                errors.append(response.status)
                break
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    if errors:
        raise SystemExit(f"{path} answered {errors[0]}")
    return latencies, elapsed


def figures(latencies: list[float], elapsed: float) -> dict:
    """Requests per second and latency percentiles."""
    latencies = sorted(latencies)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lesson", default="networking-is-doing")
    parser.add_argument("--slice", type=float, default=1.0, help="seconds per turn; 0: one after the other")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "SECRET_KEY": "benchmark", "DATABASE_URL": f"sqlite:///{folder}/bench.db",
               "SESSION_COOKIE_SECURE": "false", "PYTHONPATH": str(ROOT)}
        flask = [str(BIN / "flask"), "--app", "course"]
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)

        servers, targets = [], {}
        try:
            for name, app in [("lesson page", "course:create_app()"),
                              ("baseline", "benchmarks.baseline_app:create_app()")]:
                port = free_port()
                servers.append(start(app, port, args.workers, env))
                if name == "lesson page":
                    cookie = sign_in(port, "sam@demo.example", "vernetzt-demo")
                    targets[name] = (port, f"/learn/{args.lesson}", {"Cookie": cookie})
                else:
                    targets[name] = (port, "/baseline", {})
            for port, path, headers in targets.values():
                load(port, path, headers, 2, args.concurrency)  # warm-up: caches, connections
            slices = max(1, round(args.seconds / args.slice)) if args.slice else 1
            measured = {name: ([], 0.0) for name in targets}
            for number in range(slices):
                order = list(targets) if number % 4 in (0, 3) else list(reversed(targets))
                for name in order:
                    latencies, elapsed = load(*targets[name], args.seconds / slices, args.concurrency)
                    measured[name] = (measured[name][0] + latencies, measured[name][1] + elapsed)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
        results = {name: figures(*values) for name, values in measured.items()}

    turns = f"in turns of {args.slice:g} s" if args.slice else "one after the other"
    print(f"gunicorn {args.workers} workers, {args.concurrency} connections, {args.seconds:.0f} s each ({turns}), SQLite")
    print(f"{'':<12} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, row in results.items():
        print(f"{name:<12} {row['requests']:>9} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f}")
    ratio = results["lesson page"]["rps"] / results["baseline"]["rps"]
    print(f"ratio lesson page / baseline (req/s): {ratio:.2f}  (aim: at least 0.70)")


if __name__ == "__main__":
    main()
