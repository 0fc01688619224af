"""The trainer's pages in the works-council mode: group figures, names only of people who share, every view of a
person's page and every export with personal rows audited."""
from datetime import timedelta

import sqlalchemy as sa

from course.audit.models import AuditEvent
from course.database import utcnow
from course.demo.large_cohort import seed_cohort
from course.extensions import db
from course.reminders.models import Reminder
from tests.conftest import csrf_token
from tests.dashboard.test_overview import statements_for
from tests.guidelines.factories import publish_guidelines
from tests.page_checks import duplicate_ids
from tests.works_council.conftest import NAMES, make_cohort, member


def audit(action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_the_dashboard_names_only_people_who_share(client, auth, trainer, cohort):
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/dashboard").get_data(as_text=True)
    assert "Works-council mode" in page
    assert "Ann Adler" in page
    for name in NAMES[1:]:
        assert name not in page
    assert "Stage funnel" in page and "Completion over time" in page
    assert f"/cohorts/{cohort.id}/learners/{member(cohort, 'Ann Adler').id}" in page
    assert duplicate_ids(page) == []


def test_outside_the_mode_the_dashboard_names_everyone(client, auth, trainer, cohort):
    cohort.organisation.works_council_mode = False
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/dashboard").get_data(as_text=True)
    assert all(name in page for name in NAMES)


def test_a_group_smaller_than_the_smallest_group_gives_no_figure(client, auth, trainer, council, create_user):
    small = make_cohort(council, create_user, ["Ida Igel", "Jan Jung", "Kim Koch"], name="Small")
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{small.id}/dashboard").get_data(as_text=True)
    assert "Too few people to show" in page
    assert "Stage funnel" not in page
    assert "of their lessons completed, on average" not in page


def test_a_person_who_does_not_share_has_no_page_and_no_reminder(client, auth, trainer, cohort):
    ben = member(cohort, "Ben Brandt")
    auth.login(trainer.email)
    response = client.get(f"/cohorts/{cohort.id}/learners/{ben.id}")
    assert response.status_code == 403
    assert "does not share their progress" in response.get_data(as_text=True)
    response = client.post(f"/cohorts/{cohort.id}/learners/{ben.id}/remind", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 403
    assert db.session.scalars(sa.select(Reminder)).all() == []
    assert audit("person.viewed") == []


def test_a_view_of_a_person_page_is_audited_in_both_modes(client, auth, trainer, cohort):
    ann, ben = member(cohort, "Ann Adler"), member(cohort, "Ben Brandt")
    auth.login(trainer.email)
    assert client.get(f"/cohorts/{cohort.id}/learners/{ann.id}").status_code == 200
    cohort.organisation.works_council_mode = False
    db.session.commit()
    assert client.get(f"/cohorts/{cohort.id}/learners/{ben.id}").status_code == 200
    events = audit("person.viewed")
    assert [(e.actor_id, e.subject_id) for e in events] == [(trainer.id, ann.id), (trainer.id, ben.id)]
    assert all(e.organisation_id == cohort.organisation_id for e in events)


def test_exports_hold_only_people_who_share_and_are_audited(client, auth, trainer, cohort):
    auth.login(trainer.email)
    for kind in ("learners", "lessons"):
        data = client.get(f"/cohorts/{cohort.id}/export/{kind}.csv").get_data(as_text=True)
        assert "Ann Adler" in data
        assert not any(name in data for name in NAMES[1:])
    events = audit("export.downloaded")
    assert len(events) == 2
    assert events[0].detail.startswith("learners.csv") and events[0].detail.endswith(": 1 people")
    assert events[0].actor_id == trainer.id and events[0].organisation_id == cohort.organisation_id


def test_an_export_outside_the_mode_is_audited_with_everyone(client, auth, trainer, cohort):
    cohort.organisation.works_council_mode = False
    db.session.commit()
    auth.login(trainer.email)
    data = client.get(f"/cohorts/{cohort.id}/export/learners.csv").get_data(as_text=True)
    assert all(name in data for name in NAMES)
    assert audit("export.downloaded")[0].detail.endswith(f": {len(NAMES)} people")


def test_reminders_go_out_and_the_trainer_sees_only_how_many(client, auth, trainer, cohort):
    for one in cohort.members:
        one.joined_at = utcnow() - timedelta(days=10)
    db.session.commit()
    auth.login(trainer.email)
    response = client.post(f"/cohorts/{cohort.id}/reminders", data={"csrf_token": csrf_token(client), "days": "1"},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    reminded = db.session.scalars(sa.select(Reminder.user_id)).all()
    assert len(reminded) == len(NAMES)  # nobody has done anything in the ten days since joining
    assert f"{len(NAMES)} reminders sent." in page
    assert not any(name in page for name in NAMES[1:])


def test_the_aggregated_dashboard_takes_the_same_statements_for_10_and_200_learners(client, auth, trainer,
                                                                                     council):
    now = utcnow()
    small = seed_cohort(council, 10, now, name="Small")
    large = seed_cohort(council, 200, now, name="Large")
    for cohort in (small, large):
        for index, one in enumerate(cohort.members):
            one.user.shares_progress = index % 4 == 0
    publish_guidelines(council, trainer)
    db.session.commit()
    auth.login(trainer.email)
    client.get(f"/cohorts/{small.id}/dashboard")  # warm up: the first request loads the session and catalogue

    counts = {size: statements_for(client, f"/cohorts/{cohort.id}/dashboard")
              for size, cohort in ((10, small), (200, large))}

    print(f"aggregated dashboard statements: {counts}")
    assert counts[10] == counts[200]
    assert counts[10] < 20
    report = [statements_for(client, f"/cohorts/{cohort.id}/report") for cohort in (small, large)]
    assert report[0] == report[1]
