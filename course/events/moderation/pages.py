"""The moderation page: the wall's state, its link, and the posts in one state."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from course.events import queries
from course.events.models import STATE_LABELS, Event, PostState, Source, WallPost

SOURCE_LABELS = {Source.MEMBER: "Vernetzt", Source.MASTODON: "Mastodon", Source.BLUESKY: "Bluesky"}


@dataclass(frozen=True)
class StateTab:
    state: PostState
    label: str
    count: int
    is_current: bool


@dataclass(frozen=True)
class QueueItem:
    post: WallPost
    source: str
    actions: list[tuple[str, str]]  # ("show", its label), of show, pin, hide, wait


@dataclass(frozen=True)
class ModerationPage:
    event: Event
    tabs: list[StateTab]
    state: PostState
    items: list[QueueItem]
    wall_open: bool
    new_link: str | None  # shown once, right after it was made


ACTION_LABELS = {"show": _l("Show"), "pin": _l("Pin"), "hide": _l("Hide"), "wait": _l("Back to waiting")}
ACTIONS_BY_STATE = {PostState.WAITING: ["show", "pin", "hide"], PostState.SHOWN: ["pin", "hide"],
                    PostState.PINNED: ["show", "hide"], PostState.HIDDEN: ["show", "wait"]}


def moderation_page(event: Event, state: PostState, now: datetime, new_link: str | None = None) -> ModerationPage:
    counts = queries.state_counts(event)
    tabs = [StateTab(s, str(STATE_LABELS[s]), counts[s], s == state) for s in PostState]
    items = [QueueItem(post, SOURCE_LABELS[post.source], [(a, str(ACTION_LABELS[a])) for a in ACTIONS_BY_STATE[state]])
             for post in queries.queue(event, state)]
    return ModerationPage(event, tabs, state, items, event.wall_is_open(now), new_link)
