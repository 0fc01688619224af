"""`make run`, the command a newcomer tries first: what it starts and how."""
import os
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _make(*args: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key not in ("BASE_URL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=PROJECT, env=environment,
                          capture_output=True, text=True, check=True).stdout


def test_links_in_mail_written_outside_a_request_follow_the_port():
    printed = _make("-s", "--eval", "print-base-url: ; @echo $$BASE_URL", "print-base-url", "PORT=5077")
    assert printed.strip() == "http://127.0.0.1:5077"


def test_make_run_serves_without_the_interactive_debugger_and_starts_the_worker():
    recipe = _make("-n", "run", "PORT=5077")
    (serve,) = [line for line in recipe.splitlines() if " run --" in line]
    assert "--no-debugger" in serve and "--debug " not in serve and "--port 5077" in serve
    assert "course worker" in recipe
