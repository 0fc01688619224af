"""The calendars themselves: a cohort's stage dates, a person's review due dates, and their own combined calendar.

Each is an ``icalendar.Calendar`` written in one language: the person's own (their profile), else the request's.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event

from course.accounts.models import User
from course.calendars.sources import CALENDAR_SOURCES, review_due_events, stage_events
from course.cohorts.models import Cohort

PRODUCT_ID = "-//Vernetzt//Calendar//EN"
CALENDAR_TYPE = "text/calendar"  # werkzeug adds "; charset=utf-8"
# How often a subscribed calendar app should fetch again (Outlook reads the X- name, others RFC 7986's).
REFRESH = timedelta(hours=6)


def calendar_language(user: User | None) -> str:
    """The language a calendar for ``user`` is written in: theirs if they chose one, else the request's."""
    if user is not None and user.language is not None and user.language in current_app.config["LANGUAGES"]:
        return user.language
    return str(get_locale())


def make_calendar(name: str, events: Iterable[Event]) -> Calendar:
    """A calendar called ``name`` holding ``events``, with how often a subscribed app should fetch it again."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for event in events:
        calendar.add_component(event)
    return calendar


def cohort_calendar(cohort: Cohort, language: str) -> Calendar:
    """The day each stage of ``cohort`` opens; empty for a self-paced cohort."""
    with force_locale(language):
        return make_calendar(_("Vernetzt: stages of %(cohort)s", cohort=cohort.name), stage_events(cohort))


def review_calendar(user: User, language: str) -> Calendar:
    """When each review ``user`` still has to write is due."""
    with force_locale(language):
        return make_calendar(_("Vernetzt: my reviews"), review_due_events(user))


def my_calendar(user: User, language: str) -> Calendar:
    """Everything dated for ``user``: every source in ``CALENDAR_SOURCES``, one after the other."""
    with force_locale(language):
        return make_calendar(_("Vernetzt: my calendar"), (event for source in CALENDAR_SOURCES for event in source(user)))
