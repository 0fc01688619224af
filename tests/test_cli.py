"""The command-line tasks."""
import re

import sqlalchemy as sa

from course.accounts.models import Organisation, Role, User
from course.accounts.services import authenticate, find_user_by_email
from course.cohorts.models import Cohort, CohortMember
from course.demo import DEMO_PASSWORD
from course.extensions import db


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_seed_demo_creates_the_demo_organisation_and_prints_the_logins(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    for email in ["admin@demo.example", "trainer@demo.example", "lea@demo.example", "sam@demo.example"]:
        assert email in result.output
    assert "vernetzt-demo" in result.output
    # With a trainer invited on the Team page, who has no password yet, a participant who left, and Beispiel AG's
    # trainer and six learners.
    assert _count(User) == 23 + 7
    assert "jonas.berg@demo.example" not in result.output  # no login yet
    demo = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Demo GmbH"))
    learners = db.session.scalars(sa.select(User).where(User.role == Role.LEARNER,
                                                        User.organisation_id == demo.id)).all()
    assert len(learners) == 20
    assert sorted(u.track.value for u in learners).count("staff") == 17
    assert find_user_by_email("lea@demo.example").track.value == "leadership"
    trainer = find_user_by_email("trainer@demo.example")
    assert [o.name for o in trainer.trained_organisations] == ["Demo GmbH"]
    for email in ["admin@demo.example", "trainer@demo.example", "sam@demo.example"]:
        assert authenticate(email, DEMO_PASSWORD) is not None
    cohorts = {cohort.name: cohort for cohort in db.session.scalars(sa.select(Cohort)
                                                                    .where(Cohort.organisation_id == demo.id))}
    assert sorted(cohorts) == ["Autumn cohort", "Spring cohort"]
    assert all(c.organisation.name == "Demo GmbH" and not c.is_scheduled for c in cohorts.values())
    assert sorted(m.user.email for c in cohorts.values() for m in c.members) == sorted(u.email for u in learners)
    assert len(cohorts["Spring cohort"].members) == 12
    assert re.search(r"hannah@demo\.example +learner, works council", result.output)  # reads the audit log
    assert [u.email for u in learners if u.works_council_member] == ["hannah@demo.example"]


def test_seed_demo_is_idempotent(runner):
    runner.invoke(args=["seed-demo"])
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0
    assert _count(User) == 23 + 7 and _count(Organisation) == 2
    assert _count(Cohort) == 3 and _count(CohortMember) == 20 + 6


def test_seed_demo_adds_an_organisation_in_works_council_mode(runner):
    result = runner.invoke(args=["seed-demo"])
    assert "Beispiel AG runs the works-council mode" in result.output
    assert "kai.brandt@beispiel.example" in result.output
    council = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Beispiel AG"))
    assert council.works_council_mode and council.default_language == "de"
    learners = db.session.scalars(sa.select(User).where(User.organisation_id == council.id,
                                                        User.role == Role.LEARNER)).all()
    assert len(learners) == 6 and [u.name for u in learners if u.shares_progress] == ["Mia Keller"]
    assert authenticate("kai.brandt@beispiel.example", DEMO_PASSWORD) is not None


def test_users_create(runner, organisation):
    result = runner.invoke(args=[
        "users", "create", "--name", "Tina", "--email", "Tina@Acme.example", "--role", "trainer",
        "--organisation", organisation.name, "--password", "long password 1",
    ])
    assert result.exit_code == 0, result.output
    user = find_user_by_email("tina@acme.example")
    assert user.role == Role.TRAINER and user.trained_organisations == [organisation]
    assert authenticate("tina@acme.example", "long password 1") == user


def test_users_create_explains_mistakes(runner, learner):
    unknown = runner.invoke(args=[
        "users", "create", "--name", "X", "--email", "x@example.org", "--track", "staff",
        "--organisation", "Nope", "--password", "long password 1",
    ])
    assert unknown.exit_code == 2 and "no organisation called 'Nope'" in unknown.output
    duplicate = runner.invoke(args=[
        "users", "create", "--name", "X", "--email", learner.email.upper(), "--role", "admin",
        "--password", "long password 1",
    ])
    assert duplicate.exit_code == 1 and "There is already an account" in duplicate.output
    no_track = runner.invoke(args=[
        "users", "create", "--name", "X", "--email", "y@example.org", "--organisation", "Acme AG",
        "--password", "long password 1",
    ])
    assert no_track.exit_code == 1 and "needs an organisation and a track" in no_track.output


def test_the_demo_has_a_network_and_a_feed(runner, client, auth):
    from course.events.models import WallPost
    from course.network.models import Presence, Publication

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    publications = db.session.scalars(sa.select(Publication)).all()
    assert len(publications) >= 3 and all(p.cohort_id is not None and "/status/" in p.url for p in publications)
    assert len({p.user_id for p in db.session.scalars(sa.select(Presence))}) >= 5
    cohort = db.session.scalar(sa.select(Cohort).where(Cohort.name == "Spring cohort"))
    auth.login("sam@demo.example", DEMO_PASSWORD)
    network = client.get(f"/cohorts/{cohort.id}/network").get_data(as_text=True)
    assert "Lea Hoffmann" in network and "mastodon-follows.csv" in network
    feed = client.get(f"/cohorts/{cohort.id}/feed").get_data(as_text=True)
    assert publications[-1].url in feed and "Support a colleague" in feed
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0
    assert len(db.session.scalars(sa.select(Publication)).all()) == len(publications)
    wall = again.output.split("(no sign-in; a new link each start): ", 1)[1].split()[0]
    auth.logout()
    page = client.get(wall.removeprefix("http://127.0.0.1:5000")).get_data(as_text=True)
    assert "#DemoDigitalDay" in page and "works council" in page and "Looking forward" not in page
    auth.login("trainer@demo.example", DEMO_PASSWORD)
    event_id = db.session.scalar(sa.select(WallPost.event_id))
    queue = client.get(f"/events/{event_id}/moderation").get_data(as_text=True)
    assert "Looking forward to the #DemoDigitalDay talks" in queue
