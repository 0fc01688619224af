"""axe-core, the accessibility engine from npm, on every page of the access matrix as each role that may open it.

The pages are WCAG 2.1 A and AA as axe-core checks them: any violation fails, named with its page and role.
"""
from pathlib import Path

import pytest

from course import PROJECT_ROOT
from course.extensions import db
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.security.test_access_matrix import (  # noqa: F401  (the matrix's world, built once, is a fixture here too)
    MATRIX,
    ROLES,
    _expected,
    built_world,
    database_template,
    world,
)

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# HTML that is no page: the wall's refresh, a fragment its script puts into the wall (checked there).
FRAGMENTS = {"/wall/{wall_token}/posts"}


def pages_of(role: str) -> list[str]:
    """The paths of the matrix a role may open with GET; files (CSV, calendars, PDF) are left out below."""
    return [path for method, path, _data, expectations in MATRIX
            if method == "GET" and _expected(expectations, role) == 200 and not path.startswith("/static/")
            and path not in FRAGMENTS]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{Path(AXE).relative_to(PROJECT_ROOT)} is missing: run `make node-tools`.")
    return AXE.read_text()


def _is_page(page, url: str) -> bool:
    """Whether the browser shows ``url`` as a page, rather than downloading a file (CSV, calendar, PDF, Markdown)."""
    headers = page.request.head(url).headers
    return headers.get("content-type", "").startswith("text/html") and "attachment" not in headers.get(
        "content-disposition", "")


def _violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    found = page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        return result.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
    }""", WCAG_21_AA)
    return list(found)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_opens_has_no_accessibility_violations(app, browsing, world, axe_source, role):  # noqa: F811
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the pages are the same on every database: checked once, on SQLite")
    # Only the engine's script runs beside the page's own: the page's Content-Security-Policy would refuse it.
    page = browsing.new_page(bypass_csp=True)
    if role != "anonymous":
        sign_in(page, world["emails"][role], PASSWORD)
    checked, problems = [], {}
    for path in pages_of(role):
        url = path.format(**world["ids"])
        if not _is_page(page, url):
            continue
        response = page.goto(url)
        assert response is not None and response.status == 200, (role, url)
        checked.append(url)
        if violations := _violations(page, axe_source):
            problems[url] = violations
    assert checked, "no page was checked"
    assert problems == {}, f"{role}: {problems}"
