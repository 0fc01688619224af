"""What a post or profile exercise asks for: the parts to write, and how each is counted."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from course.curriculum.content import Lesson
from course.text.platforms import PLATFORMS, Platform, UnknownPlatform

SINGLE_POST = "post"
COMPOSER_KINDS = ("post", "profile")  # the exercises written in the composer


@dataclass(frozen=True)
class Part:
    """One text of a draft: a post for a platform, or a profile field."""

    key: str
    label: str
    counting: str
    limit: int | None
    platform: Platform | None = None

    @property
    def field_name(self) -> str:
        return f"text_{self.key}"


def platform_choices(lesson: Lesson) -> list[Platform]:
    """The platforms the learner may pick from; empty when the exercise fixes them."""
    settings = lesson.exercise.settings
    if lesson.exercise.kind != "post" or settings.get("each_platform"):
        return []
    return [PLATFORMS[key] for key in settings["platforms"]]


def chosen_platform(lesson: Lesson, wanted: str | None) -> str | None:
    """The platform a single post is written for: ``wanted`` if allowed, else the first listed.

    Raises UnknownPlatform for a platform the exercise does not offer.
    """
    choices = platform_choices(lesson)
    if not choices:
        return None
    if wanted is None or wanted == "":
        return choices[0].key
    if wanted not in {platform.key for platform in choices}:
        names = ", ".join(platform.name for platform in choices)
        raise UnknownPlatform(_("This exercise is written for one of: %(names)s.", names=names))
    return wanted


def parts_for(lesson: Lesson, language: str, platform: str | None = None) -> list[Part]:
    """The parts of ``lesson``'s exercise, labelled in ``language``."""
    exercise = lesson.exercise
    if exercise.kind == "profile":
        labels = lesson.text(language).exercise["labels"]
        return [Part(item["key"], labels[item["key"]], "characters", item["limit"])
                for item in exercise.settings["fields"]]
    if exercise.settings.get("each_platform"):
        return [_platform_part(PLATFORMS[key], key) for key in exercise.settings["platforms"]]
    key = chosen_platform(lesson, platform)
    return [_platform_part(PLATFORMS[key], SINGLE_POST)]


def _platform_part(platform: Platform, key: str) -> Part:
    return Part(key, _("Your post for %(platform)s", platform=platform.name), platform.counting,
                platform.limit, platform)
