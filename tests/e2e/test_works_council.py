"""The works-council mode in a real browser: a learner chooses to share, the trainer then sees her by name and the
others only in group figures; every page of the mode passes axe-core's WCAG 2.1 AA checks."""
from datetime import timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from course.accounts.models import Role, Track
from course.audit.models import AuditEvent
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.extensions import db
from course.workspace.circles.services import form_circles
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in
from tests.e2e.test_accessibility import AXE, _violations
from tests.guidelines.factories import publish_guidelines

NAMES = ["Mia Keller", "Luca Franke", "Sofia Arnold", "Ben Schulte", "Lina Roth", "Paul Kraus"]


def _world(organisation, trainer, create_user):
    organisation.works_council_mode = True
    now = utcnow()
    cohort = Cohort(organisation_id=organisation.id, name="Pilot", pacing=Pacing.SELF_PACED,
                    starts_on=(now - timedelta(days=20)).date())
    db.session.add(cohort)
    for index, name in enumerate(NAMES):
        user = create_user(Role.LEARNER, organisation=organisation, track=Track.STAFF, name=name,
                           email=f"{name.split()[0].lower()}@council.example")
        cohort.members.append(CohortMember(user=user, joined_at=now - timedelta(days=20)))
        db.session.flush()
        db.session.add(LessonProgress(user_id=user.id, lesson_slug="networking-is-doing",
                                      read_at=now - timedelta(days=index + 1, hours=1),
                                      completed_at=now - timedelta(days=index + 1)))
    db.session.commit()
    form_circles(cohort)
    db.session.commit()
    publish_guidelines(organisation, trainer)
    return cohort


def test_a_learner_shares_and_the_trainer_sees_only_her_by_name(browsing, organisation, trainer, create_user):
    cohort = _world(organisation, trainer, create_user)
    axe = AXE.read_text()
    problems = {}

    learner = browsing.new_page(bypass_csp=True)
    sign_in(learner, "mia@council.example", PASSWORD)
    learner.goto("/profile")
    expect(learner.get_by_text("You do not share your progress with your trainer.")).to_be_visible()
    problems["/profile"] = _violations(learner, axe)
    learner.get_by_label("Share my progress with my trainer").check()
    learner.get_by_role("button", name="Save my choice").click()
    expect(learner.get_by_text("Your trainer now sees your progress.")).to_be_visible()
    expect(learner.get_by_label("Share my progress with my trainer")).to_be_checked()

    page = browsing.new_page(bypass_csp=True)
    sign_in(page, trainer.email, PASSWORD)
    page.goto(f"/cohorts/{cohort.id}/dashboard")
    shared = page.get_by_role("region", name="People who share their progress with you")
    expect(shared.get_by_role("link", name="Mia Keller")).to_be_visible()
    for name in NAMES[1:]:
        expect(page.get_by_text(name)).to_have_count(0)
    expect(page.get_by_role("figure").first).to_be_visible()
    screenshot(page, "works-council-dashboard")
    for path in (f"/cohorts/{cohort.id}/dashboard", f"/cohorts/{cohort.id}/report",
                 f"/organisations/{organisation.id}/works-agreement", f"/cohorts/{cohort.id}/circles",
                 f"/guidelines/{organisation.id}/acknowledgements"):
        page.goto(path)
        problems[path] = _violations(page, axe)
    page.goto(f"/cohorts/{cohort.id}/report")
    screenshot(page, "works-council-report")

    page.goto(f"/cohorts/{cohort.id}/dashboard")
    shared.get_by_role("link", name="Mia Keller").click()
    expect(page.get_by_role("heading", name="Mia Keller")).to_be_visible()
    assert {name: found for name, found in problems.items() if found} == {}
    mia = next(member.user for member in cohort.members if member.user.name == "Mia Keller")
    viewed = db.session.scalars(sa.select(AuditEvent.subject_id).where(AuditEvent.action == "person.viewed")).all()
    assert viewed == [mia.id]
