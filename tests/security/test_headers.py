"""Security headers, cookies and safe redirects."""
import pytest

from course.security import is_safe_next


def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_and_nothing_from_elsewhere(client, auth, admin):
    auth.login(admin.email)
    for path in ["/", "/login", "/profile", "/outbox/"]:
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "onclick" not in html and "style=" not in html
        assert "https://" not in html and "http://" not in html.replace('xmlns="http://', "")


def test_static_files_stay_cacheable_for_a_signed_in_person(client, auth, learner):
    auth.login(learner.email)
    response = client.get("/static/css/app.css")
    response.close()
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert client.get("/profile").headers["Cache-Control"] == "no-store"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    assert "Strict-Transport-Security" in client.get("/login", base_url="https://localhost").headers


def test_session_cookie_is_httponly_and_lax(app, client, auth, learner):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = auth.login(learner.email)
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" in header


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/", True), ("/profile?tab=1", True), ("/a/b#c", True),
        (None, False), ("", False), ("profile", False), ("//evil.example", False),
        ("/\\evil.example", False), ("https://evil.example/", False), ("/\x00x", False),
        ("javascript:alert(1)", False), ("/%0d%0aSet-Cookie:x", True),
    ],
)
def test_is_safe_next(target, safe):
    assert is_safe_next(target) is safe
