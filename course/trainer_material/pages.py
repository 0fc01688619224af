"""Page models for the trainer material: the material joined with the stages and lessons of the curriculum.

Nothing here touches the database: the material and the lessons are files, loaded once.
"""
from __future__ import annotations

from dataclasses import dataclass

from course.curriculum.content import Curriculum
from course.trainer_material.content import CircleGuide, SessionPlan, circle_guide, session_plans


@dataclass(frozen=True)
class LessonLink:
    slug: str
    title: str
    track: str


@dataclass(frozen=True)
class SessionPage:
    number: int
    stage_key: str
    stage_title: str
    stage_description: str
    lessons: list[LessonLink]
    plan: SessionPlan


def session_pages(curriculum: Curriculum, language: str) -> list[SessionPage]:
    """One page per stage that has a plan, in course order."""
    plans = session_plans(language)
    return [
        SessionPage(stage.number, stage.key, stage.title(language), stage.description(language),
                    [LessonLink(lesson.slug, lesson.text(language).title, lesson.track) for lesson in stage.lessons],
                    plans[stage.key])
        for stage in curriculum.stages if stage.key in plans
    ]


def session_page(curriculum: Curriculum, stage_key: str, language: str) -> SessionPage | None:
    """The session plan of one stage, or None if there is no such stage or plan."""
    return next((page for page in session_pages(curriculum, language) if page.stage_key == stage_key), None)


def circle_page(language: str) -> CircleGuide:
    """The circle guide as the page shows it."""
    return circle_guide(language)
