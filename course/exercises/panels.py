"""What the exercise part of a lesson page shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.curriculum.content import Lesson
from course.curriculum.rendering import prompt_html
from course.drafts.models import Draft
from course.drafts.services import draft_for
from course.drafts.targets import COMPOSER_KINDS
from course.exercises.forms import FORM_KINDS, ExerciseForm, form_class
from course.exercises.models import ExerciseResponse
from course.exercises.services import response_for
from course.review.pages import pending_note
from course.review.queries import FeedbackCounts, draft_reviews, feedback_counts
from course.text.platforms import PLATFORMS

KIND_TITLES = {
    "reflection": _l("Reflection"),
    "survey": _l("Survey"),
    "plan": _l("Your plan"),
    "replies": _l("Replies"),
    "profile": _l("Your profile text"),
    "post": _l("Writing exercise"),
}


@dataclass
class Comparison:
    question: str
    before: Any
    now: Any


@dataclass
class ExercisePanel:
    kind: str
    prompt_html: str
    form: ExerciseForm | None  # None: written in the composer
    response: ExerciseResponse | None
    platforms: list[str] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    plan_rows: list[list[str]] = field(default_factory=list)  # field names per row
    plan_headings: list[str] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    composer_url: str | None = None  # learners write posts and profiles in the composer
    draft: Draft | None = None
    feedback: FeedbackCounts | None = None  # once the draft has been submitted

    @property
    def title(self) -> str:
        return str(KIND_TITLES[self.kind])

    @property
    def is_done(self) -> bool:
        return self.response is not None

    @property
    def composer_action(self) -> str:
        if self.draft is None:
            return _("Start writing")
        if self.draft.is_submitted:
            return _("Open your submitted text")
        return _("Revise your text") if self.draft.is_revising else _("Continue writing")

    @property
    def draft_status(self) -> str:
        if self.draft is None:
            return _("The composer counts characters the way each platform does, shows a preview and saves your draft as you type.")
        if self.draft.is_submitted:
            return _("Submitted for peer review. You can revise it after the feedback.")
        if self.draft.is_revising:
            return _("You are revising a submitted text. Submit it again when you are ready.")
        return _("Your draft is saved. Only you can see it until you submit it.")

    @property
    def feedback_label(self) -> str:
        return _("Feedback (%(count)d)", count=self.feedback.received) if self.feedback else ""

    @property
    def feedback_note(self) -> str:
        """How many reviews are still being written, and by when."""
        return pending_note(self.feedback) if self.feedback else ""


def exercise_panel(user: User, lesson: Lesson, language: str, form: ExerciseForm | None = None) -> ExercisePanel:
    """The exercise of ``lesson`` for ``user``: prompt, form (filled with saved answers), extras."""
    exercise, lesson_text = lesson.exercise, lesson.text(language)
    text = lesson_text.exercise
    # Posts and profiles are drafts, never responses: no need to look for one.
    response = response_for(user, lesson.slug) if exercise.kind in FORM_KINDS else None
    if exercise.kind in FORM_KINDS and form is None:
        saved = dict(response.answers, share=response.is_shared_with_trainer) if response else {}
        form = form_class(lesson, language)(formdata=None, data=saved)
    panel = ExercisePanel(exercise.kind, prompt_html(lesson_text),
                          form if exercise.kind in FORM_KINDS else None, response)
    if exercise.kind in COMPOSER_KINDS and user.is_learner:
        panel.composer_url = url_for("drafts.edit", slug=lesson.slug)
        panel.draft = draft_for(user, lesson.slug)
        if panel.draft is not None and panel.draft.first_submitted_at is not None:
            panel.feedback = feedback_counts(draft_reviews(panel.draft))
    if exercise.kind in ("post", "replies"):
        keys = exercise.settings.get("platforms") or [exercise.settings["platform"]]
        panel.platforms = [PLATFORMS[key].name for key in keys]
    if exercise.kind == "replies":
        panel.posts = text["posts"]
    if exercise.kind == "plan":
        columns = list(text["columns"])
        panel.plan_headings = list(text["columns"].values())
        panel.plan_rows = [[f"row{row}_{key}" for key in columns] for row in range(1, exercise.settings["rows"] + 1)]
    if exercise.kind == "survey" and "compare_with" in exercise.settings:
        panel.comparisons = _comparisons(user, lesson, text, response)
    return panel


def _comparisons(user, lesson, text, response) -> list[Comparison]:
    earlier = response_for(user, lesson.exercise.settings["compare_with"])
    if earlier is None:
        return []
    now = response.answers if response else {}
    return [Comparison(text["questions"][q["key"]], earlier.answers.get(f"q_{q['key']}"), now.get(f"q_{q['key']}"))
            for q in lesson.exercise.settings["questions"]]
