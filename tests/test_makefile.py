"""`make run`, the command a newcomer tries first: what it starts and how."""
import os
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _make(*args: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key not in ("BASE_URL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=PROJECT, env=environment,
                          capture_output=True, text=True, check=True).stdout


def _environment_of(prefix: str) -> str:
    """What BASE_URL the start of a recipe line gives the command after it."""
    environment = {key: value for key, value in os.environ.items() if key != "BASE_URL"}
    return subprocess.run(["sh", "-c", f"{prefix} printenv BASE_URL"], env=environment,
                          capture_output=True, text=True, check=True).stdout.strip()


def test_links_in_mail_written_outside_a_request_follow_the_port():
    recipe = _make("-n", "run", "PORT=5077").splitlines()
    (seed,) = [line for line in recipe if "seed-demo" in line]
    (serve,) = [line for line in recipe if line.startswith("export BASE_URL")]  # for the worker and the server
    assert _environment_of(seed.split(".venv/bin/flask")[0]) == "http://127.0.0.1:5077"
    assert _environment_of(serve.rstrip(" \\")) == "http://127.0.0.1:5077"


def test_the_test_suite_is_not_given_the_demo_address():
    environment = _make("-s", "--eval", "show-env: ; @env", "show-env").splitlines()
    assert [line for line in environment if line.startswith("BASE_URL=")] == []


def test_make_run_serves_without_the_interactive_debugger_and_starts_the_worker():
    recipe = _make("-n", "run", "PORT=5077")
    (serve,) = [line for line in recipe.splitlines() if " run --" in line]
    assert "--no-debugger" in serve and "--debug " not in serve and "--port 5077" in serve
    assert "course worker" in recipe
