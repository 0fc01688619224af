"""What the "My calendar" page shows: what the calendar holds, the downloads and the subscription link."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from flask import url_for
from flask_babel import gettext as _
from icalendar import Event

from course.accounts.models import User
from course.calendars import queries
from course.calendars.calendars import my_calendar
from course.cohorts.models import Cohort
from course.cohorts.queries import cohort_of
from course.dates import format_day, format_moment
from course.forms import ActionForm


@dataclass(frozen=True)
class Entry:
    """One event of the person's calendar, as the page lists it."""

    summary: str
    when: str
    url: str


@dataclass(frozen=True)
class CohortCalendar:
    """A cohort's stage dates to download, or why there are none."""

    name: str
    url: str | None  # None for a self-paced cohort: it has no dates
    note: str


@dataclass
class CalendarPage:
    entries: list[Entry]
    my_calendar_url: str
    reviews_url: str
    cohorts: list[CohortCalendar]
    is_staff: bool
    form: ActionForm
    has_link: bool
    link_made_on: str = ""
    own_stages_url: str | None = None  # a learner's scheduled cohort
    new_link: str | None = None  # the whole link, only on the page that made it
    new_webcal_link: str | None = None
    empty_note: str = ""


def _start(event: Event) -> datetime:
    start = event.decoded("dtstart")
    return start if isinstance(start, datetime) else datetime.combine(start, time.min, tzinfo=UTC)


def _entry(event: Event) -> Entry:
    start = event.decoded("dtstart")
    when = format_moment(start) if isinstance(start, datetime) else format_day(start)
    return Entry(str(event.get("summary")), when, str(event.get("url")))


def _cohort_calendar(cohort: Cohort) -> CohortCalendar:
    if not cohort.is_scheduled:
        return CohortCalendar(cohort.name, None, _("Self-paced: each stage opens when the one before is complete, "
                                                   "so there are no stage dates."))
    return CohortCalendar(cohort.name, url_for("calendars.cohort_stages", cohort_id=cohort.id),
                          _("Scheduled: one all-day entry on the day each stage opens."))


def calendar_page(user: User, language: str, new_token: str | None = None) -> CalendarPage:
    """My calendar for ``user``; ``new_token`` is the secret of a link just made, shown this once."""
    events = sorted(my_calendar(user, language).events, key=_start)
    is_staff = not user.is_learner
    own = None if is_staff else cohort_of(user)
    cohorts = queries.staff_cohorts(user) if is_staff else [own] if own is not None else []
    link = queries.active_link(user)
    page = CalendarPage([_entry(event) for event in events], url_for("calendars.mine"),
                        url_for("calendars.reviews"), [_cohort_calendar(cohort) for cohort in cohorts], is_staff,
                        ActionForm(), link is not None, format_day(link.created_at) if link else "")
    if own is not None and own.is_scheduled:
        page.own_stages_url = url_for("calendars.cohort_stages", cohort_id=own.id)
    if new_token is not None:
        page.new_link = url_for("calendars.feed", token=new_token, _external=True)
        page.new_webcal_link = "webcal://" + page.new_link.split("://", 1)[1]
    if not events:
        page.empty_note = _("Nothing dated yet. Review due dates appear here as soon as a colleague’s text is "
                            "given to you, and stage dates when your cohort has a schedule.")
    return page
