"""Trainers create, edit and delete cohorts, with pacing and a date per stage."""
import html as html_lib
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role, User
from course.cohorts.models import Cohort, CohortMember, Pacing, StageSchedule
from course.curriculum.library import lessons
from course.curriculum.queries import course_view, today
from course.drafts.models import Draft
from course.extensions import db
from course.review.models import Review
from course.workspace.setup.services import CohortDetails, CohortError, normalise_hashtag, stage_field, update_cohort
from tests.workspace.conftest import learners, submit


def _keys() -> list[str]:
    return [stage.key for stage in lessons.curriculum.stages]


def _weekly(start: date) -> list[date]:
    return [start + timedelta(weeks=index) for index in range(len(_keys()))]


def _data(name: str = "Spring 2030", *, pacing: str = "self_paced", starts_on: date | str = "",
          hashtag: str = "", dates=()) -> dict:
    data = {"name": name, "hashtag": hashtag, "starts_on": str(starts_on), "pacing": pacing}
    for key, day in zip(_keys(), dates, strict=False):
        data[stage_field(key)] = str(day or "")
    return data


def _value(page: str, name: str) -> str:
    return html_lib.unescape(re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page).group(1))


def _schedule(cohort: Cohort) -> dict[str, date]:
    rows = db.session.scalars(sa.select(StageSchedule).where(StageSchedule.cohort_id == cohort.id))
    return {row.stage_key: row.opens_on for row in rows}


def _cohort(name: str) -> Cohort | None:
    return db.session.scalar(sa.select(Cohort).where(Cohort.name == name))


# Creating ------------------------------------------------------------------

def test_the_new_cohort_form_names_every_stage_and_explains_the_pacing(client, auth, trainer, organisation):
    auth.login(trainer.email)
    page = client.get(f"/cohorts/new/{organisation.id}").get_data(as_text=True)
    assert "Stage 1: Why network at all" in page and "Stage 8: A network that lasts" in page
    assert "apply to scheduled pacing only" in page and "When each stage opens</legend>" in page
    assert 'type="date"' in page and 'type="radio"' in page and "each further stage opens once" in page
    assert f'href="/organisations/{organisation.id}"' in page and "js/cohort_form.js" in page
    assert 'value="Create cohort"' in page


def test_a_trainer_creates_a_self_paced_cohort(client, auth, trainer, organisation):
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/new/{organisation.id}",
                         _data("  Leadership   spring ", hashtag="Vernetzt_Frühling", dates=_weekly(date(2030, 3, 4))))
    assert response.headers["Location"] == f"/organisations/{organisation.id}"
    cohort = _cohort("Leadership spring")
    assert (cohort.organisation_id, cohort.hashtag, cohort.pacing) == (organisation.id, "#Vernetzt_Frühling",
                                                                       Pacing.SELF_PACED)
    assert cohort.starts_on is None and _schedule(cohort) == {}  # dates typed for self-paced are ignored
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The cohort “Leadership spring” is created." in page and "self-paced" in page


def test_a_trainer_creates_a_scheduled_cohort_and_the_first_stage_defaults_to_the_start(
        client, auth, trainer, organisation):
    dates = _weekly(date(2030, 3, 4))
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/new/{organisation.id}",
                         _data(pacing="scheduled", starts_on=date(2030, 3, 4), hashtag="#spring30",
                               dates=["", *dates[1:]]))
    assert response.status_code == 302
    cohort = _cohort("Spring 2030")
    assert cohort.is_scheduled and cohort.starts_on == date(2030, 3, 4) and cohort.hashtag == "#spring30"
    assert _schedule(cohort) == dict(zip(_keys(), dates, strict=True))


# Validation ------------------------------------------------------------------

def test_every_problem_shows_at_its_field_at_once_and_nothing_typed_is_lost(
        client, auth, trainer, organisation, make_cohort):
    make_cohort()  # "Cohort 1"
    dates = _weekly(date(2030, 3, 4))
    dates[2], dates[5] = date(2030, 3, 1), ""  # stage 3 before stage 2; stage 6 without a date
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/new/{organisation.id}",
                         _data("cohort 1", pacing="scheduled", hashtag="Vernetzt 2030", dates=dates))
    page = html_lib.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Please check the highlighted fields." in page
    assert "already has a cohort called “cohort 1”" in page
    assert "A hashtag has no spaces: try #Vernetzt2030." in page
    assert "A scheduled cohort needs a start date" in page
    assert "Stage 3 cannot open before stage 2, which opens on 11 March 2030." in page
    assert "Give every stage a date, or choose self-paced." in page
    assert page.count('aria-invalid="true"') == 5
    assert (_value(page, "name"), _value(page, "hashtag")) == ("cohort 1", "Vernetzt 2030")
    assert _value(page, stage_field(_keys()[2])) == "2030-03-01"
    assert _value(page, stage_field(_keys()[7])) == str(dates[7])
    assert re.search(r'value="scheduled"[^>]*checked|checked[^>]*value="scheduled"', page)
    assert _cohort("cohort 1") is None


@pytest.mark.parametrize(("typed", "message"), [
    ("#vernetzt-2030", "Use only letters, digits and underscores"),
    ("#", "Use only letters, digits and underscores"),
    ("2030", "a hashtag of digits alone"),
    ("x" * 100, "Keep the hashtag to 100 characters."),
])
def test_bad_hashtags_are_explained(app, typed, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        normalise_hashtag(typed)


def test_hashtags_are_normalised(app):
    assert normalise_hashtag("  Grüße_2030 ") == "#Grüße_2030"
    assert normalise_hashtag("#Vernetzt") == "#Vernetzt" and normalise_hashtag("  ") is None


def test_a_stage_cannot_open_before_the_cohort_starts(client, auth, trainer, organisation):
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/new/{organisation.id}",
                         _data(pacing="scheduled", starts_on=date(2030, 3, 4), dates=_weekly(date(2030, 3, 1))))
    assert "Stage 1 cannot open before the cohort starts on 4 March 2030." in response.get_data(as_text=True)


def test_a_bad_date_is_explained_at_its_field(client, auth, trainer, organisation):
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/new/{organisation.id}", _data(pacing="scheduled", starts_on="4.3.2030"))
    page = response.get_data(as_text=True)
    assert "Not a valid date value." in page and _value(page, "starts_on") == "4.3.2030"


def test_the_service_raises_every_problem_together(app, make_cohort):
    cohort, other = make_cohort(), make_cohort()
    details = CohortDetails(name=other.name.upper(), hashtag="a b!", pacing=Pacing.SCHEDULED)
    with pytest.raises(CohortError) as caught:
        update_cohort(cohort, details)
    assert {"name", "hashtag", "starts_on", stage_field(_keys()[1])} <= set(caught.value.problems)
    update_cohort(cohort, CohortDetails(name=cohort.name.upper()))  # its own name, differently written, is fine
    assert cohort.name == "COHORT 1"


# Editing ---------------------------------------------------------------------

def test_the_edit_form_is_prefilled(client, auth, trainer, make_cohort):
    cohort = make_cohort(hashtag="#acme", pacing=Pacing.SCHEDULED, starts_on=date(2030, 3, 4))
    cohort.schedule = [StageSchedule(stage_key=key, opens_on=day) for key, day in zip(_keys(), _weekly(date(2030, 3, 4)),
                                                                                      strict=True)]
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/edit").get_data(as_text=True)
    assert (_value(page, "name"), _value(page, "hashtag"), _value(page, "starts_on")) == (
        cohort.name, "#acme", "2030-03-04")
    assert _value(page, stage_field(_keys()[7])) == "2030-04-22"
    assert f'href="/cohorts/{cohort.id}/delete"' in page


def test_saving_replaces_the_schedule(client, auth, trainer, make_cohort):
    cohort = make_cohort()
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/edit", _data(cohort.name, pacing="scheduled", starts_on=date(2030, 3, 4),
                                                  dates=_weekly(date(2030, 3, 4))))
    later = [day + timedelta(days=3) for day in _weekly(date(2030, 3, 4))]
    response = auth.post(f"/cohorts/{cohort.id}/edit", _data("Renamed", pacing="scheduled",
                                                             starts_on=date(2030, 3, 4), dates=later))
    assert response.headers["Location"] == f"/cohorts/{cohort.id}/edit"
    assert "The cohort is saved." in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert cohort.name == "Renamed" and _schedule(cohort) == dict(zip(_keys(), later, strict=True))


def test_switching_to_self_paced_keeps_no_schedule(client, auth, trainer, make_cohort):
    cohort = make_cohort()
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/edit", _data(cohort.name, pacing="scheduled", starts_on=date(2030, 3, 4),
                                                  dates=_weekly(date(2030, 3, 4))))
    assert len(_schedule(cohort)) == len(_keys())
    response = auth.post(f"/cohorts/{cohort.id}/edit", _data(cohort.name, starts_on=date(2030, 3, 4),
                                                             dates=["", "nonsense"]))
    assert response.status_code == 302
    db.session.expire_all()
    assert cohort.pacing == Pacing.SELF_PACED and _schedule(cohort) == {}


def test_a_learners_stages_follow_the_schedule_after_an_edit(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=1)
    learner = learners(cohort)[0]
    start = today() - timedelta(days=7)
    in_a_week = [start, *[today() + timedelta(days=7 + i) for i in range(len(_keys()) - 1)]]
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/edit", _data(cohort.name, pacing="scheduled", starts_on=start, dates=in_a_week))
    db.session.expire_all()
    assert [stage.is_open for stage in course_view(learner).stages][:2] == [True, False]
    sooner = [start, today(), *in_a_week[2:]]
    auth.post(f"/cohorts/{cohort.id}/edit", _data(cohort.name, pacing="scheduled", starts_on=start, dates=sooner))
    db.session.expire_all()
    view = course_view(learner)
    assert [stage.is_open for stage in view.stages][:3] == [True, True, False]
    assert view.stages[2].opens_on == today() + timedelta(days=8)


# Deleting --------------------------------------------------------------------

def test_the_confirmation_page_says_what_goes_and_what_stays(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=5)
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    page = client.get(f"/cohorts/{cohort.id}/delete").get_data(as_text=True)
    assert "its 1 review circle" in page and "the memberships of its 5 people" in page
    assert "keep their accounts, drafts, reviews and progress" in page
    assert "Type “Cohort 1”." in page and 'name="confirm_name"' in page


def test_deleting_needs_the_name_typed(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=1)
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/{cohort.id}/delete", {"confirm_name": "Cohort"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Type the name “Cohort 1” exactly as shown" in page
    assert _value(page, "confirm_name") == "Cohort"
    assert db.session.get(Cohort, cohort.id) is not None


def test_deleting_keeps_the_people_and_their_work(client, auth, trainer, organisation, make_cohort):
    cohort = make_cohort(staff=5)
    cohort_id, people = cohort.id, [user.id for user in learners(cohort)]
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort_id}/edit", _data(cohort.name, pacing="scheduled", starts_on=date(2030, 3, 4),
                                                  dates=_weekly(date(2030, 3, 4))))
    auth.post(f"/cohorts/{cohort_id}/circles/form")
    draft = submit(db.session.get(User, people[0]))
    response = auth.post(f"/cohorts/{cohort_id}/delete", {"confirm_name": " cohort 1 "})
    assert response.headers["Location"] == f"/organisations/{organisation.id}"
    db.session.expire_all()
    assert db.session.get(Cohort, cohort_id) is None
    assert db.session.scalars(sa.select(StageSchedule).where(StageSchedule.cohort_id == cohort_id)).all() == []
    assert db.session.scalars(sa.select(CohortMember).where(CohortMember.user_id.in_(people))).all() == []
    assert all(db.session.get(User, user_id) is not None for user_id in people)
    assert db.session.get(Draft, draft.id) is not None
    reviews = db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id)).all()
    assert reviews and all(review.cohort_id is None for review in reviews)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The cohort “Cohort 1” is deleted." in page and "Create the first cohort" in page


# The organisation page and who may do what -------------------------------------

def test_the_organisation_page_links_to_new_and_edit(client, auth, trainer, organisation, make_cohort):
    auth.login(trainer.email)
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "No cohorts yet." in page and f'href="/cohorts/new/{organisation.id}"' in page
    cohort = make_cohort()
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert f'href="/cohorts/{cohort.id}/edit">Edit<span class="visually-hidden">: Cohort 1</span>' in page
    assert f'href="/cohorts/new/{organisation.id}">New cohort' in page


ROUTES = [
    ("GET", "/cohorts/new/{organisation}"),
    ("POST", "/cohorts/new/{organisation}"),
    ("GET", "/cohorts/{cohort}/edit"),
    ("POST", "/cohorts/{cohort}/edit"),
    ("GET", "/cohorts/{cohort}/delete"),
    ("POST", "/cohorts/{cohort}/delete"),
]


def _request(client, auth, method: str, path: str, ids: dict, name: str = "Taken"):
    path = path.format(**ids)
    return client.get(path) if method == "GET" else auth.post(path, {**_data(name), "confirm_name": "Cohort 1"})


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_trainer_of_another_organisation_gets_404(client, auth, create_user, organisation, make_cohort, method,
                                                  route):
    cohort = make_cohort(staff=1)
    auth.login(create_user(Role.TRAINER).email)
    response = _request(client, auth, method, route, {"organisation": organisation.id, "cohort": cohort.id})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.scalars(sa.select(Cohort.name)).all() == ["Cohort 1"]


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_learner_gets_403(client, auth, learner, organisation, make_cohort, method, route):
    cohort = make_cohort(staff=1)
    auth.login(learner.email)
    response = _request(client, auth, method, route, {"organisation": organisation.id, "cohort": cohort.id})
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_admin_gets_through(client, auth, admin, organisation, make_cohort, method, route):
    cohort = make_cohort(staff=1)
    auth.login(admin.email)
    response = _request(client, auth, method, route, {"organisation": organisation.id, "cohort": cohort.id},
                        name="Cohort 2")
    assert response.status_code in (200, 302)
