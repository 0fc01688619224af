"""Browser tests: Playwright drives Debian's Chromium against a live server."""
import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make system-deps`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    """The app served over HTTP on a free loopback port, in a background thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


class Browsing:
    """A fresh browser context per person, with console errors collected."""

    def __init__(self, browser, base_url):
        self._browser = browser
        self.base_url = base_url
        self.contexts = []
        self.console_errors = []
        self.expected_statuses: set[int] = set()

    def expect_status(self, status: int) -> None:
        """A page answering ``status`` is part of the test, not a browser error."""
        self.expected_statuses.add(status)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        if any(f"status of {status} " in message.text for status in self.expected_statuses):
            return
        self.console_errors.append(message.text)

    def new_page(self, *, locale="en-GB", viewport=None, **options):
        context = self._browser.new_context(
            base_url=self.base_url, locale=locale, viewport=viewport or {"width": 1280, "height": 860}, **options
        )
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser, live_server):
    session = Browsing(browser, live_server)
    yield session
    session.close()
    assert session.console_errors == [], "the browser reported errors (a CSP violation?)"


def screenshot(page, name: str) -> Path:
    """Save a screenshot: into SCREENSHOT_DIR when set (README images), else artifacts/."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or ARTIFACTS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, email: str, password: str):
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
