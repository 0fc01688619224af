"""After the course in a real browser: a learner starts the circle's next round and checks in, a mate reads it;
the trainer reads the survey's shift on a desktop and on a phone."""
from datetime import timedelta

from playwright.sync_api import expect

from course.accounts.models import Role
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.library import lessons
from course.database import utcnow
from course.exercises.models import ExerciseResponse
from course.exercises.services import save_response
from course.extensions import db
from tests.conftest import PASSWORD, open_every_stage
from tests.e2e.conftest import screenshot, sign_in

PHONE = {"width": 390, "height": 844}


def _circle(create_user, organisation):
    ana = create_user(Role.LEARNER, organisation=organisation, name="Ana Alt", email="ana@acme.example")
    ben = create_user(Role.LEARNER, organisation=organisation, name="Ben Berg", email="ben@acme.example")
    cohort = open_every_stage(ana)
    circle = Circle(cohort=cohort, number=1)
    db.session.add(circle)
    cohort.members[0].circle = circle
    cohort.members.append(CohortMember(user=ben, circle=circle))
    save_response(ana, lessons.curriculum.lessons["the-yearly-check"],
                  {"row1_when": "Week 1", "row1_what": "Answer two posts from my cohort"})
    db.session.commit()
    return ana, ben


def test_a_learner_starts_the_next_round_and_checks_in(browsing, create_user, organisation):
    ana, ben = _circle(create_user, organisation)
    page = browsing.new_page()
    sign_in(page, ana.email, PASSWORD)

    page.goto("/learn/")
    page.get_by_role("link", name="Your circle after the course").click()
    page.get_by_role("button", name="Start the next round").click()
    expect(page.get_by_text("Round 1 has started.")).to_be_visible()
    goal = page.get_by_label("Your goal for the next 90 days")
    expect(goal).to_have_value("- Week 1: Answer two posts from my cohort")
    goal.fill("- Week 1: Answer two posts from my cohort\n- Month 2: Meet one contact for **coffee**")
    page.get_by_role("button", name="Save my goal").click()
    expect(page.get_by_text("Your goal is saved.")).to_be_visible()
    page.get_by_label("Your check-in").fill("Answered Ben's post about the depot move.")
    page.get_by_role("button", name="Share with my circle").click()
    expect(page.get_by_text("Your check-in is shared with your circle.")).to_be_visible()

    phone = browsing.new_page(viewport=PHONE)
    sign_in(phone, ben.email, PASSWORD)
    phone.goto("/reviews/")
    phone.get_by_role("link", name="Your circle after the course: goals and check-ins").click()
    expect(phone.get_by_role("heading", name="Round 1 of your circle")).to_be_visible()
    expect(phone.locator(".round-goal", has_text="Ana Alt").locator("strong")).to_have_text("coffee")
    expect(phone.get_by_text("Answered Ben's post about the depot move.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "circle-round-phone")


def _survey_cohort(create_user, organisation) -> Cohort:
    cohort = Cohort(organisation_id=organisation.id, name="Alumni")
    db.session.add(cohort)
    when = utcnow() - timedelta(days=100)
    for index in range(6):
        person = create_user(Role.LEARNER, organisation=organisation, name=f"Alum {index}")
        cohort.members.append(CohortMember(user=person))
        for slug, advice, confidence in (("before-we-start", index % 3, 1 + index % 2),
                                         ("closing-survey", 3 + index % 4, 3 + index % 3),
                                         ("closing-survey:follow-up", 4 + index % 5, 4)):
            db.session.add(ExerciseResponse(user_id=person.id, lesson_slug=slug, kind="survey", created_at=when,
                                            answers={"q_networking_meaning": "A secret of mine", "q_valuable_when": "A secret of mine",
                                                     "q_advice_outside_team": str(advice),
                                                     "q_confidence_posting": str(confidence)}))
    db.session.commit()
    return cohort


def test_the_trainer_reads_the_shift_on_a_desktop_and_a_phone(browsing, create_user, organisation, trainer):
    cohort = _survey_cohort(create_user, organisation)
    for name, viewport in (("survey-shift", None), ("survey-shift-phone", PHONE)):
        page = browsing.new_page(viewport=viewport)
        sign_in(page, trainer.email, PASSWORD)
        page.goto(f"/cohorts/{cohort.id}/dashboard")
        page.get_by_role("link", name="Survey before and after: how the group’s answers moved").click()
        expect(page.get_by_role("heading", name="Survey before and after")).to_be_visible()
        charts = page.get_by_role("img")
        expect(charts).to_have_count(2)
        expect(page.get_by_role("columnheader", name="90 days later").first).to_be_visible()
        expect(page.get_by_role("rowheader", name="People counted").first).to_be_visible()
        expect(page.get_by_role("rowheader", name="Median").first).to_be_visible()
        assert "A secret of mine" not in page.content()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (viewport or {"width": 1280})["width"]
        box = page.locator(".chart__svg").first.bounding_box()
        assert box is not None and box["width"] > 300
        screenshot(page, name)
