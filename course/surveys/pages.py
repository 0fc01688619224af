"""The follow-up survey page: the form, or when it opens; once answered, the three answers side by side."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from course.exercises.forms import ExerciseForm, form_class
from course.surveys.series import SurveySeries
from course.surveys.services import FollowUp


@dataclass(frozen=True)
class Answers:
    question: str
    before: Any
    closing: Any
    follow_up: Any


@dataclass(frozen=True)
class FollowUpPage:
    is_open: bool
    has_closing: bool
    opens_at: datetime | None
    form: ExerciseForm | None
    answered_at: datetime | None
    comparisons: list[Answers] = field(default_factory=list)


def follow_up_page(series: SurveySeries, state: FollowUp, language: str, now: datetime,
                   form: ExerciseForm | None = None) -> FollowUpPage:
    """What ``state``'s person sees: the form filled with any saved answers, and their answers over time."""
    is_open = state.is_open(now)
    if is_open and form is None:
        saved = state.follow_up.answers if state.follow_up else {}
        form = form_class(series.closing, language)(formdata=None, data=saved)
    comparisons = []
    if state.follow_up is not None:
        texts = series.closing.text(language).exercise["questions"]
        answers = [response.answers if response else {} for response in (state.before, state.closing, state.follow_up)]
        comparisons = [Answers(texts[q["key"]], *(a.get(f"q_{q['key']}") for a in answers)) for q in series.questions]
    return FollowUpPage(is_open, state.closing is not None, state.opens_at, form if is_open else None,
                        state.follow_up.updated_at if state.follow_up else None, comparisons)
