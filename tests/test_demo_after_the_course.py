"""The demo shows what comes after the course: a circle in its next round, and the survey's shift."""
import sqlalchemy as sa

from course.cohorts.models import Cohort
from course.database import utcnow
from course.demo import DEMO_PASSWORD, seed_demo
from course.extensions import db
from course.rounds.reminders import remind_due_check_ins
from course.surveys.offers import offer_follow_ups


def _cohort(name: str) -> Cohort:
    return db.session.scalar(sa.select(Cohort).where(Cohort.name == name))


def test_the_alumni_circle_is_in_its_next_round(app, client, auth):
    seed_demo()
    db.session.commit()
    auth.login("nina@demo.example", DEMO_PASSWORD)
    round_url = client.get("/circle/rounds").headers["Location"]
    page = client.get(round_url).get_data(as_text=True)
    assert "Round 1 of your circle" in page and "Ole Jansen" in page
    assert "<strong>three things</strong>" in page and "Coffee with one planner done" in page
    auth.logout()
    auth.login("mia@demo.example", DEMO_PASSWORD)
    assert "Filled in from your 90-day plan" in client.get(f"{round_url}/goal").get_data(as_text=True)
    # Paul's first check-in is due: the worker reminds him; everyone was offered the follow-up already.
    assert remind_due_check_ins(utcnow()) == 1
    assert offer_follow_ups(utcnow()) == 0


def test_the_trainer_sees_the_shift_of_the_alumni_and_too_few_in_spring(app, client, auth):
    seed_demo()
    db.session.commit()
    auth.login("trainer@demo.example", DEMO_PASSWORD)
    autumn = client.get(f"/cohorts/{_cohort('Autumn cohort').id}/survey-shift").get_data(as_text=True)
    spring = client.get(f"/cohorts/{_cohort('Spring cohort').id}/survey-shift").get_data(as_text=True)
    assert "8 people answered both" in autumn and "90 days later</th>" in autumn
    assert '<th scope="row">People counted</th><td class="num">8</td><td class="num">8</td><td class="num">6</td>' \
        in autumn
    assert "too few answers to show" in spring
    circles = client.get(f"/cohorts/{_cohort('Autumn cohort').id}/circles").get_data(as_text=True)
    assert "Active: round 1" in circles and "No round since the course" in circles
