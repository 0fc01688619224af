"""Every route × every role → the expected status.

Organisation A holds the objects; "other trainer" and "other learner" belong
to organisation B and must see nothing of A. A route added without a row here
fails ``test_matrix_covers_every_route``.
"""
import pytest

from course.accounts.models import Role
from course.extensions import db
from course.mail.services import send_mail
from tests.conftest import csrf_token

ROLES = ["anonymous", "learner", "trainer", "admin", "other_trainer", "other_learner"]
LOGIN = "login"  # a redirect to the sign-in page

# (method, path, data, {role: expected}); "*" is the default for roles not named.
MATRIX = [
    ("GET", "/", None, {"anonymous": LOGIN, "learner": 302, "other_learner": 302, "*": 200}),
    ("GET", "/login", None, {"anonymous": 200, "*": 302}),
    ("POST", "/login", {}, {"anonymous": 200, "*": 302}),
    ("POST", "/logout", {}, {"anonymous": LOGIN, "*": 302}),
    ("GET", "/reset-password", None, {"*": 200}),
    ("POST", "/reset-password", {}, {"*": 200}),
    ("GET", "/reset-password/bad-token", None, {"*": 400}),
    ("POST", "/reset-password/bad-token", {}, {"*": 400}),
    ("GET", "/invitation/bad-token", None, {"*": 400}),
    ("POST", "/invitation/bad-token", {}, {"*": 400}),
    ("GET", "/profile", None, {"anonymous": LOGIN, "*": 200}),
    ("POST", "/profile", {}, {"anonymous": LOGIN, "*": 200}),
    ("GET", "/profile/password", None, {"anonymous": LOGIN, "*": 200}),
    ("POST", "/profile/password", {}, {"anonymous": LOGIN, "*": 200}),
    ("POST", "/language", {"language": "en"}, {"*": 302}),
    ("GET", "/outbox/", None, {"anonymous": LOGIN, "learner": 403, "other_learner": 403, "*": 200}),
    ("GET", "/outbox/{message}", None,
     {"anonymous": LOGIN, "learner": 403, "other_learner": 403, "other_trainer": 404, "*": 200}),
    ("GET", "/organisations/{organisation}", None,
     {"anonymous": LOGIN, "learner": 403, "other_learner": 403, "other_trainer": 404, "*": 200}),
    ("POST", "/organisations/", {"name": "New organisation"},
     {"anonymous": LOGIN, "admin": 302, "*": 403}),
    ("GET", "/learn/", None, {"anonymous": LOGIN, "*": 200}),
    ("GET", "/learn/{lesson}", None, {"anonymous": LOGIN, "*": 200}),
    ("POST", "/learn/{lesson}/read", {}, {"anonymous": LOGIN, "learner": 302, "other_learner": 302, "*": 403}),
    ("POST", "/learn/{lesson}/exercise", {}, {"anonymous": LOGIN, "learner": 200, "other_learner": 200, "*": 403}),
    ("GET", "/learn/{post}/write", None, {"anonymous": LOGIN, "learner": 200, "other_learner": 200, "*": 403}),
    ("POST", "/learn/{post}/write", {}, {"anonymous": LOGIN, "learner": 200, "other_learner": 200, "*": 403}),
    ("POST", "/learn/{post}/draft", {}, {"anonymous": LOGIN, "learner": 422, "other_learner": 422, "*": 403}),
    ("GET", "/learn/{post}/versions", None, {"anonymous": LOGIN, "learner": 200, "other_learner": 200, "*": 403}),
    ("GET", "/static/css/app.css", None, {"*": 200}),
]


def _rule_pattern(path: str) -> str:
    return path.replace("{message}", "<int:message_id>").replace("{lesson}", "<slug>").replace("{post}", "<slug>").replace(
        "{organisation}", "<int:organisation_id>").replace("bad-token", "<token>")


def test_matrix_covers_every_route(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    covered = {(method, _rule_pattern(path)) for method, path, _data, _expected in MATRIX}
    covered.add(("GET", "/static/<path:filename>"))
    assert routes - covered == set(), "add these routes to MATRIX"


@pytest.fixture
def world(create_organisation, create_user):
    home, other = create_organisation("Home GmbH"), create_organisation("Other AG")
    people = {
        "learner": create_user(Role.LEARNER, organisation=home),
        "trainer": create_user(Role.TRAINER, organisation=home),
        "admin": create_user(Role.ADMIN),
        "other_trainer": create_user(Role.TRAINER, organisation=other),
        "other_learner": create_user(Role.LEARNER, organisation=other),
    }
    message = send_mail(people["learner"], "Hello", "A message for the home organisation.")
    db.session.commit()
    ids = {"message": message.id, "organisation": home.id, "lesson": "networking-is-doing",
           "post": "connection-not-detox"}
    return {"people": people, "ids": ids}


def _expected(expectations: dict, role: str):
    return expectations.get(role, expectations.get("*"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "data", "expectations"), MATRIX, ids=[f"{m} {p}" for m, p, *_ in MATRIX])
def test_route_answers_role_as_expected(client, auth, world, role, method, path, data, expectations):
    if role != "anonymous":
        auth.login(world["people"][role].email)
    url = path.format(**world["ids"])
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": csrf_token(client), **data})
    response.close()  # static files are streamed from an open file
    expected = _expected(expectations, role)
    if expected == LOGIN:
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    else:
        assert response.status_code == expected, response.get_data(as_text=True)[:500]
