"""Reminding members whose check-in is due: once per due check-in, in their language, only those with a goal."""
from datetime import timedelta

import pytest

from course.database import utcnow
from course.extensions import db
from course.rounds.models import CircleRound, RoundCheckIn
from course.rounds.reminders import remind_due_check_ins
from course.rounds.services import set_goal
from course.rounds.status import check_in_state
from course.tasks import remind_check_ins
from tests.conftest import outbox_messages
from tests.rounds.conftest import running_round

DAY = timedelta(days=1)


def _round(days_ago: float = 0) -> CircleRound:
    start = utcnow() - timedelta(days=days_ago)
    return CircleRound(circle_id=1, number=1, started_at=start, ends_at=start + 90 * DAY)


@pytest.mark.parametrize(("day", "last_check_in_day", "due"), [
    (13.9, None, None),  # the first date has not come
    (14.1, None, 1),
    (14.1, 3, None),  # checked in since the start
    (27, 10, None),
    (28.1, 10, 2),  # nothing since day 14
    (28.1, 15, None),
    (85, 60, 6),  # the last date, day 84
    (89, 84.5, None),
])
def test_which_check_in_is_due(app, day, last_check_in_day, due):
    round_ = _round()
    now = round_.started_at + timedelta(days=day)
    last = None if last_check_in_day is None else round_.started_at + timedelta(days=last_check_in_day)
    assert check_in_state(round_, round_.started_at, last, now).due_number == due


def test_a_member_who_joined_after_a_date_is_not_due_for_it(app):
    round_ = _round()
    joined = round_.started_at + 20 * DAY
    assert check_in_state(round_, joined, None, round_.started_at + 27 * DAY).due_number is None
    assert check_in_state(round_, joined, None, round_.started_at + 29 * DAY).due_number == 2


def test_nothing_is_due_once_the_round_has_ended(app):
    round_ = _round()
    state = check_in_state(round_, round_.started_at, None, round_.started_at + 90 * DAY)
    assert state.due_number is None and state.next_due_at is None


def test_a_due_check_in_is_reminded_once_and_the_next_one_again(app, world):
    ana, ben, cem = world.members[:3]
    cem.language = "de"
    round_ = running_round(world.circle, days_ago=15)
    for person in (ana, cem):
        set_goal(round_, person, "A goal", round_.started_at + timedelta(hours=1))
    db.session.add(RoundCheckIn(round_id=round_.id, user_id=ana.id, note="Done", created_at=round_.started_at + 5 * DAY))
    db.session.commit()
    now = utcnow()

    assert remind_due_check_ins(now) == 1  # Cem: Ana checked in, Ben has no goal
    db.session.commit()
    assert remind_due_check_ins(now + timedelta(hours=3)) == 0
    db.session.commit()

    [message] = outbox_messages()
    assert message.recipient_id == cem.id
    assert message.subject == "Ihre Feedbackgruppe wartet auf Ihren Zwischenstand"
    assert f"http://localhost/circle/rounds/{round_.id}" in message.body

    later = round_.started_at + 28 * DAY + timedelta(hours=1)
    assert remind_due_check_ins(later) == 2  # the second date: now Ana too, and Cem again
    db.session.commit()
    assert sorted(m.recipient_id for m in outbox_messages()) == sorted([cem.id, ana.id, cem.id])


def test_the_worker_job_writes_and_commits_the_reminders(app, world):
    round_ = running_round(world.circle, days_ago=15)
    set_goal(round_, world.members[0], "A goal", round_.started_at)
    db.session.commit()
    remind_check_ins.call_local()
    db.session.rollback()  # what the job wrote is committed
    assert [m.recipient_id for m in outbox_messages()] == [world.members[0].id]


def test_deactivated_members_and_ended_rounds_get_no_reminder(app, world):
    ana, ben = world.members[:2]
    round_ = running_round(world.circle, days_ago=15)
    set_goal(round_, ana, "A goal", round_.started_at)
    set_goal(round_, ben, "A goal", round_.started_at)
    ana.active = False
    db.session.commit()
    assert remind_due_check_ins(utcnow()) == 1
    db.session.commit()
    assert remind_due_check_ins(round_.ends_at + DAY) == 0
