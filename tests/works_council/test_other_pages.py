"""The other trainer pages that list people: acknowledgement tracking and circles, in the works-council mode."""
from datetime import timedelta

import sqlalchemy as sa

from course.database import utcnow
from course.extensions import db
from course.mail.models import OutboxMessage
from course.reminders.models import Reminder
from course.workspace.circles.services import form_circles
from tests.conftest import csrf_token
from tests.guidelines.factories import publish_guidelines
from tests.works_council.conftest import NAMES, member


def test_acknowledgements_show_a_group_figure_and_only_people_who_share(client, auth, trainer, cohort):
    publish_guidelines(cohort.organisation, trainer)
    auth.login(trainer.email)
    page = client.get(f"/guidelines/{cohort.organisation_id}/acknowledgements").get_data(as_text=True)
    assert "0 of 8 learners have acknowledged version 1." in page
    assert "Not acknowledged yet, of those who share their progress (1)" in page
    assert "Ann Adler" in page
    assert not any(name in page for name in NAMES[1:])
    assert "Remind everyone who has not" in page


def test_a_person_who_does_not_share_cannot_be_reminded_by_name(client, auth, trainer, cohort):
    publish_guidelines(cohort.organisation, trainer)
    ben = member(cohort, "Ben Brandt")
    auth.login(trainer.email)
    response = client.post(f"/guidelines/{cohort.organisation_id}/acknowledgements/remind",
                           data={"csrf_token": csrf_token(client), "user_id": ben.id})
    assert response.status_code == 404
    assert db.session.scalars(sa.select(Reminder)).all() == []


def test_outside_the_mode_acknowledgements_name_everyone(client, auth, trainer, cohort):
    cohort.organisation.works_council_mode = False
    db.session.commit()
    publish_guidelines(cohort.organisation, trainer)
    auth.login(trainer.email)
    page = client.get(f"/guidelines/{cohort.organisation_id}/acknowledgements").get_data(as_text=True)
    assert all(name in page for name in NAMES)
    assert "learners have acknowledged version" not in page


def test_the_circles_page_keeps_names_but_not_the_last_sign_in(client, auth, trainer, cohort):
    form_circles(cohort)
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/circles").get_data(as_text=True)
    assert all(name in page for name in NAMES)  # needed to run the circles
    assert page.count("not shared") == len(NAMES) - 1


def test_the_outbox_does_not_tell_a_trainer_who_got_a_reminder(client, auth, trainer, cohort, admin):
    for one in cohort.members:
        one.joined_at = utcnow() - timedelta(days=10)
    db.session.commit()
    auth.login(trainer.email)
    client.post(f"/cohorts/{cohort.id}/reminders", data={"csrf_token": csrf_token(client), "days": "1"})
    ann, ben = member(cohort, "Ann Adler"), member(cohort, "Ben Brandt")
    page = client.get("/outbox/").get_data(as_text=True)
    assert ann.email in page
    assert ben.email not in page
    hidden = db.session.scalar(sa.select(OutboxMessage.id).where(OutboxMessage.recipient_id == ben.id))
    assert client.get(f"/outbox/{hidden}").status_code == 404
    auth.logout()
    auth.login(admin.email)
    assert ben.email in client.get("/outbox/").get_data(as_text=True)
