"""The demo shows single sign-on filled in, while every demo person still signs in with the demo password."""
import re

from course.accounts.services import find_organisation
from course.demo import DEMO_ORGANISATION, DEMO_PASSWORD


def test_the_demo_organisation_shows_a_filled_in_provider_and_passwords_still_work(runner, auth, client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0  # seeding twice changes nothing
    organisation = find_organisation(DEMO_ORGANISATION)
    for email in ("sam@demo.example", "trainer@demo.example"):
        assert auth.login(email, DEMO_PASSWORD).status_code == 302, email
        auth.logout()
    assert auth.login("admin@demo.example", DEMO_PASSWORD).status_code == 302
    html = client.get(f"/organisations/{organisation.id}/sso").get_data(as_text=True)
    assert "https://login.example.com/realms/demo" in html and "demo-sso.example" in html
    assert "vernetzt-leadership = leadership" in html
    assert "demo-client-secret" not in html
    (checkbox,) = re.findall(r'<input[^>]*id="password_sign_in"[^>]*>', html)
    assert "checked" in checkbox  # password sign-in is still allowed
