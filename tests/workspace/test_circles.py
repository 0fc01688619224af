"""Forming review circles, moving people between them, and the cohorts on the organisation page."""
import re

import pytest

from course.accounts.models import Role
from course.cohorts.models import Circle
from course.extensions import db
from tests.workspace.conftest import learners


def _circles(cohort) -> list[Circle]:
    db.session.expire_all()
    return list(cohort.circles)


def _tracks(circle: Circle) -> set[str]:
    return {member.user.track.value for member in circle.members}


@pytest.mark.parametrize(("people", "leadership", "sizes"), [(9, 3, [4, 5]), (13, 4, [4, 4, 5])])
def test_forming_gives_even_circles_with_tracks_mixed(client, auth, trainer, make_cohort, people, leadership, sizes):
    cohort = make_cohort(staff=people - leadership, leadership=leadership)
    auth.login(trainer.email)
    response = auth.post(f"/cohorts/{cohort.id}/circles/form")
    assert response.headers["Location"] == f"/cohorts/{cohort.id}/circles"
    circles = _circles(cohort)
    assert sorted(len(c.members) for c in circles) == sizes
    assert all(_tracks(c) == {"leadership", "staff"} for c in circles)
    assert f"{len(sizes)} circles formed." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_leadership_reviews_only_keeps_leadership_apart(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=8, leadership=5, leadership_reviews_only=True)
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    circles = _circles(cohort)
    assert sorted(len(_tracks(c)) for c in circles) == [1, 1, 1]
    assert sum(len(c.members) for c in circles if _tracks(c) == {"leadership"}) == 5


def test_page_lists_circles_and_warns_before_replacing_them(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=9)
    auth.login(trainer.email)
    html = client.get(f"/cohorts/{cohort.id}/circles").get_data(as_text=True)
    assert "Form circles automatically" in html and "This replaces the current circles" not in html
    assert "Not in a circle" in html and "Person 1" in html
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    html = client.get(f"/cohorts/{cohort.id}/circles").get_data(as_text=True)
    assert "This replaces the current circles" in html
    assert "Circle 1" in html and "Circle 2" in html and "Not in a circle" not in html
    assert "Staff" in html and "never" not in html  # every test learner has been seen


def test_forming_again_replaces_changes_made_by_hand(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=10)
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    auth.post(f"/cohorts/{cohort.id}/circles/move", {"user_id": learners(cohort)[0].id, "circle": "new"})
    assert sorted(len(c.members) for c in _circles(cohort)) == [1, 4, 5]
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    assert [len(c.members) for c in _circles(cohort)] == [5, 5]


def test_cohort_without_members_shows_an_empty_state(client, auth, trainer, make_cohort):
    cohort = make_cohort()
    auth.login(trainer.email)
    html = client.get(f"/cohorts/{cohort.id}/circles").get_data(as_text=True)
    assert "This cohort has no members yet" in html and "Form circles automatically" not in html


def test_moving_a_member_to_another_circle_and_to_a_new_one(client, auth, trainer, make_cohort):
    cohort = make_cohort(staff=10)
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    first, second = _circles(cohort)
    person = first.members[0].user
    response = auth.post(f"/cohorts/{cohort.id}/circles/move", {"user_id": person.id, "circle": second.id})
    assert f"{person.name} is now in circle 2." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert [len(c.members) for c in _circles(cohort)] == [4, 6]
    auth.post(f"/cohorts/{cohort.id}/circles/move", {"user_id": person.id, "circle": "new"})
    circles = _circles(cohort)
    assert [c.number for c in circles] == [1, 2, 3] and [m.user_id for m in circles[2].members] == [person.id]


def test_moving_into_another_cohorts_circle_or_a_stranger_is_refused(client, auth, trainer, make_cohort):
    cohort, other = make_cohort(staff=5), make_cohort(staff=5)
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    auth.post(f"/cohorts/{other.id}/circles/form")
    person, stranger = learners(cohort)[0], learners(other)[0]
    foreign = _circles(other)[0]
    response = auth.post(f"/cohorts/{cohort.id}/circles/move", {"user_id": person.id, "circle": foreign.id})
    assert "Choose one of this cohort" in client.get(response.headers["Location"]).get_data(as_text=True)
    response = auth.post(f"/cohorts/{cohort.id}/circles/move", {"user_id": stranger.id, "circle": "new"})
    assert "This person is not in the cohort." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert [len(c.members) for c in _circles(cohort)] == [5] and [len(c.members) for c in _circles(other)] == [5]


def test_organisation_page_lists_its_cohorts_with_links(client, auth, trainer, organisation, make_cohort,
                                                       create_user, create_organisation):
    cohort = make_cohort(staff=6)
    make_cohort(staff=1, of=create_organisation("Elsewhere"))
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/circles/form")
    create_user(Role.LEARNER, organisation=organisation)  # in no cohort: not counted
    html = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    row = re.search(r"<tr>\s*<th scope=\"row\"><a [^>]*>Cohort 1</a></th>.*?</tr>", html, re.S).group(0)
    assert re.findall(r'class="num"[^>]*>(\d+)<', row) == ["6", "1"]
    assert f"/cohorts/{cohort.id}/circles" in row and f"/cohorts/{cohort.id}/reviews" in row
    assert f"/cohorts/{cohort.id}/dashboard" in row and f"/cohorts/{cohort.id}/people" in row
    assert "Cohort 2" not in html
