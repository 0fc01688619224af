"""Calendars to read back: a reviewer with open reviews, and ICS parsed by the library that wrote it."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar, Event

from course.cohorts.models import Cohort, StageSchedule
from course.curriculum.library import lessons
from course.extensions import db
from tests.factories import ReviewCircle, circle_of_three, submit_post

ICS_TYPE = "text/calendar; charset=utf-8"


def parse(response) -> Calendar:
    """The calendar in ``response``, which must be an ICS file."""
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"] == ICS_TYPE
    return Calendar.from_ical(response.get_data())


def events_by_uid(calendar: Calendar) -> dict[str, Event]:
    return {str(event["uid"]): event for event in calendar.events}


def schedule(cohort: Cohort, first: date) -> dict[str, date]:
    """Give ``cohort`` a schedule: stage n opens ``first`` + n-1 weeks. The dates, by stage key."""
    dates = {stage.key: first + timedelta(weeks=index) for index, stage in enumerate(lessons.curriculum.stages)}
    cohort.schedule = [StageSchedule(stage_key=key, opens_on=day) for key, day in dates.items()]
    db.session.commit()
    return dates


@pytest.fixture
def make_reviewing_circle(create_user, organisation):
    """Alex Author's post submitted for Robin Reviewer and Kim Colleague, named unless ``anonymous``."""

    def make(*, anonymous: bool = False) -> ReviewCircle:
        circle = circle_of_three(create_user, organisation, anonymous=anonymous)
        submit_post(circle.author)
        return circle

    return make
