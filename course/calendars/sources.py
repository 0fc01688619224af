"""What a calendar holds: each source turns a person (or a cohort) into iCalendar events.

The texts are written in the language that ``calendars.calendar_in`` forces while the sources run, so a source
only calls gettext. Each event has a UID that stays the same however often the calendar is fetched, so a calendar
app updates an event instead of adding it twice.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from flask_babel import get_locale
from flask_babel import gettext as _
from icalendar import Event

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.cohorts.queries import cohort_of
from course.curriculum.library import lessons
from course.curriculum.unlocking import Pace, scheduled_opening
from course.database import utcnow
from course.events.calendar import events_of_person
from course.links import external_url
from course.review.queries import open_reviews

CalendarSource = Callable[[User], list[Event]]

UID_DOMAIN = "vernetzt"


def _event(uid: str, summary: str, description: str, url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    return event


def stage_events(cohort: Cohort) -> list[Event]:
    """For a scheduled cohort, one all-day event per stage on the day it opens; none for a self-paced one."""
    if not cohort.is_scheduled:
        return []
    language, now = str(get_locale()), utcnow()
    pace = Pace(True, {row.stage_key: row.opens_on for row in cohort.schedule}, cohort.starts_on)
    course_url = external_url("curriculum.index")
    events = []
    for index, stage in enumerate(lessons.curriculum.stages):
        opens_on = scheduled_opening(pace, stage, index)
        if opens_on is None:
            continue
        title = stage.title(language)
        event = _event(f"stage-{cohort.id}-{stage.key}",
                       _("Stage %(number)d: %(title)s opens", number=stage.number, title=title),
                       _("Stage %(number)d of the course, “%(title)s”, opens today for %(cohort)s. "
                         "Open the course: %(url)s", number=stage.number, title=title, cohort=cohort.name,
                         url=course_url),
                       course_url, now)
        event.add("dtstart", opens_on)
        event.add("dtend", opens_on + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a day a stage opens does not make anyone busy
        events.append(event)
    return events


def cohort_stage_events(user: User) -> list[Event]:
    """The stage dates of the cohort ``user`` learns in; none outside a cohort or in a self-paced one."""
    cohort = cohort_of(user)
    return stage_events(cohort) if cohort is not None else []


def review_due_events(user: User) -> list[Event]:
    """One event per open review of ``user`` at the time it is due, with a link to write it.

    It names the lesson, never the author, in named and anonymous cohorts alike: a calendar leaves Vernetzt (a
    calendar service keeps a copy, a phone shows it on the lock screen), so it carries no one else's name.
    """
    language, now = str(get_locale()), utcnow()
    events = []
    for review in open_reviews(user):
        lesson = lessons.curriculum.lesson_title(review.draft.lesson_slug, language)
        url = external_url("review.edit", review_id=review.id)
        event = _event(f"review-{review.id}", _("Review due: %(lesson)s", lesson=lesson),
                       _("Your review of a colleague’s text for the lesson “%(lesson)s” is due. "
                         "Write it here: %(url)s", lesson=lesson, url=url), url, now)
        event.add("dtstart", review.due_at)
        event.add("dtend", review.due_at)
        events.append(event)
    return events


# What "my calendar" holds, in this order. A feature with dates of its own for a person (events they take part
# in, say) adds its function here: it gets the person and returns their events, each with a stable UID.
CALENDAR_SOURCES: tuple[CalendarSource, ...] = (cohort_stage_events, review_due_events, events_of_person)
