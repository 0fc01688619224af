"""The events list and an event's page: when and where, taking part, and after it, the people to follow."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from course.accounts.models import Organisation, Role, User
from course.events import queries
from course.events.models import Event
from course.events.planning.forms import ConsentForm, EventPostForm
from course.events.services import has_agreed, may_moderate, may_plan_events
from course.network.intents import Intent, first_link, fits, intent_for
from course.network.people.pages import PersonEntry, network_page
from course.network.services import mastodon_host
from course.text.platforms import PLATFORMS


@dataclass(frozen=True)
class EventsPage:
    upcoming: list[Event]
    past: list[Event]
    may_plan_in: list[Organisation]


def events_page(user: User, now: datetime) -> EventsPage:
    events = queries.events_of(user)
    organisations = [o for o in queries.organisations_of(user) if may_plan_events(user, o.id)]
    return EventsPage([e for e in reversed(events) if e.ends_at >= now], [e for e in events if e.ends_at < now],
                      organisations)


@dataclass(frozen=True)
class EventPage:
    event: Event
    is_over: bool
    takes_part: bool
    may_moderate: bool
    consent_form: ConsentForm | None
    people: list[PersonEntry]  # after the event: who took part and chose to be seen
    post_form: EventPostForm | None
    prepared: PreparedPost | None


def event_page(user: User, event: Event, now: datetime, post_form: EventPostForm | None = None,
               prepared: PreparedPost | None = None) -> EventPage:
    member = user.role == Role.LEARNER and queries.takes_part(user, event)
    is_over = event.ends_at < now
    people: list[PersonEntry] = []
    if is_over:
        taking_part = queries.participant_ids(event)
        seen: set[int] = set()
        for cohort in event.cohorts:
            for person in network_page(user, cohort).people:
                if person.user_id in taking_part and person.user_id not in seen and not person.is_me:
                    seen.add(person.user_id)
                    people.append(person)
    consent = ConsentForm(formdata=None, agreed=has_agreed(event, user)) if member and not is_over else None
    if member and post_form is None:
        post_form = EventPostForm(formdata=None, text=f"\n\n{event.hashtag}")
    return EventPage(event, is_over, member, may_moderate(user, event), consent, people,
                     post_form if member else None, prepared)


@dataclass(frozen=True)
class PreparedPost:
    """The event post ready to go: the platform's compose screen with the text, or why not yet."""

    platform: str
    platform_name: str
    text: str
    intent: Intent
    needs_server: bool

    is_over: bool


def prepared_post(user: User, platform: str, text: str) -> PreparedPost:
    host = mastodon_host(user) if platform == "mastodon" else None
    intent = intent_for(platform, text, mastodon_host=host, link=first_link(text))
    return PreparedPost(platform, PLATFORMS[platform].name, text, intent, platform == "mastodon" and host is None,
                        not fits(platform, text))
