"""The curriculum as loaded from `lessons/`: stages, lessons, texts, rubric criteria."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "de")
TRACKS = ("all", "leadership", "staff")
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:[-']\w+)*")


def count_words(markdown_text: str) -> int:
    """Words of running text, ignoring Markdown punctuation."""
    return len(_WORD.findall(markdown_text))


@dataclass
class LessonText:
    """The translated part of a lesson in one language."""

    title: str
    summary: str
    takeaway: str
    body: str
    exercise: dict[str, Any] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)  # HTML of body and prompt, made on first use

    @cached_property
    def word_count(self) -> int:
        return count_words(self.body)

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))


@dataclass
class Exercise:
    """What the learner does at the end of a lesson: ``kind`` plus its settings."""

    kind: str
    settings: dict[str, Any]


@dataclass
class Lesson:
    slug: str
    stage_key: str
    order: int
    track: str
    minutes: int
    required: bool
    exercise: Exercise | None
    texts: dict[str, LessonText]
    facts_as_of: tuple[int, int] | None = None  # (year, month) the platform facts were last checked

    def require_exercise(self) -> Exercise:
        """The exercise, for code that only lessons with an exercise reach."""
        if self.exercise is None:
            raise LookupError(f"the lesson {self.slug!r} has no exercise")
        return self.exercise

    def text(self, language: str) -> LessonText:
        """The lesson in ``language``, falling back to English."""
        return self.texts.get(language) or self.texts[DEFAULT_LANGUAGE]

    def is_for_track(self, track: str | None) -> bool:
        """Whether a learner on ``track`` sees this lesson (None: everything, for trainers)."""
        return track is None or self.track in ("all", track)


@dataclass
class Stage:
    key: str
    number: int
    titles: dict[str, str]
    descriptions: dict[str, str]
    lessons: list[Lesson] = field(default_factory=list)

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]

    def description(self, language: str) -> str:
        return self.descriptions.get(language) or self.descriptions[DEFAULT_LANGUAGE]

    def lessons_for(self, track: str | None) -> list[Lesson]:
        return [lesson for lesson in self.lessons if lesson.is_for_track(track)]


@dataclass
class Criterion:
    """A review criterion with four levels."""

    key: str
    names: dict[str, str]
    levels: list[dict[str, str]]

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names[DEFAULT_LANGUAGE]


@dataclass
class Curriculum:
    stages: list[Stage]
    lessons: dict[str, Lesson]
    criteria: dict[str, Criterion]

    def stage(self, key: str) -> Stage:
        return next(stage for stage in self.stages if stage.key == key)

    def lesson_title(self, slug: str, language: str) -> str:
        """The title of the lesson ``slug`` in ``language``; the slug itself if the lesson is gone."""
        lesson = self.lessons.get(slug)
        return lesson.text(language).title if lesson else slug

    def sequence(self, track: str | None) -> list[Lesson]:
        """Every lesson a learner on ``track`` sees, in course order."""
        return [lesson for stage in self.stages for lesson in stage.lessons_for(track)]
