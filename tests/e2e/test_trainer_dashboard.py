"""A trainer's morning in a real browser: import people from an Excel CSV, form circles, find and nudge a stuck learner."""
import re
from datetime import timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from course.accounts.models import Role, Track, User
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.extensions import db
from course.reminders.models import Reminder
from tests.conftest import PASSWORD, outbox_messages
from tests.e2e.conftest import screenshot, sign_in

# As Excel saves "CSV UTF-8" in a German locale: byte-order mark, semicolons, CRLF line ends.
EXCEL_FILE = ("\ufeffName;E-Mail;Gruppe\r\n"
              "Jürgen Groß;juergen@acme.example;Führungskraft\r\n"
              "Zoë Brandt;zoe@acme.example;Mitarbeitende\r\n"
              "Ömer Kaya;oemer@acme.example;staff\r\n"
              "Kein Name;not-an-address;staff\r\n"
              "Zoë Again;ZOE@acme.example;staff\r\n").encode("utf-8")


def _cohort(organisation, create_user):
    """Anna was active today; Stefan read one lesson two weeks ago and nothing since."""
    now = utcnow()
    cohort = Cohort(organisation_id=organisation.id, name="Autumn", pacing=Pacing.SELF_PACED,
                    starts_on=(now - timedelta(days=20)).date())
    db.session.add(cohort)
    for name, days in (("Anna Aktiv", 0), ("Stefan Still", 15), ("Berta Busy", 1)):
        user = create_user(Role.LEARNER, organisation=organisation, track=Track.STAFF, name=name,
                           email=f"{name.split()[0].lower()}@acme.example", last_seen_at=now - timedelta(days=days))
        cohort.members.append(CohortMember(user=user, joined_at=now - timedelta(days=20)))
        db.session.flush()
        db.session.add(LessonProgress(user_id=user.id, lesson_slug="networking-is-doing",
                                      read_at=now - timedelta(days=days, hours=1),
                                      completed_at=now - timedelta(days=days)))
    db.session.commit()
    return cohort


def test_trainer_imports_people_forms_circles_and_nudges_a_stuck_learner(browsing, organisation, trainer,
                                                                           create_user, tmp_path):
    cohort = _cohort(organisation, create_user)
    page = browsing.new_page()
    sign_in(page, trainer.email, PASSWORD)

    # The organisation page leads to the cohort's dashboard, and from there to its people.
    page.goto(f"/organisations/{organisation.id}")
    page.get_by_role("link", name="Autumn", exact=True).click()
    expect(page.get_by_role("heading", name="Learners and lessons")).to_be_visible()
    page.get_by_role("navigation", name="Cohort").get_by_role("link", name="People").click()

    csv_file = tmp_path / "people.csv"
    csv_file.write_bytes(EXCEL_FILE)
    page.get_by_label("CSV file", exact=True).set_input_files(str(csv_file))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="Check the list before anyone is invited")).to_be_visible()
    preview = page.locator("main").inner_text()
    assert "Jürgen Groß" in preview and "Ömer Kaya" in preview
    assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.email == "juergen@acme.example")) == 0
    page.get_by_role("button", name=re.compile(r"Add 3 people to the cohort")).click()

    expect(page.locator(".flashes")).to_contain_text("3 invitations were sent by e-mail.")
    db.session.rollback()  # see what the server committed
    invited = {mail.recipient_address for mail in outbox_messages()}
    assert {"juergen@acme.example", "zoe@acme.example", "oemer@acme.example"} <= invited
    assert "not-an-address" not in invited

    # Circles for everyone, then the dashboard's needs-attention list shows who is stuck.
    page.get_by_role("navigation", name="Cohort").get_by_role("link", name="Circles").click()
    page.get_by_role("button", name="Form circles automatically").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Circle 1"))).to_be_visible()

    page.get_by_role("navigation", name="Cohort").get_by_role("link", name="Dashboard").click()
    quiet = page.get_by_role("region", name=re.compile(r"^No activity"))
    expect(quiet.get_by_role("link", name="Stefan Still")).to_be_visible()
    expect(quiet.get_by_role("link", name="Anna Aktiv")).to_have_count(0)
    expect(page.locator(".matrix")).to_contain_text("Stefan Still")
    screenshot(page, "trainer-dashboard")

    quiet.get_by_role("link", name="Stefan Still").click()
    expect(page.get_by_role("heading", name=re.compile("Stefan Still"))).to_be_visible()
    page.get_by_role("button", name="Send a reminder").click()

    expect(page.locator(".flashes")).to_contain_text("A reminder is on its way to Stefan Still.")
    expect(page.get_by_role("button", name="Send a reminder")).to_have_count(0)
    db.session.rollback()
    stefan = db.session.scalar(sa.select(User).where(User.email == "stefan@acme.example"))
    assert db.session.scalar(sa.select(sa.func.count(Reminder.id)).where(Reminder.user_id == stefan.id)) == 1
    assert any(mail.recipient_address == stefan.email for mail in outbox_messages())
    assert cohort.id


def test_the_dashboard_works_on_a_phone(browsing, organisation, trainer, create_user):
    cohort = _cohort(organisation, create_user)
    page = browsing.new_page(viewport={"width": 375, "height": 740})
    sign_in(page, trainer.email, PASSWORD)

    page.goto(f"/cohorts/{cohort.id}/dashboard")

    expect(page.get_by_role("heading", name="Needs attention")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways; only the matrix may"
    matrix = page.get_by_role("region", name=re.compile("status per lesson"))
    matrix.focus()
    expect(matrix).to_be_focused()  # keyboard users can scroll the matrix


def test_the_people_page_fits_a_phone(browsing, organisation, trainer, create_user):
    cohort = _cohort(organisation, create_user)
    page = browsing.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, trainer.email, PASSWORD)

    page.goto(f"/cohorts/{cohort.id}/people")

    example = page.locator("pre[aria-labelledby='example-title']")
    expect(example).to_be_visible()
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, "the page scrolls sideways on a phone"
    box = example.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= inner  # the example stays on screen, readable
    screenshot(page, "people-phone")
