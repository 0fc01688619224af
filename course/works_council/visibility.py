"""The one rule of the works-council mode: whom a trainer may see by name, and which group figures are shown.

Outside the mode staff see every member's row. In the mode they see the row of a
person only when that person chose to share their progress; everyone else is
part of figures about a group, and a group smaller than the organisation's
smallest group gives no figure at all ("too few people to show").
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import sqlalchemy as sa

from course.accounts.models import Organisation, Role, User
from course.dashboard.shift import MIN_GROUP

T = TypeVar("T")


def is_restricted(organisation: Organisation) -> bool:
    """Whether the organisation runs the works-council mode."""
    return bool(organisation.works_council_mode)


def may_see_person(organisation: Organisation, person: User) -> bool:
    """Whether staff may see ``person``'s own row, page and activity for ``organisation``."""
    return not is_restricted(organisation) or bool(person.shares_progress)


def may_name(organisation: Organisation, person: User) -> bool:
    """Whether a page for staff may name ``person`` beside what they did (a draft, a review): staff always,
    learners as ``may_see_person``."""
    return person.role != Role.LEARNER or may_see_person(organisation, person)


def people_hidden_from_trainers() -> sa.Select:
    """The same rule in SQL: the ids of learners whose organisation runs the mode and who do not share."""
    return (sa.select(User.id).join(Organisation, Organisation.id == User.organisation_id)
            .where(Organisation.works_council_mode.is_(True), User.shares_progress.is_(False),
                   User.role == Role.LEARNER))


def visible_people(organisation: Organisation, rows: Iterable[T], person: Callable[[T], User]) -> list[T]:
    """The ``rows`` whose ``person`` staff may see, in their order."""
    return [row for row in rows if may_see_person(organisation, person(row))]


def may_show_group(organisation: Organisation, size: int) -> bool:
    """Whether a figure about ``size`` people may be shown where only group figures are shown (the dashboard in
    the mode, the cohort report in both modes): only for at least the organisation's smallest group."""
    return size >= smallest_group(organisation)


def may_show_figure(organisation: Organisation, size: int, hidden: int) -> bool:
    """Whether a figure about a group of ``size`` people, ``hidden`` of whom do not share, may be shown beside the
    rows of those who share. Beside names a figure must not give away the hidden people's own: the group must be
    large enough, and those hidden must be nobody or a large enough group themselves (9 of 10 listed beside
    "9 of 10 acknowledged" would tell about the tenth)."""
    least = smallest_group(organisation)
    return size >= least and (hidden == 0 or hidden >= least)


def hidden_count(organisation: Organisation, people: Iterable[User]) -> int:
    """How many of ``people`` staff may not see by name."""
    return sum(not may_see_person(organisation, person) for person in people)


def smallest_group(organisation: Organisation) -> int:
    """The smallest group a figure may describe; never below two, so a figure is never one person's."""
    return max(2, organisation.smallest_group or 0)


def shift_minimum(organisation: Organisation) -> int:
    """How many answers a figure of the survey needs: five always, the smallest group in the mode if larger."""
    return max(MIN_GROUP, smallest_group(organisation)) if is_restricted(organisation) else MIN_GROUP


@dataclass(frozen=True)
class GroupFigure:
    """How many of a group, for a page that in the mode may not say who."""

    part: int
    whole: int
    is_shown: bool  # False: too few people to show
    smallest_group: int


def group_figure(organisation: Organisation, part: int, whole: int, hidden: int) -> GroupFigure | None:
    """``part`` of ``whole`` people in the mode, ``hidden`` of whom are not named on the page (shown only as
    ``may_show_figure`` allows); None outside the mode, where the page names everyone anyway."""
    if not is_restricted(organisation):
        return None
    return GroupFigure(part, whole, may_show_figure(organisation, whole, hidden), smallest_group(organisation))
