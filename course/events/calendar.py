"""An event as an iCalendar entry: for its own .ics download and for the person's "my calendar"."""
from __future__ import annotations

from flask_babel import gettext as _
from icalendar import Event as CalendarEvent

from course.accounts.models import User
from course.database import utcnow
from course.events import queries
from course.events.models import Event
from course.links import external_url


def calendar_entry(event: Event) -> CalendarEvent:
    """The event with its time, place and hashtag, and a link to its page; its UID never changes."""
    url = external_url("events.show", event_id=event.id)
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.id}@vernetzt")
    entry.add("dtstamp", utcnow())
    entry.add("summary", f"{event.name} {event.hashtag}")
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    if event.place:
        entry.add("location", event.place)
    entry.add("description", _("Post with %(hashtag)s before, during and after the event. Its page: %(url)s",
                               hashtag=event.hashtag, url=url))
    entry.add("url", url)
    return entry


def events_of_person(user: User) -> list[CalendarEvent]:
    """The events ``user`` sees: a learner's cohort takes part in, or their organisations' for staff."""
    return [calendar_entry(event) for event in queries.events_of(user)]
