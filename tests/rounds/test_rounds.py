"""A circle's rounds after the course: who starts one, goals from the plan, check-ins only the circle reads."""
from datetime import timedelta

import sqlalchemy as sa

from course.accounts.models import Role
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.curriculum.library import lessons
from course.database import utcnow
from course.exercises.services import save_response
from course.extensions import db
from course.rounds.models import CircleRound, RoundCheckIn, RoundGoal
from course.rounds.services import set_goal
from tests.rounds.conftest import running_round


def _rounds(circle) -> list[CircleRound]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(CircleRound).where(CircleRound.circle_id == circle.id)
                                   .order_by(CircleRound.number)))


def test_a_member_at_the_last_stage_starts_the_round_for_the_circle(client, auth, world):
    auth.login(world.members[0].email)
    assert "Start the next round" in client.get("/circle/rounds").get_data(as_text=True)

    response = auth.post("/circle/rounds")

    [round_] = _rounds(world.circle)
    assert response.headers["Location"] == f"/circle/rounds/{round_.id}/goal"
    assert round_.number == 1 and round_.started_by_id == world.members[0].id
    assert round_.ends_at - round_.started_at == timedelta(days=90)
    # The round is the circle's: a mate finds it at once.
    auth.logout()
    auth.login(world.members[1].email)
    assert client.get("/circle/rounds").headers["Location"] == f"/circle/rounds/{round_.id}"


def test_a_member_who_has_not_reached_the_last_stage_cannot_start_one(client, auth, world):
    late = world.members[1]
    cohort = Cohort(organisation_id=late.organisation_id, name="Self-paced", pacing=Pacing.SELF_PACED)
    db.session.add(cohort)
    membership = db.session.scalar(sa.select(CohortMember).where(CohortMember.user_id == late.id))
    membership.cohort = cohort  # self-paced with nothing done: only stage 1 is open
    db.session.commit()
    auth.login(late.email)

    page = client.get("/circle/rounds").get_data(as_text=True)
    response = auth.post("/circle/rounds", follow_redirects=True)

    assert "once you have reached the last stage" in page and "Start the next round" not in page
    assert "it opens once you have reached the last stage" in response.get_data(as_text=True)
    assert _rounds(world.circle) == []


def test_one_round_at_a_time_and_a_next_one_after_it_ended(client, auth, world):
    running_round(world.circle, days_ago=10)
    auth.login(world.members[2].email)

    refused = auth.post("/circle/rounds", follow_redirects=True).get_data(as_text=True)
    assert "already running" in refused and len(_rounds(world.circle)) == 1

    first = _rounds(world.circle)[0]
    first.started_at, first.ends_at = utcnow() - timedelta(days=91), utcnow() - timedelta(days=1)
    db.session.commit()
    auth.post("/circle/rounds")
    assert [r.number for r in _rounds(world.circle)] == [1, 2]


def test_the_goal_starts_from_the_plan_of_the_last_stage(client, auth, world):
    ana = world.members[0]
    plan = lessons.curriculum.lessons["the-yearly-check"]
    save_response(ana, plan, {"row1_when": "Week 1", "row1_what": "Answer two posts from my cohort",
                              "row2_when": "", "row2_what": "", "row3_when": "Day 90", "row3_what": "Write my answers"})
    db.session.commit()
    round_ = running_round(world.circle)
    auth.login(ana.email)

    page = client.get(f"/circle/rounds/{round_.id}/goal").get_data(as_text=True)

    assert "Filled in from your 90-day plan" in page
    assert "- Week 1: Answer two posts from my cohort\n- Day 90: Write my answers</textarea>" in page


def test_without_a_plan_the_goal_starts_empty(client, auth, world):
    round_ = running_round(world.circle)
    auth.login(world.members[1].email)
    page = client.get(f"/circle/rounds/{round_.id}/goal").get_data(as_text=True)
    assert "Filled in from" not in page and "\n</textarea>" in page


def test_goals_and_check_ins_are_read_by_the_circle_and_sanitised(client, auth, world):
    ana, ben = world.members[:2]
    round_ = running_round(world.circle)
    auth.login(ana.email)
    auth.post(f"/circle/rounds/{round_.id}/goal", {"text": "Write **one** post a month"})
    response = auth.post(f"/circle/rounds/{round_.id}/check-ins",
                         {"note": "Wrote about our depot <script>alert(1)</script> and *liked* it"})
    assert response.headers["Location"] == f"/circle/rounds/{round_.id}#check-ins"
    auth.logout()

    auth.login(ben.email)
    page = client.get(f"/circle/rounds/{round_.id}").get_data(as_text=True)

    assert "Ana Alt" in page and "Write <strong>one</strong> post a month" in page
    assert "<em>liked</em>" in page and "<script>" not in page
    assert "You have not set your goal for this round yet." in page


def test_a_check_in_needs_a_goal_first(client, auth, world):
    round_ = running_round(world.circle)
    auth.login(world.members[3].email)
    page = auth.post(f"/circle/rounds/{round_.id}/check-ins", {"note": "Hello"}, follow_redirects=True)
    assert "Set your goal for this round first" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RoundCheckIn)) == 0


def test_a_note_too_long_is_refused_and_kept(client, auth, world):
    ana = world.members[0]
    round_ = running_round(world.circle)
    set_goal(round_, ana, "A goal", utcnow())
    db.session.commit()
    auth.login(ana.email)
    text = "x" * 1501
    page = auth.post(f"/circle/rounds/{round_.id}/check-ins", {"note": text}).get_data(as_text=True)
    assert "at most 1500 fit" in page and text in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RoundCheckIn)) == 0


def test_an_empty_goal_says_what_to_do(client, auth, world):
    round_ = running_round(world.circle)
    auth.login(world.members[0].email)
    page = auth.post(f"/circle/rounds/{round_.id}/goal", {"text": "  "}).get_data(as_text=True)
    assert "Write your goal, even one line." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RoundGoal)) == 0


def test_an_ended_round_is_read_only(client, auth, world):
    ana = world.members[0]
    round_ = running_round(world.circle, days_ago=30)
    set_goal(round_, ana, "An old goal", utcnow() - timedelta(days=29))
    round_.ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    auth.login(ana.email)

    page = client.get(f"/circle/rounds/{round_.id}").get_data(as_text=True)
    refused = auth.post(f"/circle/rounds/{round_.id}/check-ins", {"note": "Late"}, follow_redirects=True)

    assert "This round ran from" in page and 'name="note"' not in page and "An old goal" in page
    assert "This round has ended" in refused.get_data(as_text=True)
    listing = client.get("/circle/rounds").get_data(as_text=True)
    assert "Round 1" in listing and "Start the next round" in listing


def test_nobody_outside_the_circle_reads_or_writes_it(client, auth, world, trainer):
    round_ = running_round(world.circle)
    set_goal(round_, world.members[0], "Private to the circle", utcnow())
    db.session.commit()
    auth.login(world.outsider.email)
    for path in (f"/circle/rounds/{round_.id}", f"/circle/rounds/{round_.id}/goal"):
        assert client.get(path).status_code == 404
    assert auth.post(f"/circle/rounds/{round_.id}/goal", {"text": "Mine"}).status_code == 404
    assert auth.post(f"/circle/rounds/{round_.id}/check-ins", {"note": "Hi"}).status_code == 404
    auth.logout()
    auth.login(trainer.email)
    assert client.get(f"/circle/rounds/{round_.id}").status_code == 403


def test_in_an_anonymous_cohort_mates_are_not_named(client, auth, world):
    world.cohort.anonymous_reviews = True
    round_ = running_round(world.circle)
    set_goal(round_, world.members[1], "Ben's goal", utcnow())
    db.session.commit()
    auth.login(world.members[0].email)
    page = client.get(f"/circle/rounds/{round_.id}").get_data(as_text=True)
    assert "Ben Berg" not in page and "Circle member B" in page and "<p>Ben's goal</p>" in page


def test_the_trainer_sees_whether_a_circle_is_active_never_what_it_writes(client, auth, world, trainer):
    ana = world.members[0]
    round_ = running_round(world.circle, days_ago=20)
    set_goal(round_, ana, "Secret goal text", utcnow() - timedelta(days=19))
    db.session.add(RoundCheckIn(round_id=round_.id, user_id=ana.id, note="Secret note text",
                                created_at=utcnow() - timedelta(days=3)))
    db.session.commit()
    auth.login(trainer.email)

    page = client.get(f"/cohorts/{world.cohort.id}/circles").get_data(as_text=True)

    assert "Active: round 1 until" in page and "a check-in in the last 14 days" in page
    assert "No round since the course" in page  # the second circle
    assert "Secret goal text" not in page and "Secret note text" not in page


def test_the_learner_finds_the_round_from_the_course_and_the_circle(client, auth, world):
    auth.login(world.members[0].email)
    assert 'href="/circle/rounds"' in client.get("/learn/").get_data(as_text=True)
    assert 'href="/circle/rounds"' in client.get("/reviews/").get_data(as_text=True)


def test_a_learner_in_no_circle_is_told_so(client, auth, create_user, organisation):
    loner = create_user(Role.LEARNER, organisation=organisation)
    auth.login(loner.email)
    assert "You are not in a review circle" in client.get("/circle/rounds").get_data(as_text=True)
    assert auth.post("/circle/rounds").status_code == 404
