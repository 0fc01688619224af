"""The learner's pages: their circle's rounds, and one round with its goals and check-ins."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _

from course.accounts.models import User
from course.cohorts.models import CohortMember
from course.rounds import queries, services
from course.rounds.forms import CheckInForm
from course.rounds.models import ROUND_DAYS, CircleRound
from course.rounds.status import CheckInState, check_in_state


@dataclass(frozen=True)
class RoundLink:
    number: int
    started_at: datetime
    ends_at: datetime
    is_running: bool
    url: str


@dataclass(frozen=True)
class RoundsPage:
    has_circle: bool
    rounds: list[RoundLink]
    may_start: bool
    start_blocked: str | None  # why the button is not offered
    round_days: int = ROUND_DAYS


def rounds_page(user: User, membership: CohortMember | None, now: datetime) -> RoundsPage:
    """The circle's rounds, and whether ``user`` may start the next one (and if not, why)."""
    if membership is None or membership.circle_id is None:
        return RoundsPage(False, [], False, None)
    rounds = queries.circle_rounds(membership.circle_id)
    links = [RoundLink(r.number, r.started_at, r.ends_at, r.is_running(now), url_for("rounds.show", round_id=r.id))
             for r in rounds]
    if any(link.is_running for link in links):
        return RoundsPage(True, links, False, None)
    if not services.has_reached_last_stage(user):
        return RoundsPage(True, links, False, _("Your circle can start a round once you have reached the last stage "
                                                "of the course."))
    return RoundsPage(True, links, True, None)


@dataclass(frozen=True)
class Member:
    label: str
    is_me: bool
    goal: str | None  # Markdown, rendered by the template's user_markdown filter
    goal_updated_at: datetime | None


@dataclass(frozen=True)
class CheckInItem:
    label: str
    is_mine: bool
    note: str  # Markdown
    created_at: datetime


@dataclass(frozen=True)
class RoundPage:
    round: CircleRound
    is_running: bool
    members: list[Member]
    check_ins: list[CheckInItem]  # newest first
    has_goal: bool
    state: CheckInState
    form: CheckInForm | None  # None: no goal yet, or the round has ended
    is_anonymous: bool


def member_labels(people: list[User], me: User, anonymous: bool) -> dict[int, str]:
    """What each person is called on the page: "You", their name, or, in a cohort that reviews anonymously (where a
    name would tell an author who reviewed them), a letter."""
    labels = {}
    for index, person in enumerate(sorted(people, key=lambda p: p.id)):
        if person.id == me.id:
            labels[person.id] = _("You")
        else:
            labels[person.id] = _("Circle member %(letter)s", letter=chr(ord("A") + index % 26)) if anonymous \
                else person.name
    return labels


def round_page(user: User, round_: CircleRound, now: datetime, form: CheckInForm | None = None) -> RoundPage:
    """One round of ``user``'s circle: everyone's goal, the check-ins, and what is due for ``user``."""
    anonymous = round_.circle.cohort.anonymous_reviews
    people = {person.id: person for person in queries.circle_members(round_.circle_id)}
    for goal in round_.goals:  # someone who set a goal and left the circle since still wrote it
        people.setdefault(goal.user_id, goal.user)
    for entry in round_.check_ins:
        people.setdefault(entry.user_id, entry.user)
    labels = member_labels(list(people.values()), user, anonymous)
    goals = {goal.user_id: goal for goal in round_.goals}
    order = sorted(people, key=lambda pid: (pid != user.id, labels[pid].casefold()))
    members = [Member(labels[pid], pid == user.id, goals[pid].text if pid in goals else None,
                      goals[pid].updated_at if pid in goals else None) for pid in order]
    check_ins = [CheckInItem(labels[c.user_id], c.user_id == user.id, c.note, c.created_at)
                 for c in sorted(round_.check_ins, key=lambda c: (c.created_at, c.id), reverse=True)]
    mine = goals.get(user.id)
    last_mine = max((c.created_at for c in round_.check_ins if c.user_id == user.id), default=None)
    state = check_in_state(round_, mine.created_at, last_mine, now) if mine else CheckInState(None, None)
    running = round_.is_running(now)
    if running and mine is not None and form is None:
        form = CheckInForm(formdata=None)
    return RoundPage(round_, running, members, check_ins, mine is not None, state,
                     form if running and mine is not None else None, anonymous)
