"""Changing the network: a person's presences and choices, publications pasted back, private marks, follow lists."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.drafts.models import Draft
from course.extensions import db
from course.network.addresses import PRESENCE_PLATFORMS, AddressError, parse_address, parse_mastodon, profile_url
from course.network.intents import fits
from course.network.models import FollowMark, NetworkProfile, Presence, Publication, ReplyMark, ShownAs, Visibility
from course.network.post_links import PostLinkError, check_post_link
from course.network.queries import Person, membership, presences_of
from course.text.cleaning import clean_user_text
from course.text.platforms import PLATFORMS


class NetworkError(ValueError):
    """What was asked cannot be done; ``problems`` maps a field name ("" for the form) to a message."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def save_presences(user: User, addresses: dict[str, str], visibility: Visibility, shown_as: ShownAs) -> None:
    """Replace ``user``'s presences by ``addresses`` (platform -> what they typed; empty removes it).

    Raises NetworkError with a message per platform that does not parse; then nothing is changed.
    """
    parsed, problems = {}, {}
    for platform in PRESENCE_PLATFORMS:
        text = (addresses.get(platform) or "").strip()
        if not text:
            continue
        try:
            parsed[platform] = parse_address(platform, text)
        except AddressError as error:
            problems[platform] = str(error)
    if problems:
        raise NetworkError(problems)
    existing = {p.platform: p for p in db.session.scalars(sa.select(Presence).where(Presence.user_id == user.id))}
    for platform, presence in existing.items():
        if platform not in parsed:
            db.session.delete(presence)
    for platform, address in parsed.items():
        if platform in existing:
            existing[platform].address = address
        else:
            db.session.add(Presence(user_id=user.id, platform=platform, address=address))
    profile = db.session.get(NetworkProfile, user.id) or NetworkProfile(user_id=user.id)
    profile.visibility, profile.shown_as = visibility, shown_as
    db.session.add(profile)


def publish(user: User, draft: Draft | None, platform: str, text: str, link: str,
            event_id: int | None = None) -> Publication:
    """Keep the live post at ``link``: ``text`` as published on ``platform``, from ``draft`` or for an event.

    The link must be a post URL of ``platform`` and, where the URL shows an account, the one the person
    added under their presences. The post joins the feed of the person's cohort unless it is closed.
    """
    if not fits(platform, text):
        raise NetworkError({"link": _("Your text is longer than %(platform)s allows, so it cannot be the post you "
                                      "published. Shorten it first, then post it again.",
                                      platform=PLATFORMS[platform].name)})
    address = presences_of(user).get(platform)
    try:
        url = check_post_link(platform, link, address)
    except PostLinkError as error:
        raise NetworkError({"link": str(error)}) from None
    duplicate = db.session.scalar(sa.select(Publication.id).where(Publication.user_id == user.id,
                                                                  Publication.url == url))
    if duplicate is not None:
        raise NetworkError({"link": _("You have already added this post.")})
    own = membership(user)
    cohort_id = own.cohort_id if own is not None and not own.cohort.is_closed else None
    publication = Publication(user_id=user.id, draft_id=draft.id if draft else None, cohort_id=cohort_id,
                              event_id=event_id, platform=platform, text=clean_user_text(text), url=url)
    db.session.add(publication)
    return publication


def remove_publication(publication: Publication) -> None:
    """Forget a publication in Vernetzt (the post itself stays on its platform)."""
    db.session.delete(publication)


def set_mark(model: type[FollowMark] | type[ReplyMark], user: User, target_id: int, marked: bool) -> None:
    """Tick or untick one of ``user``'s private marks (followed someone, replied to a post)."""
    column = "followed_id" if model is FollowMark else "publication_id"
    existing = db.session.get(model, (user.id, target_id))
    if marked and existing is None:
        db.session.add(model(user_id=user.id, **{column: target_id}))
    elif not marked and existing is not None:
        db.session.delete(existing)


# Follow lists ---------------------------------------------------------------------

# The header of the CSV Mastodon imports as "Following list" (Preferences > Import and export > Import).
MASTODON_FOLLOWS_HEADER = ("Account address", "Show boosts", "Notify on new posts", "Languages")


def mastodon_follows_csv(people: list[Person]) -> str:
    """The Mastodon addresses of ``people`` (but the viewer) as a following list Mastodon imports."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MASTODON_FOLLOWS_HEADER)
    for person in people:
        address = person.presences.get("mastodon")
        if address and not person.is_me:
            writer.writerow((address.removeprefix("@"), "true", "false", ""))
    return out.getvalue()


@dataclass(frozen=True)
class FollowList:
    cohort_name: str
    sections: list[tuple[str, list[tuple[str, str]]]]  # platform name, [(person's name, link or handle)]


def follow_list(cohort: Cohort, people: list[Person]) -> FollowList:
    """Everyone's Bluesky handles, LinkedIn, X and Threads profiles and websites, for following by hand."""
    sections = []
    for platform, name in (("bluesky", "Bluesky"), ("linkedin", "LinkedIn"), ("x", "X"), ("threads", "Threads"),
                           ("blog", _("Blogs and websites"))):
        entries = [(person.user.name, profile_url(platform, person.presences[platform]))
                   for person in people if platform in person.presences and not person.is_me]
        if entries:
            sections.append((name, entries))
    return FollowList(cohort.name, sections)


def mastodon_host(user: User) -> str | None:
    """The server of ``user``'s own Mastodon account, where their share and follow screens are."""
    address = presences_of(user).get("mastodon")
    return parse_mastodon(address).host if address else None
