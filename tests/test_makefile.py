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


def test_system_deps_installs_only_what_is_missing(tmp_path):
    """Node.js from NodeSource brings its own npm, and Debian's npm conflicts with it: ask apt for neither."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for present in ("node", "npm"):
        (tools / present).write_text("#!/bin/sh\n")
        (tools / present).chmod(0o755)
    (tools / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path / "apt.log"}\n')
    (tools / "apt-get").chmod(0o755)
    (tools / "ls").symlink_to(subprocess.run(["sh", "-c", "command -v ls"], capture_output=True, text=True,
                                             check=True).stdout.strip())
    environment = {"PATH": str(tools), "HOME": str(tmp_path)}
    make = subprocess.run(["sh", "-c", "command -v make"], capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([make, "--no-print-directory", "-s", "system-deps", "SUDO="], cwd=PROJECT, env=environment,
                   capture_output=True, text=True, check=True)
    install = (tmp_path / "apt.log").read_text().splitlines()[-1].split()
    assert "chromium" in install  # not on this PATH
    assert "nodejs" not in install and "npm" not in install
