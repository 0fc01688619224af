"""A cohort's network page: who chose to be seen, where to follow them, and the viewer's own follow ticks."""
from __future__ import annotations

from dataclasses import dataclass

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.network.addresses import PRESENCE_LABELS, PRESENCE_PLATFORMS, follow_url, profile_url, shown_handle
from course.network.models import Visibility
from course.network.queries import Person, followed_ids, profile_of, viewer_of, visible_people
from course.network.services import mastodon_host
from course.text.platforms import PLATFORMS


@dataclass(frozen=True)
class Link:
    platform: str
    label: str  # the platform's name
    handle: str
    profile_url: str
    follow_url: str


@dataclass(frozen=True)
class PersonEntry:
    user_id: int
    name: str
    circle_number: int | None
    links: list[Link]
    is_me: bool
    followed: bool


@dataclass(frozen=True)
class NetworkPage:
    cohort: Cohort
    people: list[PersonEntry]
    is_staff: bool
    am_shown: bool  # the viewer chose to be seen by their cohort (or wider)
    has_mastodon: bool
    has_other_links: bool


def _label(platform: str) -> str:
    return PLATFORMS[platform].name if platform != "blog" else str(PRESENCE_LABELS["blog"])


def _links(person: Person, own_host: str | None) -> list[Link]:
    return [Link(platform, _label(platform), shown_handle(platform, person.presences[platform]),
                 profile_url(platform, person.presences[platform]),
                 follow_url(platform, person.presences[platform], own_host))
            for platform in PRESENCE_PLATFORMS if platform in person.presences]


def network_page(user: User, cohort: Cohort) -> NetworkPage:
    viewer = viewer_of(user, cohort)
    people = visible_people(viewer, cohort)
    followed = followed_ids(user)
    own_host = mastodon_host(user)
    profile = profile_of(user)
    entries = [PersonEntry(p.user.id, p.user.name, p.circle_number, _links(p, own_host), p.is_me,
                           p.user.id in followed) for p in people]
    others = [p for p in people if not p.is_me]
    return NetworkPage(
        cohort, entries, viewer.is_staff,
        am_shown=profile is not None and profile.visibility in (Visibility.COHORT, Visibility.ORGANISATION),
        has_mastodon=any("mastodon" in p.presences for p in others),
        has_other_links=any(set(p.presences) - {"mastodon"} for p in others),
    )
