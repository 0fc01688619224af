"""Creating, changing and deleting cohorts: name, hashtag, start date, pacing and the stage schedule.

Functions flush; the view commits. Every problem is found at once and raised
together, keyed by the form field it belongs to.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import Organisation
from course.cohorts.models import Cohort, Pacing, StageSchedule
from course.curriculum.library import lessons
from course.database import utcnow
from course.dates import format_day
from course.extensions import db

NAME_MAX = 200


HASHTAG_MAX = 100


_HASHTAG_WORD = re.compile(r"\w+")  # letters (umlauts too), digits, underscore


class CohortError(Exception):
    """A cohort that cannot be saved; ``problems`` maps a form field's name to why."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class CohortDetails:
    """What a trainer enters for a cohort; ``opens_on`` maps a stage key to its date, if given."""

    name: str
    hashtag: str | None = None
    starts_on: date | None = None
    pacing: Pacing = Pacing.SELF_PACED
    opens_on: Mapping[str, date | None] = field(default_factory=dict)
    ends_on: date | None = None
    feed_open_to_organisation: bool = False


def stage_field(stage_key: str) -> str:
    """The name of the form field (and problem key) for the date a stage opens."""
    return "opens_" + stage_key.replace("-", "_")


def normalise_hashtag(text: str | None) -> str | None:
    """``text`` as a hashtag starting with "#"; None when empty. Raises ValueError with a message to show."""
    text = (text or "").strip()
    if not text:
        return None
    word = text.removeprefix("#")
    if _HASHTAG_WORD.fullmatch(word) is None:
        joined = "".join(word.split())
        if joined != word and _HASHTAG_WORD.fullmatch(joined):
            raise ValueError(_("A hashtag has no spaces: try #%(suggestion)s.", suggestion=joined))
        raise ValueError(_("Use only letters, digits and underscores after the #, e.g. #Vernetzt_2025."))
    if word.isdigit():
        raise ValueError(_("Add a letter: a hashtag of digits alone does not become a link on most platforms."))
    hashtag = "#" + word
    if len(hashtag) > HASHTAG_MAX:
        raise ValueError(_("Keep the hashtag to %(max)d characters.", max=HASHTAG_MAX))
    return hashtag


def cohort_problems(organisation_id: int, details: CohortDetails, cohort: Cohort | None = None) -> dict[str, str]:
    """Every reason ``details`` cannot be saved for the organisation (``cohort`` is the one being edited)."""
    return _checked(organisation_id, details, cohort)[1]


def create_cohort(organisation: Organisation, details: CohortDetails) -> Cohort:
    """A new cohort of ``organisation``; raises CohortError with every problem."""
    values = _valid(organisation.id, details, None)
    cohort = Cohort(organisation=organisation)
    db.session.add(cohort)
    return _apply(cohort, details, *values)


def update_cohort(cohort: Cohort, details: CohortDetails) -> Cohort:
    """Change the cohort's name, hashtag, start and pacing; the schedule is replaced, and cleared for self-paced."""
    return _apply(cohort, details, *_valid(cohort.organisation_id, details, cohort))


def close_cohort(cohort: Cohort) -> None:
    """Close the cohort for good: its feed keeps what was published and takes nothing new."""
    if cohort.closed_at is None:
        cohort.closed_at = utcnow()


def delete_cohort(cohort: Cohort) -> None:
    """Delete the cohort with its circles, schedule, memberships and reminder log.

    People keep their accounts, drafts, reviews and progress; their reviews
    simply belong to no cohort any more.
    """
    db.session.delete(cohort)
    db.session.flush()


def _valid(organisation_id: int, details: CohortDetails,
           cohort: Cohort | None) -> tuple[str, str | None, dict[str, date]]:
    values, problems = _checked(organisation_id, details, cohort)
    if problems:
        raise CohortError(problems)
    return values


def _apply(cohort: Cohort, details: CohortDetails, name: str, hashtag: str | None,
           schedule: dict[str, date]) -> Cohort:
    cohort.name, cohort.hashtag = name, hashtag
    cohort.starts_on, cohort.pacing = details.starts_on, details.pacing
    cohort.ends_on, cohort.feed_open_to_organisation = details.ends_on, details.feed_open_to_organisation
    if cohort.schedule:
        cohort.schedule.clear()
        db.session.flush()  # the old rows go before new ones with the same keys arrive
    cohort.schedule.extend(StageSchedule(stage_key=key, opens_on=day) for key, day in schedule.items())
    db.session.flush()
    return cohort


def _checked(organisation_id: int, details: CohortDetails,
             cohort: Cohort | None) -> tuple[tuple[str, str | None, dict[str, date]], dict[str, str]]:
    """The cleaned name, hashtag and schedule, and every problem found."""
    problems: dict[str, str] = {}
    name = " ".join(details.name.split())
    if not name:
        problems["name"] = _("Give the cohort a name.")
    elif len(name) > NAME_MAX:
        problems["name"] = _("Keep the name to %(max)d characters.", max=NAME_MAX)
    elif _name_taken(organisation_id, name, cohort):
        problems["name"] = _("This organisation already has a cohort called “%(name)s”. Choose another name.",
                             name=name)
    hashtag = None
    try:
        hashtag = normalise_hashtag(details.hashtag)
    except ValueError as error:
        problems["hashtag"] = str(error)
    schedule: dict[str, date] = {}
    if details.pacing == Pacing.SCHEDULED:
        schedule = _schedule(details, problems)
    if details.ends_on and details.starts_on and details.ends_on < details.starts_on:
        problems["ends_on"] = _("The course cannot end before it starts (%(day)s). Choose a later end date.",
                                day=format_day(details.starts_on))
    return (name, hashtag, schedule), problems


def _name_taken(organisation_id: int, name: str, cohort: Cohort | None) -> bool:
    # Compared ignoring case, so "Spring" and "spring" are not two cohorts on one page.
    statement = sa.select(Cohort.name).where(Cohort.organisation_id == organisation_id)
    if cohort is not None:
        statement = statement.where(Cohort.id != cohort.id)
    return any(other.casefold() == name.casefold() for other in db.session.scalars(statement))


def _schedule(details: CohortDetails, problems: dict[str, str]) -> dict[str, date]:
    """The date each stage opens: the first defaults to the start; none may open before the one above it."""
    if details.starts_on is None:
        problems["starts_on"] = _("A scheduled cohort needs a start date: the first stage opens on it.")
    schedule: dict[str, date] = {}
    latest, latest_number = details.starts_on, None  # the latest date so far in stage order, and its stage
    for index, stage in enumerate(lessons.curriculum.stages):
        day = details.opens_on.get(stage.key) or (details.starts_on if index == 0 else None)
        if day is None:
            if index:
                problems[stage_field(stage.key)] = _("Give every stage a date, or choose self-paced.")
            continue
        if latest is not None and day < latest:
            problems[stage_field(stage.key)] = _backwards(stage.number, latest_number, latest)
        else:
            latest, latest_number = day, stage.number
        schedule[stage.key] = day
    return schedule


def _backwards(number: int, earlier: int | None, earlier_date: date) -> str:
    when = format_day(earlier_date, long=True)
    if earlier is None:
        return _("Stage %(number)d cannot open before the cohort starts on %(date)s.", number=number, date=when)
    return _("Stage %(number)d cannot open before stage %(earlier)d, which opens on %(date)s.",
             number=number, earlier=earlier, date=when)
