"""Every route × every role → the expected status.

Organisation A holds the objects; "other trainer" and "other learner" belong
to organisation B and must see nothing of A. A route added without a row here
fails ``test_matrix_covers_every_route``.
"""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role, Track
from course.accounts.services import create_organisation, create_user
from course.cohorts.models import Circle, Cohort, CohortMember, Pacing
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.services import save_draft
from course.events.models import Event, Source, WallPost
from course.events.services import new_wall_link
from course.extensions import db
from course.guidelines.services import publish, start_draft
from course.mail.services import send_mail
from course.network.models import NetworkProfile, Presence, Publication, Visibility
from course.review.models import Review
from course.review.services import save_review
from course.review.submission import submit_draft
from course.rounds.models import CircleRound
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

# Events: their planners and moderators are the home staff; another organisation learns nothing, its learners too.
EVENT_STAFF = {**STAFF_OF_HOME, "other_learner": 404}

# The trainer material is the same for all staff, trainers of any organisation and admins; learners are refused.
ALL_STAFF = {"anonymous": LOGIN, "learner": 403, "other_learner": 403, "*": 200}

# A round of the learner's circle: its members read and write; other learners get 404, staff 403.
CIRCLE = {"anonymous": LOGIN, "learner": 200, "other_learner": 404, "*": 403}
LEARNERS = {"anonymous": LOGIN, "learner": 200, "other_learner": 200, "*": 403}

# A calendar of one's own: learners and trainers, each their own; admins have no reviews to write.
CALENDAR_OWNERS = {"anonymous": LOGIN, "admin": 403, "*": 200}

# Administrators only: the organisation's settings and the site's staff.
ADMINS = {"anonymous": LOGIN, "admin": 200, "*": 403}
AUDIT_READERS = {"anonymous": LOGIN, "admin": 200, "other_trainer": 404, "other_learner": 404, "*": 403}

# (method, path, data, {role: expected}); "*" is the default for roles not named.
MATRIX = [
    ("GET", "/", None, {"anonymous": LOGIN, "learner": 302, "other_learner": 302, "*": 200}),
    ("GET", "/login", None, {"anonymous": 200, "*": 302}),
    ("GET", "/accessibility", None, {"*": 200}),
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
    ("GET", "/organisations/{organisation}/settings", None, ADMINS),
    ("POST", "/organisations/{organisation}/settings", {}, ADMINS),  # nothing filled in: the form again
    ("POST", "/organisations/{organisation}/settings/test-mail", {}, {**ADMINS, "admin": 302}),
    # The audit log: administrators and the organisation's works council (tested in tests/audit); trainers are
    # refused. Administrators name the works council; a learner who is no member is none to remove.
    ("GET", "/organisations/{organisation}/audit-log", None, AUDIT_READERS),
    ("GET", "/organisations/{organisation}/audit-log.csv", None, AUDIT_READERS),
    ("GET", "/organisations/{organisation}/works-council", None, ADMINS),
    ("POST", "/organisations/{organisation}/works-council", {}, {**ADMINS, "admin": 400}),
    ("POST", "/organisations/{organisation}/works-council/{member}/remove", {}, {**ADMINS, "admin": 404}),
    ("GET", "/organisations/{organisation}/sso", None, ADMINS),
    ("POST", "/organisations/{organisation}/sso", {}, ADMINS),  # nothing filled in: the form again
    ("POST", "/organisations/{organisation}/sso/remove", {}, {**ADMINS, "admin": 302}),
    ("GET", "/sso/start", None, {"*": 302}),  # no address given: back to the sign-in page
    ("GET", "/sso/callback", None, {"*": 400}),  # no sign-in started in this browser
    # Staff: trainers and administrators, managed by administrators; a learner's id is no staff member's.
    ("GET", "/staff/", None, ADMINS),
    ("POST", "/staff/invite", {}, {**ADMINS, "admin": 400}),
    ("POST", "/staff/{staff}/deactivate", {}, {**ADMINS, "admin": 302}),
    ("POST", "/staff/{member}/deactivate", {}, {**ADMINS, "admin": 404}),
    ("POST", "/staff/{staff}/reactivate", {}, {**ADMINS, "admin": 302}),
    ("POST", "/staff/{staff}/resend", {}, {**ADMINS, "admin": 302}),
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
    # The trainer's view of the survey: aggregates only, for the cohort's own trainer.
    ("GET", "/cohorts/{cohort}/survey-shift", None, STAFF_OF_HOME),
    ("GET", "/cohorts/{cohort}/survey-shift.csv", None, STAFF_OF_HOME),
    # The works-council mode: the cohort report, the description for the works agreement, a learner's choice to
    # share (offered only where the organisation runs the mode, which the home organisation does not).
    ("GET", "/cohorts/{cohort}/report", None, STAFF_OF_HOME),
    ("GET", "/cohorts/{cohort}/report.pdf", None, STAFF_OF_HOME),
    ("GET", "/organisations/{organisation}/works-agreement", None, STAFF_OF_HOME),
    ("GET", "/organisations/{organisation}/works-agreement.md", None, STAFF_OF_HOME),
    ("POST", "/profile/sharing", {}, {"anonymous": LOGIN, "*": 403}),
    # A circle's rounds: for the circle's members only; staff are refused, anyone outside the circle learns nothing.
    # The learner's circle has a round running: the list leads to it, and starting another is refused.
    ("GET", "/circle/rounds", None, {"anonymous": LOGIN, "learner": 302, "other_learner": 200, "*": 403}),
    ("POST", "/circle/rounds", {}, {"anonymous": LOGIN, "learner": 302, "other_learner": 404, "*": 403}),
    ("GET", "/circle/rounds/{round}", None, CIRCLE),
    ("GET", "/circle/rounds/{foreign_round}", None, {**CIRCLE, "learner": 404}),
    ("GET", "/circle/rounds/{round}/goal", None, CIRCLE),
    ("POST", "/circle/rounds/{round}/goal", {}, CIRCLE),  # nothing typed: the form again
    ("POST", "/circle/rounds/{foreign_round}/goal", {"text": "Mine now."}, {**CIRCLE, "learner": 404}),
    ("POST", "/circle/rounds/{round}/check-ins", {}, CIRCLE),
    ("POST", "/circle/rounds/{foreign_round}/check-ins", {"note": "Hello."}, {**CIRCLE, "learner": 404}),
    ("GET", "/surveys/follow-up", None, LEARNERS),
    ("POST", "/surveys/follow-up", {}, LEARNERS),  # not open yet for them: the page says when
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
    ("GET", "/trainer-material/", None, ALL_STAFF),
    ("GET", "/trainer-material/sessions/{stage}", None, ALL_STAFF),
    ("GET", "/trainer-material/sessions/{stage}/session-plan.pdf", None, ALL_STAFF),
    ("GET", "/trainer-material/circle-guide", None, ALL_STAFF),
    ("GET", "/trainer-material/circle-guide.pdf", None, ALL_STAFF),
    # The network: one's own presences; publishing one's own submitted post; a cohort's network and feed.
    ("GET", "/network/me", None, {"anonymous": LOGIN, "*": 200}),
    ("POST", "/network/me", {}, {"anonymous": LOGIN, "*": 200}),  # nothing chosen: the form again
    ("GET", "/network", None, {"anonymous": LOGIN, "*": 302}),
    ("GET", "/feed", None, {"anonymous": LOGIN, "*": 302}),
    ("GET", "/learn/{post}/publish", None, {"anonymous": LOGIN, "learner": 200, "other_learner": 404, "*": 403}),
    ("POST", "/learn/{post}/publish/x", {}, {"anonymous": LOGIN, "learner": 422, "other_learner": 404, "*": 403}),
    ("POST", "/publications/{own_publication}/remove", {},
     {"anonymous": LOGIN, "learner": 302, "other_learner": 404, "*": 403}),
    ("GET", "/cohorts/{cohort}/network", None, HOME_ORGANISATION),
    ("GET", "/cohorts/{cohort}/network/mastodon-follows.csv", None, HOME_ORGANISATION),
    ("GET", "/cohorts/{cohort}/network/follow-list", None, HOME_ORGANISATION),
    ("POST", "/cohorts/{cohort}/network/follows/{peer}", {"marked": "1"}, {**HOME_ORGANISATION, "*": 302}),
    ("GET", "/cohorts/{cohort}/feed", None, HOME_ORGANISATION),
    ("POST", "/cohorts/{cohort}/feed/{publication}/replied", {"marked": "1"},
     {**HOME_ORGANISATION, "learner": 302, "*": 403}),
    # Events: planned by staff (and leadership learners, tested in tests/events); the wall opens by its secret.
    ("GET", "/events/", None, {"anonymous": LOGIN, "*": 200}),
    ("GET", "/events/new/{organisation}", None, EVENT_STAFF),
    ("POST", "/events/new/{organisation}", {}, {**EVENT_STAFF, "trainer": 422, "admin": 422}),
    ("GET", "/events/{event}", None, HOME_ORGANISATION),
    ("GET", "/events/{event}/event.ics", None, HOME_ORGANISATION),
    ("GET", "/events/{event}/edit", None, EVENT_STAFF),
    ("POST", "/events/{event}/edit", {}, {**EVENT_STAFF, "trainer": 422, "admin": 422}),
    ("POST", "/events/{event}/consent", {"agreed": "y"}, {**HOME_ORGANISATION, "learner": 302, "*": 403}),
    ("POST", "/events/{event}/post", {}, {**HOME_ORGANISATION, "learner": 422, "*": 403}),
    ("GET", "/events/{event}/moderation", None, EVENT_STAFF),
    ("POST", "/events/{event}/posts/{wall_post}/show", {}, {**EVENT_STAFF, "trainer": 302, "admin": 302}),
    ("POST", "/events/{event}/wall/blank", {}, {**EVENT_STAFF, "trainer": 302, "admin": 302}),
    ("POST", "/events/{event}/wall/link", {}, EVENT_STAFF),
    ("POST", "/events/{event}/wall/revoke", {}, {**EVENT_STAFF, "trainer": 302, "admin": 302}),
    ("GET", "/wall/{wall_token}", None, {"*": 200}),
    ("GET", "/wall/{wall_token}/posts", None, {"*": 200}),
    # Data protection: everyone's own data (the download, the deletion page: nothing confirmed, so the form again);
    # retention for administrators; the page for the data-protection officer for the organisation's staff.
    ("GET", "/me/data", None, {"anonymous": LOGIN, "*": 200}),
    ("POST", "/me/data", {}, {"anonymous": LOGIN, "*": 200}),
    ("GET", "/me/delete", None, {"anonymous": LOGIN, "*": 200}),
    ("POST", "/me/delete", {}, {"anonymous": LOGIN, "*": 200}),
    ("GET", "/organisations/{organisation}/retention", None, ADMINS),
    ("GET", "/organisations/{organisation}/data-protection", None, STAFF_OF_HOME),
    ("GET", "/cohorts/{cohort}/close", None, STAFF_OF_HOME),
    ("POST", "/cohorts/{cohort}/close", {}, {**STAFF_OF_HOME, "trainer": 302, "admin": 302}),
]


PLACEHOLDERS = {"{message}": "<int:message_id>", "{lesson}": "<slug>", "{post}": "<slug>",
                "{organisation}": "<int:organisation_id>", "bad-token": "<token>", "{cohort}": "<int:cohort_id>",
                "{review}": "<int:review_id>", "{rated}": "<int:review_id>", "{draft}": "<int:draft_id>",
                "{published}": "<int:number>", "{drafted}": "<int:number>", "{section}": "<key>",
                "guidelines.pdf": "guidelines.<any(md, html, pdf):extension>", "{member}": "<int:user_id>",
                "learners.csv": "<any(learners, lessons):kind>.csv", "{stage}": "<stage_key>",
                "{own_publication}": "<int:publication_id>", "{publication}": "<int:publication_id>",
                "{peer}": "<int:user_id>", "/publish/x": "/publish/<platform>", "{event}": "<int:event_id>",
                "{wall_post}": "<int:post_id>", "/show": "/<any(show, pin, hide, wait):action>",
                "{wall_token}": "<token>", "{round}": "<int:round_id>", "{foreign_round}": "<int:round_id>",
                "{staff}": "<int:user_id>", "works-agreement.md": "works-agreement.<any(md, pdf):extension>"}


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
    ids = {"message": message.id, "organisation": home.id, "staff": people["trainer"].id, "lesson": "networking-is-doing", "stage": "listening",
           "post": "connection-not-detox", **_reviews(people["learner"], person(Role.LEARNER, home)),
           **_guidelines(home, people["trainer"]),
           **_rounds(people["learner"], [person(Role.LEARNER, home), person(Role.LEARNER, home)])}
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
            "draft": drafts[peer.id].id, **_network(cohort, drafts[learner.id], drafts[peer.id])}


def _network(cohort, own, peers) -> dict:
    """Both posts published in the cohort's feed; the peer shown to the cohort with a Mastodon address."""
    db.session.add_all([NetworkProfile(user_id=peers.user_id, visibility=Visibility.COHORT),
                        Presence(user_id=peers.user_id, platform="mastodon", address="@peer@chaos.social")])
    publications = [Publication(user_id=draft.user_id, draft_id=draft.id, cohort_id=cohort.id, platform="x",
                                text="A post to review.", url=f"https://x.com/someone/status/{draft.id}")
                    for draft in (own, peers)]
    db.session.add_all(publications)
    db.session.commit()
    event = Event(organisation_id=cohort.organisation_id, name="Matrix day", hashtag="#MatrixDay", cohorts=[cohort],
                  starts_at=utcnow() - timedelta(hours=1), ends_at=utcnow() + timedelta(hours=5))
    db.session.add(event)
    db.session.flush()
    post = WallPost(event_id=event.id, source=Source.MASTODON, external_id="matrix", author="@guest@social.example",
                    text="From outside", url="https://social.example/@guest/1", posted_at=utcnow())
    db.session.add(post)
    token = new_wall_link(event)
    db.session.commit()
    return {"own_publication": publications[0].id, "publication": publications[1].id, "peer": peers.user_id,
            "event": event.id, "wall_post": post.id, "wall_token": token}


def _rounds(learner, others) -> dict:
    """The learner's circle (with their peer) and a circle of two others, each with a round running."""
    cohort = db.session.scalar(sa.select(Cohort).join(CohortMember).where(CohortMember.user_id == learner.id))
    own, foreign = Circle(cohort=cohort, number=1), Circle(cohort=cohort, number=2)
    db.session.add_all([own, foreign])
    for member in cohort.members:
        member.circle = own
    cohort.members += [CohortMember(user=other, circle=foreign) for other in others]
    now = utcnow()
    rounds = [CircleRound(circle=circle, number=1, started_at=now, ends_at=now + timedelta(days=90))
              for circle in (own, foreign)]
    db.session.add_all(rounds)
    db.session.commit()
    return {"round": rounds[0].id, "foreign_round": rounds[1].id}


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
