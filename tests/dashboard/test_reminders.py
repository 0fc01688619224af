"""Reminders: one learner or everyone who needs attention, through the outbox, at most once a day each."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.extensions import db
from course.reminders.models import Reminder
from tests.conftest import outbox_messages
from tests.guidelines.factories import publish_guidelines


@pytest.fixture
def cohort(organisation, create_user):
    """Quiet Quinn (nothing for ten days), Busy Bea (a lesson today) and Invited Ivo (no password yet)."""
    group = Cohort(organisation_id=organisation.id, name="Winter")
    db.session.add(group)
    now = utcnow()
    for name, password in (("Quiet Quinn", "a long password 1"), ("Busy Bea", "a long password 2"),
                           ("Invited Ivo", None)):
        user = create_user(Role.LEARNER, organisation=organisation, name=name, password=password)
        group.members.append(CohortMember(user=user, joined_at=now - timedelta(days=20)))
    db.session.flush()
    quinn, bea = (member.user for member in group.members[:2])
    db.session.add_all([
        LessonProgress(user_id=quinn.id, lesson_slug="networking-is-doing", read_at=now - timedelta(days=10)),
        LessonProgress(user_id=bea.id, lesson_slug="networking-is-doing", read_at=now),
    ])
    db.session.commit()
    return group


def member(cohort, name):
    return next(m.user for m in cohort.members if m.user.name == name)


def reminders_of(user) -> list[Reminder]:
    return list(db.session.scalars(sa.select(Reminder).where(Reminder.user_id == user.id)))


def test_one_learner_is_reminded_through_the_outbox(client, auth, trainer, cohort):
    quinn = member(cohort, "Quiet Quinn")
    auth.login(trainer.email)

    response = auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind", follow_redirects=True)

    assert "A reminder is on its way to Quiet Quinn." in response.get_data(as_text=True)
    mails = [m for m in outbox_messages() if m.recipient_address == quinn.email]
    assert len(mails) == 1
    assert "while since you were last in the course" in mails[0].body
    assert "http://localhost/learn/" in mails[0].body
    assert [r.reasons for r in reminders_of(quinn)] == [["inactive"]]
    assert reminders_of(quinn)[0].sent_by_id == trainer.id


def test_a_second_reminder_the_same_day_is_refused(client, auth, trainer, cohort):
    quinn = member(cohort, "Quiet Quinn")
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind")

    response = auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind", follow_redirects=True)

    assert "the next reminder is possible from" in response.get_data(as_text=True)
    assert len([m for m in outbox_messages() if m.recipient_address == quinn.email]) == 1
    assert len(reminders_of(quinn)) == 1


def test_after_a_day_the_next_reminder_may_go(client, auth, trainer, cohort):
    quinn = member(cohort, "Quiet Quinn")
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind")
    db.session.execute(sa.update(Reminder).values(sent_at=utcnow() - timedelta(hours=24, minutes=1)))
    db.session.commit()

    auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind")

    assert len(reminders_of(quinn)) == 2
    assert len([m for m in outbox_messages() if m.recipient_address == quinn.email]) == 2


def test_remind_everyone_reaches_only_those_who_need_it(client, auth, trainer, cohort):
    quinn, bea, ivo = (member(cohort, name) for name in ("Quiet Quinn", "Busy Bea", "Invited Ivo"))
    auth.login(trainer.email)

    response = auth.post(f"/cohorts/{cohort.id}/reminders", data={"days": "7"}, follow_redirects=True)

    assert "1 reminder sent." in response.get_data(as_text=True)
    recipients = {m.recipient_address for m in outbox_messages()}
    assert quinn.email in recipients
    assert bea.email not in recipients  # active today
    assert ivo.email not in recipients  # not signed up: the invitation is what they need

    again = auth.post(f"/cohorts/{cohort.id}/reminders", data={"days": "7"}, follow_redirects=True)
    assert "1 person was left out: reminded in the last 24 hours." in again.get_data(as_text=True)
    assert len(reminders_of(quinn)) == 1


def test_fewer_quiet_days_bring_more_people_in(client, auth, trainer, cohort):
    db.session.execute(sa.update(LessonProgress).values(read_at=utcnow() - timedelta(days=2)))
    db.session.commit()
    auth.login(trainer.email)

    auth.post(f"/cohorts/{cohort.id}/reminders", data={"days": "1"})

    assert {m.recipient_address for m in outbox_messages()} == {
        member(cohort, "Quiet Quinn").email, member(cohort, "Busy Bea").email}


def test_the_dashboard_says_when_the_next_reminder_is_possible(client, auth, trainer, cohort):
    quinn = member(cohort, "Quiet Quinn")
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind")

    page = client.get(f"/cohorts/{cohort.id}/dashboard").get_data(as_text=True)

    assert f"/cohorts/{cohort.id}/learners/{quinn.id}/remind" not in page
    assert "reminded" in page
    assert "Reaches 0 people now" in page


def test_an_invited_learner_is_pointed_to_the_invitation(client, auth, trainer, cohort):
    ivo = member(cohort, "Invited Ivo")
    auth.login(trainer.email)

    response = auth.post(f"/cohorts/{cohort.id}/learners/{ivo.id}/remind", follow_redirects=True)

    assert "has not accepted the invitation yet" in response.get_data(as_text=True)
    assert outbox_messages() == []


def test_reminders_need_the_form_token(client, auth, trainer, cohort):
    quinn = member(cohort, "Quiet Quinn")
    auth.login(trainer.email)

    assert client.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind").status_code == 400
    assert client.post(f"/cohorts/{cohort.id}/reminders", data={"days": "7"}).status_code == 400
    assert outbox_messages() == []


def test_the_reminder_is_written_in_the_learners_language(client, auth, trainer, cohort):
    quinn = member(cohort, "Quiet Quinn")
    quinn.language = "de"
    db.session.commit()
    auth.login(trainer.email)

    auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind")

    mail = outbox_messages()[0]
    assert mail.body.startswith("Hallo Quiet Quinn")


# One rule for every reminder ---------------------------------------------------------------------------------------

def _guidelines_reminder(auth, organisation):
    return auth.post(f"/guidelines/{organisation.id}/acknowledgements/remind", follow_redirects=True)


def test_after_a_guidelines_reminder_the_dashboard_waits_a_day(client, auth, trainer, organisation, cohort):
    quinn = member(cohort, "Quiet Quinn")
    publish_guidelines(organisation, trainer, note="First guidelines.")
    auth.login(trainer.email)
    assert "reminders sent." in _guidelines_reminder(auth, organisation).get_data(as_text=True)

    response = auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind", follow_redirects=True)

    assert "the next reminder is possible from" in response.get_data(as_text=True)
    assert [r.reasons for r in reminders_of(quinn)] == [["guidelines"]]
    assert reminders_of(quinn)[0].cohort_id == cohort.id
    assert len([m for m in outbox_messages() if m.recipient_address == quinn.email]) == 1


def test_after_a_dashboard_reminder_the_guidelines_wait_a_day(client, auth, trainer, organisation, cohort):
    quinn, bea = member(cohort, "Quiet Quinn"), member(cohort, "Busy Bea")
    publish_guidelines(organisation, trainer, note="First guidelines.")
    auth.login(trainer.email)
    auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind")

    html = _guidelines_reminder(auth, organisation).get_data(as_text=True)

    assert "1 person was reminded less than a day ago and is left out until tomorrow." in html
    assert len([m for m in outbox_messages() if m.recipient_address == quinn.email]) == 1
    assert [r.reasons for r in reminders_of(bea)] == [["guidelines"]]
    assert [r.reasons for r in reminders_of(quinn)] == [["inactive", "guidelines"]]  # one mail said both


def test_a_day_after_any_reminder_the_next_may_go(client, auth, trainer, organisation, cohort):
    quinn = member(cohort, "Quiet Quinn")
    publish_guidelines(organisation, trainer, note="First guidelines.")
    auth.login(trainer.email)
    _guidelines_reminder(auth, organisation)
    for reminder in reminders_of(quinn):
        reminder.sent_at -= timedelta(days=1)
    db.session.commit()

    response = auth.post(f"/cohorts/{cohort.id}/learners/{quinn.id}/remind", follow_redirects=True)

    assert "A reminder is on its way to Quiet Quinn." in response.get_data(as_text=True)
