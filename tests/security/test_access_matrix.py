"""Every route × every role → the expected status.

Organisation A holds the objects; "other trainer" and "other learner" belong
to organisation B and must see nothing of A. A route added without a row here
fails ``test_matrix_covers_every_route``.
"""
import pytest
import sqlalchemy as sa

from course.accounts.models import Role, Track
from course.accounts.services import create_organisation, create_user
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.services import save_draft
from course.extensions import db
from course.guidelines.services import publish, start_draft
from course.mail.services import send_mail
from course.review.models import Review
from course.review.services import save_review
from course.review.submission import submit_draft
from tests.conftest import PASSWORD, csrf_token, database_built_once
from tests.page_checks import duplicate_ids

ROLES = ["anonymous", "learner", "trainer", "admin", "other_trainer", "other_learner"]
LOGIN = "login"  # a redirect to the sign-in page

# The trainer and admin of the home organisation only; the other trainer learns nothing, not even that it exists.
STAFF_OF_HOME = {"anonymous": LOGIN, "learner": 403, "other_learner": 403, "other_trainer": 404, "*": 200}

# Guidelines: everyone of the home organisation reads; the other organisation learns nothing.
HOME_ORGANISATION = {"anonymous": LOGIN, "other_trainer": 404, "other_learner": 404, "*": 200}
# Building them: the home trainer (and leadership learners, tested in tests/guidelines); staff and admins read.
BUILDERS = {**HOME_ORGANISATION, "learner": 403, "admin": 403}

# The trainer material is the same for every trainer; learners and admins are refused.
TRAINERS = {"anonymous": LOGIN, "trainer": 200, "other_trainer": 200, "*": 403}

# A calendar of one's own: learners and trainers, each their own; admins have no reviews to write.
CALENDAR_OWNERS = {"anonymous": LOGIN, "admin": 403, "*": 200}

# (method, path, data, {role: expected}); "*" is the default for roles not named.
MATRIX = [
    ("GET", "/", None, {"anonymous": LOGIN, "learner": 302, "other_learner": 302, "*": 200}),
    ("GET", "/login", None, {"anonymous": 200, "*": 302}),
    ("POST", "/login", {}, {"anonymous": 200, "*": 302}),
    ("POST", "/logout", {}, {"anonymous": LOGIN, "*": 302}),
    ("POST", "/logout/everywhere", {}, {"anonymous": LOGIN, "*": 302}),
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
    ("GET", "/notifications/", None, {"anonymous": LOGIN, "*": 200}),
    ("GET", "/notifications/{message}", None, {"anonymous": LOGIN, "learner": 200, "*": 404}),
    ("POST", "/notifications/read", {}, {"anonymous": LOGIN, "*": 302}),
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
    # The learner has a submitted draft, so an autosave from revision 0 is a conflict.
    ("POST", "/learn/{post}/draft", {}, {"anonymous": LOGIN, "learner": 409, "other_learner": 422, "*": 403}),
    ("GET", "/learn/{post}/versions", None, {"anonymous": LOGIN, "learner": 200, "other_learner": 200, "*": 403}),
    ("GET", "/reviews/", None, {"anonymous": LOGIN, "admin": 403, "*": 200}),
    ("GET", "/reviews/{review}", None, {"anonymous": LOGIN, "learner": 200, "*": 404}),
    ("POST", "/reviews/{review}", {"save": "1"}, {"anonymous": LOGIN, "learner": 302, "*": 404}),
    ("POST", "/reviews/{rated}/rate", {"helpfulness": "5"}, {"anonymous": LOGIN, "learner": 302, "*": 404}),
    ("GET", "/learn/{post}/feedback", None, {"anonymous": LOGIN, "learner": 200, "other_learner": 200, "*": 403}),
    ("GET", "/cohorts/{cohort}/circles", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/circles/form", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("POST", "/cohorts/{cohort}/circles/move", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("GET", "/cohorts/{cohort}/review-settings", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/review-settings", {}, STAFF_OF_HOME),
    ("GET", "/cohorts/{cohort}/reviews", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/reviews/{review}/hide", {}, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/reviews/{review}/reassign", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("POST", "/cohorts/{cohort}/drafts/{draft}/feedback", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("POST", "/cohorts/{cohort}/rebalance", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    # Cohorts: created for an organisation, then edited, deleted, and their people managed.
    ("GET", "/cohorts/new/{organisation}", None, STAFF_OF_HOME),
    ("POST", "/cohorts/new/{organisation}", {}, STAFF_OF_HOME),  # nothing filled in: the form again
    ("GET", "/cohorts/{cohort}/edit", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/edit", {}, STAFF_OF_HOME),
    ("GET", "/cohorts/{cohort}/delete", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/delete", {}, STAFF_OF_HOME),  # the name not typed: the page again
    ("GET", "/cohorts/{cohort}/people", None, STAFF_OF_HOME),
    ("GET", "/cohorts/{cohort}/people/example.csv", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/people/invite", {}, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/people/upload", {}, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/people/confirm", {}, {**STAFF_OF_HOME, "trainer": 400, "admin": 400}),
    ("POST", "/cohorts/{cohort}/people/{member}/resend", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("POST", "/cohorts/{cohort}/people/{member}/revoke", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("POST", "/cohorts/{cohort}/people/{member}/deactivate", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("POST", "/cohorts/{cohort}/people/{member}/reactivate", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    # The dashboard, its exports and reminders, and a learner's page.
    ("GET", "/cohorts/{cohort}/dashboard", None, STAFF_OF_HOME),
    ("GET", "/cohorts/{cohort}/export/learners.csv", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/reminders", {"days": "7"}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("GET", "/cohorts/{cohort}/learners/{member}", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/learners/{member}/remind", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
    ("GET", "/guidelines/", None, {"anonymous": LOGIN, "*": 302}),
    ("GET", "/guidelines/{organisation}", None, HOME_ORGANISATION),
    ("POST", "/guidelines/{organisation}/acknowledge/{published}", {},
     {"anonymous": LOGIN, "learner": 302, "other_learner": 404, "other_trainer": 404, "*": 403}),
    ("GET", "/guidelines/{organisation}/versions", None, HOME_ORGANISATION),
    ("GET", "/guidelines/{organisation}/versions/{published}", None, HOME_ORGANISATION),
    ("GET", "/guidelines/{organisation}/versions/{published}/guidelines.pdf", None, HOME_ORGANISATION),
    # The draft: only those who build the guidelines see it; to readers it does not exist.
    ("GET", "/guidelines/{organisation}/versions/{drafted}", None, {**HOME_ORGANISATION, "learner": 404, "admin": 404}),
    ("POST", "/guidelines/{organisation}/draft", {"language": "de"}, {**BUILDERS, "trainer": 302}),
    ("GET", "/guidelines/{organisation}/draft/details", None, BUILDERS),
    ("POST", "/guidelines/{organisation}/draft/details", {}, BUILDERS),
    ("GET", "/guidelines/{organisation}/draft/sections/{section}", None, BUILDERS),
    ("POST", "/guidelines/{organisation}/draft/sections/{section}", {}, BUILDERS),
    ("POST", "/guidelines/{organisation}/draft/sections/{section}/skip", {}, {**BUILDERS, "trainer": 302}),
    ("POST", "/guidelines/{organisation}/draft/sections/{section}/move", {"direction": "up"},
     {**BUILDERS, "trainer": 302}),
    ("POST", "/guidelines/{organisation}/draft/sections/{section}/delete", {}, {**BUILDERS, "trainer": 302}),
    ("POST", "/guidelines/{organisation}/draft/sections", {}, BUILDERS),
    ("GET", "/guidelines/{organisation}/draft/publish", None, BUILDERS),
    ("POST", "/guidelines/{organisation}/draft/publish", {}, BUILDERS),
    ("POST", "/guidelines/{organisation}/draft/discard", {}, {**BUILDERS, "trainer": 302}),
    ("POST", "/guidelines/{organisation}/preview", {}, BUILDERS),
    ("GET", "/guidelines/{organisation}/acknowledgements", None, {**HOME_ORGANISATION, "learner": 403}),
    ("POST", "/guidelines/{organisation}/acknowledgements/remind", {},
     {**HOME_ORGANISATION, "learner": 403, "trainer": 302, "admin": 302}),
    # Calendars: each person's own (learners and trainers); a cohort's stage dates for its members and staff; the
    # subscription feed by its secret link alone, for everyone the same.
    ("GET", "/calendar/", None, CALENDAR_OWNERS),
    ("POST", "/calendar/link", {}, CALENDAR_OWNERS),
    ("GET", "/calendar/mine.ics", None, CALENDAR_OWNERS),
    ("GET", "/calendar/reviews.ics", None, CALENDAR_OWNERS),
    ("GET", "/calendar/cohorts/{cohort}/stages.ics", None,
     {"anonymous": LOGIN, "other_trainer": 404, "other_learner": 404, "*": 200}),
    ("GET", "/calendar/bad-token.ics", None, {"*": 404}),
    ("GET", "/static/css/app.css", None, {"*": 200}),
    ("GET", "/trainer-material/", None, TRAINERS),
    ("GET", "/trainer-material/sessions/{stage}", None, TRAINERS),
    ("GET", "/trainer-material/sessions/{stage}/session-plan.pdf", None, TRAINERS),
    ("GET", "/trainer-material/circle-guide", None, TRAINERS),
    ("GET", "/trainer-material/circle-guide.pdf", None, TRAINERS),
]


PLACEHOLDERS = {"{message}": "<int:message_id>", "{lesson}": "<slug>", "{post}": "<slug>",
                "{organisation}": "<int:organisation_id>", "bad-token": "<token>", "{cohort}": "<int:cohort_id>",
                "{review}": "<int:review_id>", "{rated}": "<int:review_id>", "{draft}": "<int:draft_id>",
                "{published}": "<int:number>", "{drafted}": "<int:number>", "{section}": "<key>",
                "guidelines.pdf": "guidelines.<any(md, html, pdf):extension>", "{member}": "<int:user_id>",
                "learners.csv": "<any(learners, lessons):kind>.csv", "{stage}": "<stage_key>"}


def _rule_pattern(path: str) -> str:
    for placeholder, converter in PLACEHOLDERS.items():
        path = path.replace(placeholder, converter)
    return path


def test_matrix_covers_every_route(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    covered = {(method, _rule_pattern(path)) for method, path, _data, _expected in MATRIX}
    covered.add(("GET", "/static/<path:filename>"))
    assert routes - covered == set(), "add these routes to MATRIX"


def _build_world() -> dict:
    """Two organisations and everything the routes above need; the e-mail addresses and ids to fill in."""
    home, other = create_organisation("Home GmbH"), create_organisation("Other AG")
    number = iter(range(1, 100))

    def person(role: Role, organisation=None):
        n = next(number)
        track = Track.STAFF if role == Role.LEARNER else None
        return create_user(name=f"Person {n}", email=f"{role.value}{n}@example.org", role=role,
                           organisation=organisation, track=track, password=PASSWORD)

    people = {
        "learner": person(Role.LEARNER, home),
        "trainer": person(Role.TRAINER, home),
        "admin": person(Role.ADMIN),
        "other_trainer": person(Role.TRAINER, other),
        "other_learner": person(Role.LEARNER, other),
    }
    message = send_mail(people["learner"], "Hello", "A message for the home organisation.")
    db.session.commit()
    ids = {"message": message.id, "organisation": home.id, "lesson": "networking-is-doing", "stage": "listening",
           "post": "connection-not-detox", **_reviews(people["learner"], person(Role.LEARNER, home)),
           **_guidelines(home, people["trainer"])}
    return {"emails": {role: user.email for role, user in people.items()}, "ids": ids}


@pytest.fixture(scope="module")
def built_world(migrated_database, tmp_path_factory):
    """The world is built once for the module; every test signs in to its own copy of it."""
    with database_built_once(migrated_database, tmp_path_factory.mktemp("access_matrix"), _build_world) as built:
        yield built


@pytest.fixture(scope="module")
def database_template(built_world) -> str:
    return built_world[0]


@pytest.fixture
def world(built_world) -> dict:
    return built_world[1]


def _reviews(learner, peer) -> dict:
    """The learner and a peer review each other's post: the learner's review is open, the peer's sent."""
    cohort = Cohort(organisation_id=learner.organisation_id, name="Matrix", pacing=Pacing.SELF_PACED)
    cohort.members = [CohortMember(user=learner), CohortMember(user=peer)]
    learner.last_seen_at = peer.last_seen_at = utcnow()
    db.session.add(cohort)
    lesson = lessons.curriculum.lessons["connection-not-detox"]
    drafts = {}
    for author in (learner, peer):
        drafts[author.id] = save_draft(author, lesson, {"post": "A post to review."}, platform="x", revision=0)
        submit_draft(author, lesson, drafts[author.id])
    by = {(r.draft_id, r.reviewer_id): r for r in db.session.scalars(sa.select(Review))}
    rated = by[(drafts[learner.id].id, peer.id)]
    save_review(rated, ratings={"authenticity": 3, "audience_fit": 3, "clarity": 3, "guidelines": 3},
                worked="Clear.", suggestion="Shorter.", submit=True)
    db.session.commit()
    return {"cohort": cohort.id, "member": learner.id, "review": by[(drafts[peer.id].id, learner.id)].id, "rated": rated.id,
            "draft": drafts[peer.id].id}


def _guidelines(organisation, trainer) -> dict:
    """Version 1 published, version 2 drafted."""
    published = start_draft(organisation, trainer, "en")
    publish(published, trainer, "First version.")
    drafted = start_draft(organisation, trainer, "en")
    db.session.commit()
    return {"published": published.number, "drafted": drafted.number, "section": "disclosure"}


def _expected(expectations: dict, role: str):
    return expectations.get(role, expectations.get("*"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "data", "expectations"), MATRIX, ids=[f"{m} {p}" for m, p, *_ in MATRIX])
def test_route_answers_role_as_expected(client, auth, world, role, method, path, data, expectations):
    if role != "anonymous":
        auth.login(world["emails"][role])
    url = path.format(**world["ids"])
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": csrf_token(client), **data})
    if response.mimetype == "text/html":
        assert duplicate_ids(response.get_data(as_text=True)) == []
    response.close()  # static files are streamed from an open file
    if role != "anonymous" and not path.startswith("/static/"):
        # Private pages must not stay in a browser's or a proxy's cache after the person leaves.
        assert response.headers.get("Cache-Control") == "no-store", path
    expected = _expected(expectations, role)
    if expected == LOGIN:
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    else:
        assert response.status_code == expected, response.get_data(as_text=True)[:500]
