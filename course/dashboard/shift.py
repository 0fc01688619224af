"""The survey's shift: how a cohort's answers moved from the first survey to the closing one and the follow-up.

Only people who answered both are counted, and a question is shown only where at least MIN_GROUP of them
gave an answer both times, so no figure can point at a person; the follow-up is a third column where at
least MIN_GROUP answered all three. Text answers are private: only how many answered is told.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlalchemy as sa

from course.cohorts.models import Cohort, CohortMember
from course.database import read_columns
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.surveys.series import SurveySeries

MIN_GROUP = 5

# user id -> survey key (before, closing or follow-up) -> answers
Answers = dict[int, dict[str, dict[str, Any]]]


@cache  # built once: the page and its CSV ask
def _answers() -> sa.Select:
    members = sa.select(CohortMember.user_id).where(CohortMember.cohort_id == sa.bindparam("cohort_id"))
    return (sa.select(ExerciseResponse.user_id, ExerciseResponse.lesson_slug, ExerciseResponse.answers)
            .where(ExerciseResponse.user_id.in_(members),
                   ExerciseResponse.lesson_slug.in_(sa.bindparam("slugs", expanding=True))))


def load_answers(cohort: Cohort, series: SurveySeries) -> Answers:
    """Every member's answers to the three surveys, in one statement."""
    answers: Answers = defaultdict(dict)
    rows = read_columns(db.session, _answers(), {"cohort_id": cohort.id, "slugs": list(series.slugs)})
    for user_id, slug, values in rows:
        answers[user_id][slug] = values if isinstance(values, dict) else {}
    return answers


@dataclass(frozen=True)
class Column:
    """One survey's answers to one scale question by the people counted."""

    people: int
    counts: tuple[int, ...]  # per value of the scale, lowest first
    mean: float
    median: float

    def share(self, index: int) -> float:
        return self.counts[index] / self.people if self.people else 0.0


@dataclass(frozen=True)
class ScaleShift:
    key: str
    values: tuple[int, ...]
    before: Column | None  # None: fewer than MIN_GROUP answered both times
    closing: Column | None
    follow_up: Column | None  # None: fewer than MIN_GROUP answered all three

    @property
    def is_shown(self) -> bool:
        return self.before is not None


@dataclass(frozen=True)
class TextCount:
    key: str
    answered_both: int | None  # None: fewer than MIN_GROUP, not told


@dataclass(frozen=True)
class CohortShift:
    both: int  # people who answered the first and the closing survey
    scales: list[ScaleShift]
    texts: list[TextCount]

    @property
    def is_enough(self) -> bool:
        return any(scale.is_shown for scale in self.scales)


def _value(answers: dict[str, Any] | None, key: str, values: range) -> int | None:
    raw = (answers or {}).get(f"q_{key}")
    if raw is None:
        return None
    try:
        number = int(raw)  # stored as the form gave it: a string of digits
    except (TypeError, ValueError):
        return None
    return number if number in values else None


def _column(numbers: list[int], values: range) -> Column:
    counts = tuple(numbers.count(value) for value in values)
    return Column(len(numbers), counts, statistics.fmean(numbers), float(statistics.median(numbers)))


def cohort_shift(answers: Answers, series: SurveySeries, minimum: int = MIN_GROUP) -> CohortShift:
    """The shift per question, with ``minimum`` (at least MIN_GROUP people) applied to every figure."""
    minimum = max(minimum, MIN_GROUP)
    before_slug, closing_slug, follow_up_slug = series.slugs
    both = [person for person in answers.values() if before_slug in person and closing_slug in person]
    scales, texts = [], []
    for question in series.questions:
        key = question["key"]
        if question["type"] != "scale":
            answered = sum(bool(str(p[before_slug].get(f"q_{key}") or "").strip())
                           and bool(str(p[closing_slug].get(f"q_{key}") or "").strip()) for p in both)
            texts.append(TextCount(key, answered if answered >= minimum else None))
            continue
        values = range(question["min"], question["max"] + 1)
        pairs = [(b, c) for b, c in ((_value(p[before_slug], key, values), _value(p[closing_slug], key, values))
                                     for p in both) if b is not None and c is not None]
        triples = [(b, c, f) for b, c, f in ((_value(p[before_slug], key, values),
                                              _value(p[closing_slug], key, values),
                                              _value(p.get(follow_up_slug), key, values)) for p in both)
                   if b is not None and c is not None and f is not None]
        if len(pairs) < minimum:
            scales.append(ScaleShift(key, tuple(values), None, None, None))
            continue
        follow_up = _column([f for _b, _c, f in triples], values) if len(triples) >= minimum else None
        scales.append(ScaleShift(key, tuple(values), _column([b for b, _c in pairs], values),
                                 _column([c for _b, c in pairs], values), follow_up))
    return CohortShift(len(both), scales, texts)
