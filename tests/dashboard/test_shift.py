"""The survey's shift page: before and after side by side, only for at least five people, text answers private."""
from datetime import timedelta

import sqlalchemy as sa

from course.accounts.models import Role
from course.cohorts.models import Cohort, CohortMember
from course.database import utcnow
from course.demo.large_cohort import seed_cohort
from course.exercises.models import ExerciseResponse
from course.extensions import db
from tests.dashboard.test_overview import statements_for

SECRET = "my very private answer"


def _answers(advice: int, confidence: int) -> dict:
    return {"q_networking_meaning": SECRET, "q_valuable_when": SECRET,
            "q_advice_outside_team": str(advice), "q_confidence_posting": str(confidence)}


def _cohort(create_user, organisation, before: int, closing: int, follow_up: int = 0) -> Cohort:
    """A cohort whose first ``before`` people answered the first survey (advice 2, confidence 2), the first
    ``closing`` of them the closing one (advice 5, confidence 4), and ``follow_up`` the follow-up (6, 5)."""
    cohort = Cohort(organisation_id=organisation.id, name=f"Survey {before}-{closing}-{follow_up}")
    db.session.add(cohort)
    now = utcnow() - timedelta(days=100)
    for index in range(before):
        person = create_user(Role.LEARNER, organisation=organisation)
        cohort.members.append(CohortMember(user=person))
        surveys = [("before-we-start", _answers(2, 2))]
        if index < closing:
            surveys.append(("closing-survey", _answers(5, 4)))
        if index < follow_up:
            surveys.append(("closing-survey:follow-up", _answers(6, 5)))
        db.session.add_all(ExerciseResponse(user_id=person.id, lesson_slug=slug, kind="survey", answers=answers,
                                            created_at=now) for slug, answers in surveys)
    db.session.commit()
    return cohort


def _page(client, auth, trainer, cohort) -> str:
    auth.login(trainer.email)
    response = client.get(f"/cohorts/{cohort.id}/survey-shift")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_five_people_who_answered_both_are_shown(client, auth, trainer, create_user, organisation):
    cohort = _cohort(create_user, organisation, before=7, closing=5)
    page = _page(client, auth, trainer, cohort)

    assert "5 people answered both the first and the closing survey" in page
    assert page.count('class="chart__svg"') == 2  # one chart per scale question
    assert '<th scope="row">People counted</th><td class="num">5</td><td class="num">5</td></tr>' in page
    assert "5 (100%)" in page  # everyone moved together
    assert "the mean moved from 2 to 5" in page
    assert "90 days later</th>" not in page and "at least 5 people have answered all three" in page


def test_four_are_too_few(client, auth, trainer, create_user, organisation):
    cohort = _cohort(create_user, organisation, before=9, closing=4)
    page = _page(client, auth, trainer, cohort)

    assert "too few answers to show without pointing at people" in page
    assert "chart__svg" not in page and "(100%)" not in page and "Download the figures" not in page
    csv = client.get(f"/cohorts/{cohort.id}/survey-shift.csv").get_data(as_text=True)
    assert "Too few answers to show" in csv and ",4," not in csv


def test_the_follow_up_is_a_third_column_from_five_who_answered_all_three(client, auth, trainer, create_user,
                                                                         organisation):
    four = _cohort(create_user, organisation, before=6, closing=6, follow_up=4)
    five = _cohort(create_user, organisation, before=6, closing=6, follow_up=5)
    assert "90 days later</th>" not in _page(client, auth, trainer, four)
    page = _page(client, auth, trainer, five)
    assert "90 days later</th>" in page and page.count("chart__bar--later") >= 2
    assert '<th scope="row">People counted</th><td class="num">6</td><td class="num">6</td><td class="num">5</td>' in page


def test_text_answers_are_never_shown(client, auth, trainer, create_user, organisation):
    cohort = _cohort(create_user, organisation, before=6, closing=6, follow_up=6)
    page = _page(client, auth, trainer, cohort)
    csv = client.get(f"/cohorts/{cohort.id}/survey-shift.csv").get_data(as_text=True)
    assert SECRET not in page and SECRET not in csv
    assert "6 people answered this question both times" in page


def test_the_csv_has_the_table_of_the_page(client, auth, trainer, create_user, organisation):
    cohort = _cohort(create_user, organisation, before=5, closing=5, follow_up=5)
    auth.login(trainer.email)
    response = client.get(f"/cohorts/{cohort.id}/survey-shift.csv")
    rows = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert response.mimetype == "text/csv"
    assert rows[0] == "Question,Answer,At the start,At the end,90 days later"
    question = "How confident do you feel about posting something about your work on a professional platform? " \
               "(1 = not at all, 5 = very confident)"
    assert f'"{question}",People counted,5,5,5' in rows
    assert f'"{question}",4,0,5,0' in rows
    assert f'"{question}",Mean,2,4,5' in rows


def test_only_the_cohort_s_own_trainer_sees_it(client, auth, create_user, organisation, create_organisation):
    cohort = _cohort(create_user, organisation, before=5, closing=5)
    stranger = create_user(Role.TRAINER, organisation=create_organisation())
    member = db.session.scalar(sa.select(CohortMember.user_id).where(CohortMember.cohort_id == cohort.id))
    auth.login(stranger.email)
    assert client.get(f"/cohorts/{cohort.id}/survey-shift").status_code == 404
    auth.logout()
    auth.login(db.session.get(CohortMember, (cohort.id, member)).user.email)
    assert client.get(f"/cohorts/{cohort.id}/survey-shift").status_code == 403


def test_the_dashboard_links_to_it(client, auth, trainer, create_user, organisation):
    cohort = _cohort(create_user, organisation, before=1, closing=1)
    auth.login(trainer.email)
    assert f'href="/cohorts/{cohort.id}/survey-shift"' in client.get(f"/cohorts/{cohort.id}/dashboard").get_data(
        as_text=True)


def test_the_page_takes_the_same_statements_for_10_and_200_people(client, auth, trainer, organisation):
    now = utcnow()
    cohorts = {size: seed_cohort(organisation, size, now, name=f"Shift {size}") for size in (10, 200)}
    for cohort in cohorts.values():
        ids = db.session.scalars(sa.select(CohortMember.user_id).where(CohortMember.cohort_id == cohort.id))
        db.session.execute(sa.insert(ExerciseResponse), [
            {"user_id": user_id, "lesson_slug": slug, "kind": "survey", "answers": _answers(2, 3),
             "created_at": now, "updated_at": now}
            for user_id in ids for slug in ("before-we-start", "closing-survey", "closing-survey:follow-up")])
    db.session.commit()
    auth.login(trainer.email)
    client.get(f"/cohorts/{cohorts[10].id}/survey-shift")  # warm up

    counts = {size: statements_for(client, f"/cohorts/{cohort.id}/survey-shift") for size, cohort in cohorts.items()}

    assert counts[10] == counts[200]
    assert counts[10] <= 6
