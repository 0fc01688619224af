"""How old the platform facts in a lesson are.

A lesson that states platform facts (features, limits, owners, settings) says
in its English front matter when they were last checked: ``facts_as_of: 2026-12``.
`flask lessons check` warns, without failing, when that month lies more than
``MAX_AGE_MONTHS`` before today.
"""
from __future__ import annotations

import re
from datetime import date

from course.curriculum.content import Curriculum, Lesson

MAX_AGE_MONTHS = 12
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(value: object) -> tuple[int, int] | None:
    """``(year, month)`` from ``YYYY-MM`` (a date from YAML counts by its month); None if malformed."""
    if isinstance(value, date):
        return value.year, value.month
    match = _MONTH.match(value) if isinstance(value, str) else None
    return (int(match[1]), int(match[2])) if match else None


def months_between(earlier: tuple[int, int], later: date) -> int:
    """Whole calendar months from the month ``earlier`` to the month of ``later``."""
    return (later.year - earlier[0]) * 12 + later.month - earlier[1]


def is_stale(lesson: Lesson, today: date) -> bool:
    """Whether the lesson's platform facts were checked more than MAX_AGE_MONTHS ago."""
    return lesson.facts_as_of is not None and months_between(lesson.facts_as_of, today) > MAX_AGE_MONTHS


def stale_facts_warnings(curriculum: Curriculum, today: date) -> list[str]:
    """One line per lesson whose platform facts are due for a check, in course order."""
    warnings = []
    for lesson in curriculum.sequence(None):
        if lesson.facts_as_of is not None and is_stale(lesson, today):
            year, month = lesson.facts_as_of
            warnings.append(f"lessons/en/{lesson.slug}.md: the platform facts are as of {year}-{month:02d}, more than "
                            f"{MAX_AGE_MONTHS} months ago; check them and update facts_as_of")
    return warnings
