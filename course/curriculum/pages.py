"""Rendering a lesson page; shared by reading a lesson and answering its exercise."""
from __future__ import annotations

from flask import abort, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from course.curriculum.queries import CourseView, course_view
from course.curriculum.rendering import lesson_html
from course.curriculum.unlocking import LessonState, StageState
from course.dates import format_day
from course.exercises.forms import ExerciseForm
from course.exercises.panels import exercise_panel


def lock_reason(stage: StageState, language: str) -> str:
    """Why a stage is closed and when it opens, in words."""
    if stage.waits_for is not None:
        return _("This stage opens when you have completed every lesson of “%(stage)s”.",
                 stage=stage.waits_for.title(language))
    if stage.opens_on is not None:
        return _("This stage opens on %(date)s.", date=format_day(stage.opens_on, long=True))
    return _("Your trainer has not scheduled this stage yet.")


def find_lesson(slug: str) -> tuple[CourseView, StageState, LessonState]:
    """The lesson as the current user sees it; 404 when it is not in their course."""
    view = course_view(current_user)
    found = view.lesson_state(slug)
    if found is None:
        abort(404)
    return view, *found


def render_lesson(view: CourseView, stage: StageState, state: LessonState,
                  form: ExerciseForm | None = None, status: int = 200):
    """The lesson page, or the page explaining why it is locked (403)."""
    language = str(get_locale())
    if state.is_locked:
        return render_template("curriculum/locked.html", stage=stage, lesson=state.lesson,
                               text=state.lesson.text(language), reason=lock_reason(stage, language),
                               language=language), 403
    lesson = state.lesson
    text = lesson.text(language)
    previous, following = view.neighbours(lesson.slug)
    panel = exercise_panel(current_user, lesson, language, form) if lesson.exercise else None
    return render_template(
        "curriculum/lesson.html", view=view, stage=stage, state=state, lesson=lesson, text=text,
        html=lesson_html(text),
        previous=previous, following=following, panel=panel, language=language,
        can_record_progress=current_user.is_learner,
    ), status
